"""nnlib.mlp: Dense -> Activation [-> Dropout] -> ... -> Dense, from one generator."""

import re

import numpy as np
import pytest

import nnlib
from nnlib import Activation, Dense, Dropout, Sequential, mlp
from nnlib.activations import get_activation
from nnlib.initializers import check_random_state
from nnlib.validation import POSITIVE_INT, UNIT_INTERVAL, ListOf


def kinds(net):
    return [type(layer).__name__ for layer in net]


@pytest.mark.parametrize("sizes", [[2, 1], [2, 16, 1], [4, 20, 30, 25, 3]])
def test_layer_order_and_widths(sizes):
    net = mlp(sizes, "tanh", random_state=0)
    hidden = len(sizes) - 2
    assert kinds(net) == ["Dense", "Activation"] * hidden + ["Dense"]
    dense = [layer for layer in net if isinstance(layer, Dense)]
    assert [layer.params["W"].shape for layer in dense] == list(zip(sizes[:-1], sizes[1:]))
    assert all(layer.activation.name == "tanh" for layer in net if isinstance(layer, Activation))
    assert net.forward(np.zeros((5, sizes[0]))).shape == (5, sizes[-1])


def test_dropout_only_when_positive():
    assert "Dropout" not in kinds(mlp([3, 8, 8, 2], dropout=0.0, random_state=0))
    net = mlp([3, 8, 8, 2], "relu", dropout=0.25, random_state=0)
    assert kinds(net) == ["Dense", "Activation", "Dropout"] * 2 + ["Dense"]
    assert all(layer.rate == 0.25 for layer in net if isinstance(layer, Dropout))


def test_output_activation_comes_last_and_only_when_asked():
    assert kinds(mlp([3, 4, 1], random_state=0))[-1] == "Dense"
    net = mlp([3, 4, 1], "relu", output_activation="sigmoid", dropout=0.5, random_state=0)
    assert kinds(net) == ["Dense", "Activation", "Dropout", "Dense", "Activation"]
    assert net[-1].activation.name == "sigmoid"
    out = net.forward(np.random.default_rng(0).standard_normal((6, 3)))
    assert np.all((out > 0) & (out < 1))


def test_an_activation_object_keeps_its_hyperparameters():
    net = mlp([3, 4, 2], get_activation("leaky_relu", alpha=0.2), random_state=0)
    assert net[1].activation.params == {"alpha": 0.2}
    np.testing.assert_allclose(net[1].forward(np.array([-1.0, 2.0])), [-0.2, 2.0])


def test_the_initializers_reach_every_dense_layer():
    net = mlp([3, 4, 4, 2], weight_init="zeros", bias_init="normal", random_state=0)
    for layer in (layer for layer in net if isinstance(layer, Dense)):
        assert not np.any(layer.params["W"]) and np.all(layer.params["b"] != 0)
    assert not np.any(mlp([3, 4, 2], random_state=0)[0].params["b"])  # zeros by default


def test_same_seed_same_network_different_seed_different_network():
    first, again, other = (mlp([3, 8, 8, 2], random_state=seed).get_weights() for seed in (7, 7, 8))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not any(np.array_equal(a, b) for a, b in zip(first, other) if a.ndim == 2)


def test_one_generator_draws_every_layer_in_order():
    """The same numbers as a stack built by hand, every layer drawing in turn from one
    RandomState, then the dropout masks from the same generator."""
    sizes, rate, seed = [3, 6, 5, 2], 0.5, 11
    net = mlp(sizes, "tanh", dropout=rate, weight_init="xavier_normal", bias_init="normal",
              random_state=seed)
    rng = check_random_state(seed)
    by_hand = Sequential([
        Dense(3, 6, "xavier_normal", "normal", random_state=rng), Activation("tanh"),
        Dropout(rate, random_state=rng),
        Dense(6, 5, "xavier_normal", "normal", random_state=rng), Activation("tanh"),
        Dropout(rate, random_state=rng),
        Dense(5, 2, "xavier_normal", "normal", random_state=rng),
    ])
    for ours, theirs in zip(net.get_weights(), by_hand.get_weights(), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    X = np.random.default_rng(0).standard_normal((20, 3))
    np.testing.assert_array_equal(net.forward(X, training=True), by_hand.forward(X, training=True))
    # not one seed per layer: the second layer is not what a fresh generator would draw
    for layer_seed in (seed, seed + 1):
        fresh = Dense(6, 5, "xavier_normal", "normal", random_state=layer_seed)
        assert not np.array_equal(fresh.params["W"], net[3].params["W"])


def test_a_generator_given_is_used_not_copied():
    rng = np.random.RandomState(3)
    first = mlp([3, 4, 2], random_state=rng).get_weights()
    second = mlp([3, 4, 2], random_state=rng).get_weights()
    assert not np.array_equal(first[0], second[0])  # the generator moved on


SIZES = ListOf(POSITIVE_INT, min_length=2)  # what mlp asks of sizes


@pytest.mark.parametrize("sizes", [[3], [], [3, 0, 1], [3, 2.5, 1], [3, True], "32", 32, None])
def test_bad_sizes_are_named(sizes):
    with pytest.raises(ValueError, match=rf"^sizes must be {re.escape(str(SIZES))}, "
                                         rf"got {re.escape(repr(sizes))}$"):
        mlp(sizes)


@pytest.mark.parametrize("dropout", [1.0, -0.1, 1.5, float("nan"), True, "0.5"])
def test_bad_dropout_is_named(dropout):
    with pytest.raises(ValueError, match=rf"^dropout must be {re.escape(str(UNIT_INTERVAL))}, "
                                         rf"got {re.escape(repr(dropout))}$"):
        mlp([3, 4, 2], dropout=dropout)
    assert re.search(r"\[0, 1\)", str(UNIT_INTERVAL))


def test_bad_activation_and_random_state_are_named():
    with pytest.raises(ValueError, match="activation must be one of"):
        mlp([3, 4, 2], "swish")
    with pytest.raises(ValueError, match="random_state"):
        mlp([3, 4, 2], random_state="seed")


def test_the_builder_is_nnlibs_own():
    assert nnlib.mlp is mlp
