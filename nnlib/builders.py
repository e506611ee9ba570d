"""One function that builds a multi-layer perceptron: :func:`mlp`.

The estimators, the panels, the tests and the chapters all build their networks here,
so a fully connected network is written down once:

``Dense -> Activation [-> Dropout] -> Dense -> Activation [-> Dropout] -> ... -> Dense``
"""

from .initializers import check_random_state
from .layers import Activation, Dense, Dropout
from .model import Sequential
from .validation import POSITIVE_INT, UNIT_INTERVAL, ListOf, check

__all__ = ["mlp"]


def mlp(sizes, activation="relu", *, output_activation=None, dropout=0.0,
        weight_init="xavier_uniform", bias_init="zeros", random_state=None):
    """A fully connected network with the layer widths ``sizes``.

    Parameters
    ----------
    sizes : sequence of int
        ``(n_inputs, hidden_1, ..., n_outputs)``: at least an input and an output width.
    activation : str or ActivationFunction, default "relu"
        Activation after every hidden layer (see :mod:`nnlib.activations`).
    output_activation : str or ActivationFunction, optional
        Activation after the last layer; by default the network outputs :math:`z`
        itself (logits for a cross-entropy loss, which applies its own softmax).
    dropout : float in [0, 1), default 0.0
        Inverted dropout after every hidden activation (none when 0).
    weight_init, bias_init : str or callable
        Initializers of every ``Dense`` layer (see :mod:`nnlib.initializers`).
    random_state : None, int or numpy random generator
        One generator draws every layer's weights in turn (then every dropout mask),
        so the same seed gives the same network.

    Examples
    --------
    >>> from nnlib import mlp
    >>> net = mlp([2, 16, 16, 1], "tanh", random_state=0)
    >>> [type(layer).__name__ for layer in net]
    ['Dense', 'Activation', 'Dense', 'Activation', 'Dense']
    >>> net.count_params()
    337
    """
    sizes = check(sizes, "sizes", ListOf(POSITIVE_INT, min_length=2))
    dropout = check(dropout, "dropout", UNIT_INTERVAL)
    rng = check_random_state(random_state)
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(fan_in, fan_out, weight_init, bias_init, random_state=rng))
        if i < len(sizes) - 2:
            layers.append(Activation(activation))
            if dropout > 0:
                layers.append(Dropout(dropout, random_state=rng))
    if output_activation is not None:
        layers.append(Activation(output_activation))
    return Sequential(layers)
