"""PReLU: its forward pass, its alpha as a parameter that training updates, bad input."""

import numpy as np
import pytest

import nnlib
from nnlib import activations, layers


def test_prelu_is_leaky_relu_with_its_current_alpha():
    z = np.random.default_rng(0).standard_normal((8, 3))
    layer = layers.PReLU(3, alpha_init=0.2)
    np.testing.assert_array_equal(layer.forward(z), activations.leaky_relu(z, alpha=0.2))
    layer.params["alpha"][...] = [0.0, 0.5, 1.0]  # per channel: ReLU, leaky, identity
    out = layer.forward(z)
    np.testing.assert_array_equal(out[:, 0], np.maximum(z[:, 0], 0))
    np.testing.assert_array_equal(out[:, 1], activations.leaky_relu(z[:, 1], alpha=0.5))
    np.testing.assert_array_equal(out[:, 2], z[:, 2])


def test_alpha_shapes_follow_he_et_al():
    assert layers.PReLU(7).params["alpha"].shape == (7,)     # channel-wise
    assert layers.PReLU().params["alpha"].shape == (1,)      # channel-shared
    assert layers.PReLU().params["alpha"][0] == 0.25         # their initial value
    assert layers.PReLU(7).regularized == ()                 # no weight decay on alpha


def model_and_data():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((64, 2))
    y = (X[:, :1] - np.abs(X[:, 1:]))  # needs a slope on the negative side
    model = nnlib.Sequential([nnlib.Dense(2, 8, random_state=2), layers.PReLU(8),
                              nnlib.Dense(8, 1, random_state=3)])
    return model, X, y


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "rmsprop"])
def test_fit_updates_alpha_as_a_parameter(optimizer):
    model, X, y = model_and_data()
    prelu = model.layers[1]
    assert any(np.shares_memory(prelu.params["alpha"], p) for p in model.parameters())
    before = prelu.params["alpha"].copy()
    history = nnlib.fit(model, X, y, loss="mse", optimizer=optimizer, epochs=20,
                        batch_size=16, random_state=0)
    assert not np.allclose(prelu.params["alpha"], before)
    assert history.history["loss"][-1] < history.history["loss"][0]
    # the model's parameter vector holds alpha too: the layer's array is still a view of it
    assert any(np.shares_memory(prelu.params["alpha"], p) for p in model.parameters())


def test_frozen_prelu_keeps_alpha():
    model, X, y = model_and_data()
    model.freeze(1)
    before = model.layers[1].params["alpha"].copy()
    nnlib.fit(model, X, y, loss="mse", optimizer="adam", epochs=5, random_state=0)
    np.testing.assert_array_equal(model.layers[1].params["alpha"], before)


def test_l2_leaves_alpha_alone():
    """With zero data gradient for alpha, an L2 penalty would still shrink it: it must not."""
    model = nnlib.Sequential([nnlib.Dense(1, 1, random_state=0), layers.PReLU()])
    X, y = np.ones((4, 1)), np.ones((4, 1))
    model.layers[0].params["W"][...] = 1.0
    model.layers[0].params["b"][...] = 0.0  # z > 0 everywhere: alpha gets no data gradient
    nnlib.fit(model, X, y, loss="mse", optimizer="sgd", epochs=3, l2=10.0)
    assert model.layers[1].params["alpha"][0] == 0.25


@pytest.mark.parametrize("kwargs", [{"channels": 0}, {"channels": 2.5}, {"channels": True},
                                    {"alpha_init": float("nan")}, {"alpha_init": "0.1"}])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        layers.PReLU(**kwargs)


def test_wrong_number_of_channels_is_refused():
    with pytest.raises(ValueError, match="3 channels"):
        layers.PReLU(3).forward(np.zeros((2, 4)))


def test_float32_stays_float32():
    model, X, y = model_and_data()
    model.to(dtype=np.float32)
    X, y = X.astype(np.float32), y.astype(np.float32)
    assert model.forward(X).dtype == np.float32
    nnlib.fit(model, X, y, loss="mse", optimizer="adam", epochs=2, random_state=0)
    assert model.layers[1].params["alpha"].dtype == np.float32
    assert model.layers[1].grads["alpha"].dtype == np.float32
