r"""Optimizers: how a gradient becomes a step.

Every optimizer updates the parameter arrays **in place** from their gradients:
``optimizer.step(params, grads)``. Its state (velocities, moment estimates) is kept
per parameter array. Coefficients are Python floats on purpose: a NumPy ``float64``
scalar would silently turn ``float32`` parameters into ``float64`` ones.

=============  ==================================================================
optimizer      update of a parameter :math:`\theta` with gradient :math:`g`
=============  ==================================================================
SGD            :math:`\theta \leftarrow \theta - \eta g`
momentum       :math:`v \leftarrow \mu v - \eta g,\ \theta \leftarrow \theta + v`
Nesterov       :math:`v \leftarrow \mu v - \eta g,\ \theta \leftarrow \theta + \mu v - \eta g`
RMSprop        :math:`s \leftarrow \rho s + (1-\rho) g^2,\ \theta \leftarrow \theta - \eta\, g / (\sqrt{s} + \epsilon)`
Adam           see :class:`Adam`
=============  ==================================================================
"""

import math

from .backend import array_namespace, has_views
from .schedules import as_schedule
from .validation import POSITIVE, UNIT_INTERVAL, check

__all__ = ["Optimizer", "SGD", "RMSprop", "Adam", "get_optimizer"]

CHUNK = 32768
"""A parameter vector longer than this is updated this many entries at a time: the
temporary arrays of a formula are then a chunk long and stay in the CPU cache, instead
of vectors as long as the network that the memory must serve on every operation."""


class Optimizer:
    """Base class: ``step`` applies the subclass's ``update`` to every parameter array.

    Parameters
    ----------
    learning_rate : float or Schedule
        :math:`\\eta`, constant or a schedule of the epoch (set ``epoch`` to advance it).
    """

    def __init__(self, learning_rate):
        self.schedule = as_schedule(learning_rate)
        self.epoch = 0
        self.iterations = 0
        self.state = {}

    @property
    def learning_rate(self):
        """The current rate :math:`\\eta` (a Python float)."""
        return self.schedule(self.epoch)

    def step(self, params, grads):
        """Update every array of ``params`` in place from the matching ``grads``."""
        if len(params) != len(grads):
            raise ValueError(f"got {len(params)} parameters but {len(grads)} gradients")
        lr = self.learning_rate
        self.iterations += 1
        for p, g in zip(params, grads):
            state = self._state_of(p)
            if p.ndim == 1 and p.shape[0] > CHUNK and has_views(array_namespace(p)):
                for start in range(0, p.shape[0], CHUNK):
                    part = slice(start, start + CHUNK)
                    self.update_in_place(p[part], g[part], lr, {k: v[part] for k, v in state.items()})
            else:
                self.update(p, g, lr, state)

    def update(self, p, g, lr, state):
        """The update formula of one parameter array ``p`` with gradient ``g`` (in place)."""
        raise NotImplementedError

    def update_in_place(self, p, g, lr, state):
        """The same update for long vectors (chunk by chunk); by default :meth:`update`."""
        self.update(p, g, lr, state)

    def _state_of(self, p):
        """The state arrays of parameter ``p`` (created at its first step)."""
        key = id(p)
        if key not in self.state or self.state[key][0] is not p:
            self.state[key] = (p, self._new_state(p))  # keeping p keeps its id unique
        return self.state[key][1]

    def _new_state(self, p):
        """Arrays of the shape of ``p`` that the update keeps between steps."""
        return {}

    def reset(self):
        """Forget all state (velocities, moments, step count)."""
        self.state = {}
        self.iterations = 0

    def __repr__(self):
        return f"{type(self).__name__}(learning_rate={self.schedule!r})"


