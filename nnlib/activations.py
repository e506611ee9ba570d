r"""Activation functions and their derivatives.

Each activation :math:`f` is applied elementwise to the pre-activation :math:`z`
(softmax is the exception: it acts on each row). Each comes with its derivative
:math:`f'(z)`, which backpropagation multiplies into the incoming gradient.

Use the functions directly (``relu(z)``, ``relu_derivative(z)``) or look one up by
name with :func:`get_activation`, which returns an :class:`ActivationFunction`.
"""

import math
from typing import Callable, NamedTuple, Optional

from . import functional
from .backend import accepts_array_like, array_namespace
from .validation import FINITE, check

__all__ = [
    "ActivationFunction", "get_activation", "ACTIVATIONS", "Registered", "activation_names",
    "step", "step_derivative", "identity", "identity_derivative",
    "sigmoid", "sigmoid_derivative", "logistic", "logistic_derivative",
    "tanh", "tanh_derivative", "relu", "relu_derivative",
    "leaky_relu", "leaky_relu_derivative", "elu", "elu_derivative",
    "softmax", "softmax_derivative",
]


def _as_float(mask, like):
    """Turn a boolean mask into 0.0/1.0 of the dtype of ``like``."""
    xp = array_namespace(like)
    return xp.astype(mask, like.dtype)


@accepts_array_like
def step(z):
    r"""Heaviside step: :math:`f(z) = 1` if :math:`z \ge 0`, else :math:`0` (the perceptron's)."""
    return _as_float(z >= 0, z)


@accepts_array_like
def step_derivative(z):
    r""":math:`f'(z) = 0` everywhere (undefined at 0): why the step cannot be trained by gradients."""
    return array_namespace(z).zeros_like(z)


@accepts_array_like
def identity(z):
    r"""Identity (linear) activation: :math:`f(z) = z`."""
    return z


@accepts_array_like
def identity_derivative(z):
    r""":math:`f'(z) = 1`."""
    return array_namespace(z).ones_like(z)


@accepts_array_like
def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1/(1+e^{-z})`, range :math:`(0, 1)`."""
    return functional.sigmoid(z)


@accepts_array_like
def sigmoid_derivative(z):
    r""":math:`\sigma'(z) = \sigma(z)\,(1-\sigma(z))`, at most :math:`1/4` (at :math:`z=0`)."""
    s = functional.sigmoid(z)
    return s * (1 - s)


logistic = sigmoid
logistic_derivative = sigmoid_derivative


@accepts_array_like
def tanh(z):
    r"""Hyperbolic tangent :math:`\tanh(z) = (e^{z}-e^{-z})/(e^{z}+e^{-z})`, range :math:`(-1, 1)`."""
    return array_namespace(z).tanh(z)


@accepts_array_like
def tanh_derivative(z):
    r""":math:`\tanh'(z) = 1 - \tanh^2(z)`, at most 1 (at :math:`z=0`)."""
    t = array_namespace(z).tanh(z)
    return 1 - t * t


@accepts_array_like
def relu(z):
    r"""Rectified linear unit :math:`f(z) = \max(0, z)`."""
    return array_namespace(z).maximum(z, 0.0)


@accepts_array_like
def relu_derivative(z):
    r""":math:`f'(z) = 1` if :math:`z > 0`, else 0 (we take 0 at the kink, as scikit-learn does)."""
    return _as_float(z > 0, z)


@accepts_array_like
def leaky_relu(z, alpha=0.01):
    r"""Leaky ReLU :math:`f(z) = z` if :math:`z > 0`, else :math:`\alpha z`."""
    xp = array_namespace(z)
    return xp.where(z > 0, z, alpha * z)


@accepts_array_like
def leaky_relu_derivative(z, alpha=0.01):
    r""":math:`f'(z) = 1` if :math:`z > 0`, else :math:`\alpha`."""
    xp = array_namespace(z)
    return xp.where(z > 0, xp.ones_like(z), xp.full_like(z, alpha))


@accepts_array_like
def elu(z, alpha=1.0):
    r"""Exponential linear unit :math:`f(z) = z` if :math:`z > 0`, else :math:`\alpha(e^{z}-1)`.

    ``exp`` only sees :math:`\min(z, 0)`, so large positive inputs cannot overflow.
    """
    xp = array_namespace(z)
    negative_part = xp.minimum(z, xp.zeros_like(z))
    return xp.where(z > 0, z, alpha * xp.expm1(negative_part))


@accepts_array_like
def elu_derivative(z, alpha=1.0):
    r""":math:`f'(z) = 1` if :math:`z > 0`, else :math:`\alpha e^{z}`."""
    xp = array_namespace(z)
    negative_part = xp.minimum(z, xp.zeros_like(z))
    return xp.where(z > 0, xp.ones_like(z), alpha * xp.exp(negative_part))


@accepts_array_like
def softmax(z):
    r"""Softmax over the last axis: :math:`f(z)_j = e^{z_j} / \sum_k e^{z_k}`."""
    return functional.softmax(z, axis=-1)


