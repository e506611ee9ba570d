r"""Weight initializers.

An initializer draws a weight matrix of shape ``(fan_in, fan_out)`` (the layout of
:class:`nnlib.layers.Dense`: :math:`z = xW + b`). Draws happen on the host with a
NumPy random generator so that every backend gets the very same numbers for the same
seed; the layer then moves them to its backend.

==================  =========================================================
name                distribution
==================  =========================================================
``zeros``           :math:`w = 0`
``constant``        :math:`w = c`
``uniform``         :math:`U(a, b)`, default :math:`U(-1, 1)`
``normal``          :math:`\mathcal{N}(\mu, \sigma^2)`, default :math:`\mathcal{N}(0, 1)`
``xavier_uniform``  :math:`U(-r, r)`, :math:`r = g\sqrt{6/(n_{in}+n_{out})}`
``xavier_normal``   :math:`\mathcal{N}(0, g^2 \cdot 2/(n_{in}+n_{out}))`
``he_uniform``      :math:`U(-r, r)`, :math:`r = \sqrt{6/n_{in}}`
``he_normal``       :math:`\mathcal{N}(0, 2/n_{in})`
==================  =========================================================

``glorot_uniform`` and ``glorot_normal`` are aliases of the Xavier initializers.
"""

import math
import numbers

import numpy as np

from .validation import check

__all__ = [
    "check_random_state", "get_initializer", "INITIALIZERS",
    "zeros", "constant", "uniform", "normal",
    "xavier_uniform", "xavier_normal", "glorot_uniform", "glorot_normal",
    "he_uniform", "he_normal",
]


def check_random_state(seed):
    """Turn ``seed`` into a NumPy random generator.

    ``None`` gives a fresh unseeded generator, an int a seeded
    :class:`numpy.random.RandomState` (the generator scikit-learn uses, so the same
    seed draws the same numbers), and a ``RandomState`` or ``Generator`` is returned
    as it is.
    """
    if seed is None:
        return np.random.RandomState()
    if isinstance(seed, (np.random.RandomState, np.random.Generator)):
        return seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return np.random.RandomState(int(seed))
    raise ValueError(
        f"random_state must be None, an int, or a numpy RandomState/Generator, got {seed!r}"
    )


def _fans(shape):
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[0], shape[-1]


def zeros(shape, rng=None):
    """All zeros: every neuron of a layer then computes the same thing (the symmetry problem)."""
    return np.zeros(shape)


def constant(shape, rng=None, value=0.0):
    """Every weight equal to ``value``."""
    return np.full(shape, float(value))


def uniform(shape, rng=None, low=-1.0, high=1.0):
    r""":math:`w \sim U(\text{low}, \text{high})`."""
    return check_random_state(rng).uniform(low, high, size=shape)


def normal(shape, rng=None, mean=0.0, std=1.0):
    r""":math:`w \sim \mathcal{N}(\text{mean}, \text{std}^2)`."""
    return check_random_state(rng).normal(mean, std, size=shape)


def xavier_uniform(shape, rng=None, gain=1.0):
    r"""Glorot & Bengio (2010): :math:`U(-r, r)` with :math:`r = g\sqrt{6/(n_{in}+n_{out})}`.

    Its variance :math:`r^2/3 = 2g^2/(n_{in}+n_{out})` keeps the variance of
    activations and of gradients about constant from layer to layer for tanh-like units.
    """
    fan_in, fan_out = _fans(shape)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return check_random_state(rng).uniform(-bound, bound, size=shape)


def xavier_normal(shape, rng=None, gain=1.0):
    r"""Glorot & Bengio (2010): :math:`\mathcal{N}(0, \sigma^2)`, :math:`\sigma^2 = 2g^2/(n_{in}+n_{out})`."""
    fan_in, fan_out = _fans(shape)
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    return check_random_state(rng).normal(0.0, std, size=shape)


def he_uniform(shape, rng=None):
    r"""He et al. (2015): :math:`U(-r, r)`, :math:`r = \sqrt{6/n_{in}}` (variance :math:`2/n_{in}`)."""
    fan_in, _ = _fans(shape)
    bound = math.sqrt(6.0 / fan_in)
    return check_random_state(rng).uniform(-bound, bound, size=shape)


def he_normal(shape, rng=None):
    r"""He et al. (2015): :math:`\mathcal{N}(0, 2/n_{in})`.

    ReLU zeroes half its inputs on average, halving the variance; the factor 2
    makes up for it.
    """
    fan_in, _ = _fans(shape)
    return check_random_state(rng).normal(0.0, math.sqrt(2.0 / fan_in), size=shape)


glorot_uniform = xavier_uniform
glorot_normal = xavier_normal

INITIALIZERS = {
    "zeros": zeros,
    "constant": constant,
    "uniform": uniform,
    "normal": normal,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "glorot_uniform": xavier_uniform,
    "glorot_normal": xavier_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
}
"""Name -> initializer function ``f(shape, rng, **params)``."""


def get_initializer(name, **params):
    """Return ``init(shape, rng)`` for the initializer called ``name``.

    Parameters
    ----------
    name : str or callable
        A key of ``INITIALIZERS``, or a callable ``f(shape, rng)`` returned as is.
    **params
        Passed to the initializer (``value``, ``low``/``high``, ``mean``/``std``, ``gain``).
    """
    if callable(name):
        return name
    check(name, "weight initializer", set(INITIALIZERS))
    function = INITIALIZERS[name]

    def init(shape, rng=None):
        return function(tuple(shape), rng, **params)

    init.__name__ = name
    return init