class SGD(Optimizer):
    r"""Stochastic gradient descent, optionally with (Nesterov) momentum.

    .. math::
        v &\leftarrow \mu v - \eta g \\
        \theta &\leftarrow \theta + v \quad\text{(classical momentum)} \\
        \theta &\leftarrow \theta + \mu v - \eta g \quad\text{(Nesterov)}

    With :math:`\mu = 0` this is plain :math:`\theta \leftarrow \theta - \eta g`. The
    formulas are those of scikit-learn's ``MLPClassifier(solver="sgd")``.

    Parameters
    ----------
    learning_rate : float or Schedule, default 0.01
    momentum : float in [0, 1), default 0.0
    nesterov : bool, default False
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False):
        super().__init__(learning_rate)
        self.momentum = check(momentum, "momentum", UNIT_INTERVAL)
        self.nesterov = bool(nesterov)

    def _new_state(self, p):
        return {"velocity": array_namespace(p).zeros_like(p)} if self.momentum else {}

    def update(self, p, g, lr, state):
        if self.momentum == 0.0:
            p -= lr * g                                        # θ ← θ − η g
            return
        v, mu = state["velocity"], self.momentum
        v[...] = mu * v - lr * g                               # v ← μ v − η g
        p += mu * v - lr * g if self.nesterov else v           # θ ← θ + μ v − η g, or θ + v


class RMSprop(Optimizer):
    r"""RMSprop (Tieleman & Hinton, 2012): divide by a running RMS of the gradient.

    .. math::
        s &\leftarrow \rho s + (1-\rho) g^2 \\
        \theta &\leftarrow \theta - \eta \frac{g}{\sqrt{s} + \epsilon}

    Parameters
    ----------
    learning_rate : float or Schedule, default 0.001
    rho : float in [0, 1), default 0.9
    epsilon : float, default 1e-8
    """

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-8):
        super().__init__(learning_rate)
        self.rho = check(rho, "rho", UNIT_INTERVAL)
        self.epsilon = check(epsilon, "epsilon", POSITIVE)

    def _new_state(self, p):
        return {"square_avg": array_namespace(p).zeros_like(p)}

    def update(self, p, g, lr, state):
        xp, s = array_namespace(p), state["square_avg"]
        s[...] = self.rho * s + (1 - self.rho) * g**2          # s ← ρ s + (1−ρ) g²
        p -= lr * g / (xp.sqrt(s) + self.epsilon)              # θ ← θ − η g / (√s + ε)


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015): momentum on the gradient and on its square.

    .. math::
        m &\leftarrow \beta_1 m + (1-\beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1-\beta_2) g^2 \\
        \hat m &= \frac{m}{1-\beta_1^t}, \qquad \hat v = \frac{v}{1-\beta_2^t} \\
        \theta &\leftarrow \theta - \eta \frac{\hat m}{\sqrt{\hat v} + \epsilon}

    :math:`m` and :math:`v` start at 0, so early on they underestimate; dividing by
    :math:`1-\beta^t` corrects that bias. This is the paper's Algorithm 1 (and
    PyTorch's ``Adam``).

    With ``fold_bias_correction=True`` both corrections go into the step size
    instead, :math:`\eta_t = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)` and
    :math:`\theta \leftarrow \theta - \eta_t\, m/(\sqrt{v}+\epsilon)`, the
    paper's "more efficient" ordering and scikit-learn's solver "adam" (Keras' too).
    The two differ only in where :math:`\epsilon` enters: by a factor
    :math:`\sqrt{1-\beta_2^t}`, which matters only for gradients near
    :math:`\epsilon`.

    :meth:`update` is the formula as written above. :meth:`update_in_place`, which
    updates long parameter vectors, computes the same numbers bit for bit with in-place
    operations and fewer temporary arrays (measured on 235,146 float32 parameters, the
    benchmark's W1 network, updated in chunks: about 20 % less time).

    Parameters
    ----------
    learning_rate : float or Schedule, default 0.001
    beta_1, beta_2 : float in [0, 1), default 0.9, 0.999
    epsilon : float, default 1e-8
    fold_bias_correction : bool, default False
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 fold_bias_correction=False):
        super().__init__(learning_rate)
        self.beta_1 = check(beta_1, "beta_1", UNIT_INTERVAL)
        self.beta_2 = check(beta_2, "beta_2", UNIT_INTERVAL)
        self.epsilon = check(epsilon, "epsilon", POSITIVE)
        self.fold_bias_correction = bool(fold_bias_correction)

    def _new_state(self, p):
        xp = array_namespace(p)
        return {"m": xp.zeros_like(p), "v": xp.zeros_like(p)}

    def update(self, p, g, lr, state):
        xp, m, v, t = array_namespace(p), state["m"], state["v"], self.iterations
        beta_1, beta_2 = self.beta_1, self.beta_2
        m[...] = beta_1 * m + (1 - beta_1) * g                 # m ← β₁ m + (1−β₁) g
        v[...] = beta_2 * v + (1 - beta_2) * g**2              # v ← β₂ v + (1−β₂) g²
        if self.fold_bias_correction:                          # η_t = η √(1−β₂ᵗ) / (1−β₁ᵗ)
            step_size = lr * math.sqrt(1 - beta_2**t) / (1 - beta_1**t)
            p -= step_size * m / (xp.sqrt(v) + self.epsilon)   # θ ← θ − η_t m / (√v + ε)
            return
        m_hat = m / (1 - beta_1**t)                            # m̂ = m / (1−β₁ᵗ)
        v_hat = v / (1 - beta_2**t)                            # v̂ = v / (1−β₂ᵗ)
        p -= lr * m_hat / (xp.sqrt(v_hat) + self.epsilon)      # θ ← θ − η m̂ / (√v̂ + ε)

    def update_in_place(self, p, g, lr, state):
        # the numbers of update(), bit for bit, with a third of its temporary arrays
        xp, m, v, t = array_namespace(p), state["m"], state["v"], self.iterations
        m *= self.beta_1
        m += (1 - self.beta_1) * g
        g_squared = g * g
        g_squared *= 1 - self.beta_2
        v *= self.beta_2
        v += g_squared
        if self.fold_bias_correction:
            denominator = xp.sqrt(v)
            step = m * (lr * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t))
        else:
            denominator = xp.sqrt(v / (1 - self.beta_2**t))
            step = m / (1 - self.beta_1**t)
            step *= lr
        denominator += self.epsilon
        step /= denominator
        p -= step


OPTIMIZERS = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam}


def get_optimizer(name, **params):
    """An optimizer by name (``"sgd"``, ``"rmsprop"``, ``"adam"``), or the object itself."""
    if isinstance(name, Optimizer):
        return name
    check(name, "solver", set(OPTIMIZERS))
    return OPTIMIZERS[name](**params)