@accepts_array_like
def softmax_derivative(z):
    r"""Jacobian of softmax for each row, shape ``(n, k, k)``.

    .. math:: \frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)
    """
    xp = array_namespace(z)
    s = functional.softmax(z, axis=-1)
    k = s.shape[-1]
    eye = xp.eye(k, dtype=s.dtype)
    return s[..., :, None] * eye - s[..., :, None] * s[..., None, :]


class ActivationFunction:
    """An activation bundled with its derivative and its hyperparameters.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"relu"``.
    function, derivative : callable
        :math:`f(z)` and :math:`f'(z)`.
    elementwise : bool
        False only for softmax, whose backward pass mixes a row's entries.
    **params
        Hyperparameters passed to both callables (``alpha`` for leaky ReLU and ELU).
    """

    def __init__(self, name, function, derivative, elementwise=True, **params):
        self.name = name
        self.function = function
        self.derivative_function = derivative
        self.elementwise = elementwise
        self.params = params

    def __call__(self, z):
        return self.function(z, **self.params)

    def derivative(self, z):
        """:math:`f'(z)` (for softmax, the per-row Jacobian)."""
        return self.derivative_function(z, **self.params)

    def backward(self, z, grad):
        r"""Chain rule through the activation: :math:`\partial L/\partial z` from :math:`\partial L/\partial a`.

        Elementwise: :math:`\partial L/\partial z = \partial L/\partial a \odot f'(z)`.
        Softmax: :math:`s \odot (g - \langle g, s \rangle)` row by row, which is the
        Jacobian-vector product without building the Jacobian.
        """
        if self.elementwise:
            return grad * self.derivative(z)
        xp = array_namespace(z)
        s = functional.softmax(z, axis=-1)
        return s * (grad - xp.sum(grad * s, axis=-1, keepdims=True))

    def __repr__(self):
        extra = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"ActivationFunction({self.name!r}{extra})"


class Registered(NamedTuple):
    """One activation of the registry, with what its users need to know about it."""

    function: Callable
    derivative: Callable
    defaults: dict = {}       # hyperparameters and their default values
    kinked: bool = False      # a corner at z = 0, where finite differences are off
    trainable: bool = True    # gradients flow through it (the step's f' is 0 everywhere)
    elementwise: bool = True  # False for softmax, which mixes a row's entries
    alias_of: Optional[str] = None


ACTIVATIONS = {
    "identity": Registered(identity, identity_derivative),
    "linear": Registered(identity, identity_derivative, alias_of="identity"),
    "sigmoid": Registered(sigmoid, sigmoid_derivative),
    "logistic": Registered(sigmoid, sigmoid_derivative, alias_of="sigmoid"),
    "tanh": Registered(tanh, tanh_derivative),
    "relu": Registered(relu, relu_derivative, kinked=True),
    "leaky_relu": Registered(leaky_relu, leaky_relu_derivative, {"alpha": 0.01}, kinked=True),
    "elu": Registered(elu, elu_derivative, {"alpha": 1.0}),
    "step": Registered(step, step_derivative, kinked=True, trainable=False),
    "softmax": Registered(softmax, softmax_derivative, elementwise=False),
}
"""Every activation by name: **adding an activation is adding one entry here** (with its
function and derivative above). The estimators, the panels, the plots and the
gradient-check tests all read this table."""


def activation_names(*, trainable=None, elementwise=None, aliases=True):
    """Names of the registry, optionally only those that are (or are not) ``trainable``
    or ``elementwise``, and without the aliases if ``aliases`` is False."""
    return [name for name, entry in ACTIVATIONS.items()
            if (trainable is None or entry.trainable == trainable)
            and (elementwise is None or entry.elementwise == elementwise)
            and (aliases or entry.alias_of is None)]


def get_activation(name, **params):
    """Look up an activation by name.

    Parameters
    ----------
    name : str or ActivationFunction
        One of ``ACTIVATIONS`` (``"logistic"`` is an alias of ``"sigmoid"``,
        ``"linear"`` of ``"identity"``).
    **params
        ``alpha`` for ``"leaky_relu"`` and ``"elu"``.

    Raises
    ------
    ValueError
        For an unknown name, or a hyperparameter the activation does not take.
    """
    if isinstance(name, ActivationFunction):
        return name
    check(name, "activation", set(ACTIVATIONS))
    entry = ACTIVATIONS[name]
    function, derivative, defaults = entry.function, entry.derivative, entry.defaults
    unknown = set(params) - set(defaults)
    if unknown:
        raise ValueError(f"activation {name!r} takes no parameter(s) {sorted(unknown)}")
    merged = {**defaults, **params}
    merged = {key: check(value, f"{key} for activation {name!r}", FINITE)
              for key, value in merged.items()}
    return ActivationFunction(name, function, derivative, elementwise=entry.elementwise,
                              **merged)
