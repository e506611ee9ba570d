r"""Layers: each a forward pass and the backward pass that undoes it.

Every layer works on a batch whose first axis indexes samples (row-major, as NumPy
and scikit-learn store data) and has

``forward(x, training=False)``
    computes the output and remembers what the backward pass will need;
``backward(grad, input_grad=True)``
    receives :math:`\partial L/\partial\,\text{output}`, stores the gradients of its
    own parameters in ``grads`` and returns :math:`\partial L/\partial x` (skipped
    when ``input_grad`` is False: nobody needs it for the first layer).

Parameters live in the dict ``params`` and their gradients under the same names in
``grads``. The backward pass writes a gradient *into* its array
(``grads["W"][...] = ...``): inside a :class:`~nnlib.Sequential` both arrays are views
of the model's flat vectors (:mod:`nnlib.parameters`). A layer whose ``trainable`` is
False still passes gradients through but computes none for itself, so an optimizer
leaves it untouched.
"""

import math

import numpy as np

from .activations import get_activation
from .backend import array_namespace, as_array, asarray
from .backend import device as _device
from .initializers import check_random_state, get_initializer
from .validation import FINITE, POSITIVE_INT, UNIT_INTERVAL, check

__all__ = ["Layer", "Dense", "Activation", "PReLU", "Dropout", "Flatten"]


class Layer:
    """Base class. Subclasses set ``params`` (may stay empty) and implement the passes."""

    def __init__(self):
        self.params = {}
        self.grads = {}
        self.trainable = True
        self.regularized = ()  # names of the params that an L2 penalty applies to

    def add_param(self, name, value, regularized=False):
        """Make ``value`` the parameter ``name``, with a gradient of its shape (zero until
        the first backward pass); ``regularized``: an L2 penalty applies to it."""
        self.params[name] = value
        self.grads[name] = np.zeros_like(value)
        if regularized:
            self.regularized += (name,)

    def forward(self, x, training=False):
        raise NotImplementedError

    def backward(self, grad, input_grad=True):
        raise NotImplementedError

    def __call__(self, x, training=False):
        return self.forward(x, training=training)

    def output_shape(self, input_shape):
        """Shape of one sample's output given one sample's input shape."""
        return input_shape

    @property
    def n_params(self):
        return sum(math.prod(p.shape) for p in self.params.values())

    def __repr__(self):
        return f"{type(self).__name__}()"


class Dense(Layer):
    r"""Fully connected layer: :math:`z = xW + b`.

    With a batch :math:`x` of shape ``(n, fan_in)``, :math:`W` of shape
    ``(fan_in, fan_out)`` and :math:`b` of shape ``(fan_out,)``:

    .. math::
        \frac{\partial L}{\partial W} = x^\top \delta, \qquad
        \frac{\partial L}{\partial b} = \sum_{i} \delta_i, \qquad
        \frac{\partial L}{\partial x} = \delta\, W^\top,

    where :math:`\delta = \partial L/\partial z` is the incoming gradient.

    Parameters
    ----------
    fan_in, fan_out : int
        Number of inputs and of neurons.
    weight_init, bias_init : str or callable
        Initializer names (see :mod:`nnlib.initializers`).
    random_state : None, int or numpy random generator
        Seed of the weight draw.
    """

    def __init__(self, fan_in, fan_out, weight_init="xavier_uniform", bias_init="zeros",
                 random_state=None):
        super().__init__()
        self.fan_in = check(fan_in, "fan_in", POSITIVE_INT)
        self.fan_out = check(fan_out, "fan_out", POSITIVE_INT)
        rng = check_random_state(random_state)
        self.add_param("W", get_initializer(weight_init)((self.fan_in, self.fan_out), rng),
                       regularized=True)
        self.add_param("b", get_initializer(bias_init)((self.fan_out,), rng))

    def forward(self, x, training=False):
        x = as_array(x)
        if x.ndim != 2 or x.shape[1] != self.fan_in:
            raise ValueError(f"{self!r} takes a batch of shape (n, {self.fan_in}), got {tuple(x.shape)}")
        self.x = x
        z = x @ self.params["W"]
        z += self.params["b"]  # in place: no second output-sized array
        return z

    def backward(self, grad, input_grad=True):
        xp = array_namespace(grad)
        if self.trainable:
            self.grads["W"][...] = self.x.T @ grad
            self.grads["b"][...] = xp.sum(grad, axis=0)
        return grad @ self.params["W"].T if input_grad else None

    def output_shape(self, input_shape):
        return (self.fan_out,)

    def __repr__(self):
        return f"Dense({self.fan_in}, {self.fan_out})"


class Activation(Layer):
    r"""Applies an activation function: :math:`a = f(z)`; backward :math:`\delta_z = \delta_a \odot f'(z)`.

    Parameters
    ----------
    activation : str or ActivationFunction
        e.g. ``"relu"``, ``"tanh"``, ``"leaky_relu"``.
    **params
        ``alpha`` for leaky ReLU and ELU.
    """

    def __init__(self, activation, **params):
        super().__init__()
        self.activation = get_activation(activation, **params)

    def forward(self, x, training=False):
        self.z = x = as_array(x)
        return self.activation(x)

    def backward(self, grad, input_grad=True):
        return self.activation.backward(self.z, grad) if input_grad else None

    def __repr__(self):
        return f"Activation({self.activation.name!r})"


