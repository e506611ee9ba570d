r"""Signals through a deep network at initialization (chapter 8).

Each layer multiplies the spread of the signal by about
:math:`\sqrt{n_{in}\operatorname{Var}(W)}` times the activation's effect, forwards for
the activations and backwards for the errors; these functions measure it, layer by layer.
"""

from typing import NamedTuple

import numpy as np


class LayerSignals(NamedTuple):
    """Per hidden layer :math:`l = 1 \\dots L` (lists of arrays)."""

    activations: list
    """:math:`A^{(l)} = f(Z^{(l)})`, shape (n_samples, width)."""
    weight_gradients: list
    r""":math:`\partial\mathcal{L}/\partial W^{(l)} = A^{(l-1)\top}\delta^{(l)}`, shape (width, width)."""
    slopes: list
    """:math:`f'(Z^{(l)})`, shape (n_samples, width)."""


class LayerStatistics(NamedTuple):
    """Per hidden layer (arrays of shape (depth,))."""

    activation_std: np.ndarray
    """:math:`\\operatorname{std}(A^{(l)})`."""
    gradient_std: np.ndarray
    r""":math:`\operatorname{std}(\partial\mathcal{L}/\partial W^{(l)})`."""
    slope_squared: np.ndarray
    """The mean of :math:`f'(Z^{(l)})^2`."""


def layer_signals(weight_init, activation, depth=10, width=256, n_samples=500, seed=0):
    r"""Push ``n_samples`` standard normal inputs through ``depth`` square layers of
    ``width`` units at initialization, :math:`A^{(l)} = f(A^{(l-1)} W^{(l)})`, and a
    random output gradient :math:`\delta^{(L)} \sim \mathcal N(0, 1) / m` back through
    them.

    Parameters
    ----------
    weight_init : str or callable
        An initializer of :mod:`nnlib.initializers`, or ``init(shape, rng)``.
    activation : str
        The activation after every layer.
    depth, width, n_samples : int
    seed : int
        One generator, ``numpy.random.default_rng(seed)``, draws the weights (layer by
        layer, through :func:`nnlib.mlp`), then the inputs, then the output gradient.

    Returns
    -------
    LayerSignals
    """
    from ..builders import mlp

    rng = np.random.default_rng(seed)
    net = mlp([width] * (depth + 1), activation, output_activation=activation,
              weight_init=weight_init, random_state=rng)
    net.forward(rng.standard_normal((n_samples, width)), training=True)
    net.backward(rng.standard_normal((n_samples, width)) / n_samples)
    dense, units = net.layers[0::2], net.layers[1::2]
    return LayerSignals([unit.activation(unit.z) for unit in units],
                        [layer.grads["W"] for layer in dense],
                        [unit.activation.derivative(unit.z) for unit in units])


def layer_statistics(weight_init, activation, depth=10, width=256, n_samples=500, seed=0):
    r"""The spread of :func:`layer_signals` per layer: :math:`\operatorname{std}(A^{(l)})`,
    :math:`\operatorname{std}(\partial\mathcal{L}/\partial W^{(l)})` and the mean of
    :math:`f'(Z^{(l)})^2`, the factor by which the slopes scale the backward variance.

    Parameters are those of :func:`layer_signals`.

    Returns
    -------
    LayerStatistics
        Three arrays of shape (depth,).
    """
    signals = layer_signals(weight_init, activation, depth, width, n_samples, seed)
    return LayerStatistics(np.array([np.std(a) for a in signals.activations]),
                           np.array([np.std(g) for g in signals.weight_gradients]),
                           np.array([np.mean(s**2) for s in signals.slopes]))


def trend(ratio, what="spread"):
    """Words for how a quantity changed by the factor ``ratio`` (last / first).

    Within 25 % either way it keeps its ``what``; up to 10 times smaller (larger) it
    shrinks (grows); beyond that it vanishes (explodes).
    """
    if ratio < 0.1:
        return "vanish"
    if ratio < 0.8:
        return "shrink"
    if ratio <= 1.25:
        return f"keep their {what}"
    return "grow" if ratio <= 10 else "explode"