class PReLU(Layer):
    r"""Parametric ReLU (He et al., 2015): a leaky ReLU whose slope :math:`\alpha` is learned.

    .. math::
        f(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}, \qquad
        \frac{\partial L}{\partial z} = \delta \odot
            \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}, \qquad
        \frac{\partial L}{\partial \alpha_c} = \sum_{i:\, z_{ic} \le 0} \delta_{ic}\, z_{ic},

    where :math:`\delta = \partial L/\partial f(z)` is the incoming gradient and the
    sum runs over the samples (and any other axes but the last).

    As in He et al., ``channels=k`` learns one :math:`\alpha_c` per channel, the last
    axis of the input (one per neuron after a ``Dense(., k)``: their *channel-wise*
    variant), and ``channels=None`` one :math:`\alpha` shared by every unit (their
    *channel-shared* variant). :math:`\alpha` starts at 0.25, their initial value, and
    is not weight-decayed (an L2 penalty would pull it toward 0, toward ReLU), as in
    their paper. It is an ordinary parameter, ``params["alpha"]``, which optimizers
    update like any weight.

    Parameters
    ----------
    channels : int or None
        Number of slopes: one per channel, or one for the whole layer if None.
    alpha_init : float
        Initial slope.
    """

    def __init__(self, channels=None, alpha_init=0.25):
        super().__init__()
        self.channels = check(channels, "channels", None, POSITIVE_INT)
        alpha_init = check(alpha_init, "alpha_init", FINITE)
        self.add_param("alpha", np.full((1 if channels is None else self.channels,), alpha_init))

    def forward(self, x, training=False):
        x = as_array(x)
        if self.channels is not None and (x.ndim < 2 or x.shape[-1] != self.channels):
            raise ValueError(f"{self!r} takes inputs with {self.channels} channels on the last axis, "
                             f"got shape {tuple(x.shape)}")
        xp = array_namespace(x)
        self.z = x
        return xp.where(x > 0, x, self.params["alpha"] * x)

    def backward(self, grad, input_grad=True):
        xp = array_namespace(grad)
        negative = self.z <= 0
        if self.trainable:
            per_unit = xp.where(negative, grad * self.z, xp.zeros_like(grad))
            per_channel = xp.reshape(per_unit, (-1, per_unit.shape[-1]))
            total = xp.sum(per_channel, axis=0)
            self.grads["alpha"][...] = total if self.channels is not None else xp.sum(total)
        return xp.where(negative, self.params["alpha"] * grad, grad) if input_grad else None

    def __repr__(self):
        return f"PReLU({self.channels})" if self.channels is not None else "PReLU()"


class Dropout(Layer):
    r"""Inverted dropout (Srivastava et al., 2014).

    During training each unit is kept with probability :math:`p = 1 - \text{rate}`
    and the kept ones are divided by :math:`p`:

    .. math:: y = x \odot m / p, \qquad m_{ij} \sim \text{Bernoulli}(p)

    so the expected value of every unit is unchanged and inference needs no
    rescaling (``training=False`` returns ``x`` itself). The backward pass applies the
    *same* mask: :math:`\partial L/\partial x = \delta \odot m / p`.

    Parameters
    ----------
    rate : float in [0, 1)
        Fraction of units dropped.
    random_state : None, int or numpy random generator
        Seed of the masks.
    """

    def __init__(self, rate, random_state=None):
        super().__init__()
        self.rate = check(rate, "dropout rate", UNIT_INTERVAL)
        self.rng = check_random_state(random_state)
        self.mask = None

    def forward(self, x, training=False, mask=None):
        """Apply dropout; pass ``mask`` (scaled, of the shape of ``x``) to fix it, e.g. in a gradient check."""
        if not training or (self.rate == 0.0 and mask is None):
            self.mask = None
            return x
        if mask is None:
            keep = 1.0 - self.rate
            kept = self.rng.random_sample(x.shape) if hasattr(self.rng, "random_sample") \
                else self.rng.random(x.shape)
            mask = (kept < keep).astype(np.float64) / keep
            xp = array_namespace(x)
            mask = asarray(mask, xp, dtype=x.dtype, device=_device(x))
        self.mask = mask
        return x * mask

    def backward(self, grad, input_grad=True):
        if not input_grad:
            return None
        return grad if self.mask is None else grad * self.mask

    def __repr__(self):
        return f"Dropout({self.rate})"


class Flatten(Layer):
    """Reshapes each sample to a vector: ``(n, d1, d2, ...)`` to ``(n, d1*d2*...)``."""

    def forward(self, x, training=False):
        xp = array_namespace(x)
        self.input_shape = x.shape
        return xp.reshape(x, (x.shape[0], -1))

    def backward(self, grad, input_grad=True):
        if not input_grad:
            return None
        return array_namespace(grad).reshape(grad, self.input_shape)

    def output_shape(self, input_shape):
        return (math.prod(input_shape),)
