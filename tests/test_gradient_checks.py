"""Every backward pass checked against centred finite differences, in float64.

Thresholds (relative error): 1e-7 on smooth paths, 1e-5 where a kink is near.
"""

import numpy as np
import pytest

import nnlib
from nnlib import activations, layers, losses, pooling
from nnlib.gradcheck import check_layer, check_model, numerical_gradient, relative_error

SMOOTH, KINK = 1e-7, 1e-5


def away_from_zero(shape, seed, margin=0.1):
    """Random inputs with |z| >= margin, so piecewise activations stay on one piece."""
    z = np.random.default_rng(seed).uniform(-3, 3, shape)
    return np.where(np.abs(z) < margin, np.sign(z + 1e-12) * margin, z)


# --- activations: every entry of the registry, derived from it ------------------------

def second_value(default):
    """Another value of a hyperparameter than its default, to check more than one."""
    return 2 * default + 0.1


def activation_cases(**selection):
    """(name, hyperparameters) of the registry: each selected activation with its defaults,
    then once more with each hyperparameter at a second value."""
    cases = []
    for name in activations.activation_names(**selection):
        cases.append(pytest.param(name, {}, id=name))
        for key, default in activations.ACTIVATIONS[name].defaults.items():
            value = second_value(default)
            cases.append(pytest.param(name, {key: value}, id=f"{name}-{key}={value:g}"))
    return cases


def tolerance(name):
    """KINK for an activation with a corner at 0 (finite differences are off nearby)."""
    return KINK if activations.ACTIVATIONS[name].kinked else SMOOTH


def derivative_error(name, params, seed=1):
    """Relative error of f'(z) against a centred difference of f, away from the kink."""
    act = activations.get_activation(name, **params)
    z = away_from_zero((5, 4), seed=seed)
    h = 1e-5
    numeric = (act(z + h) - act(z - h)) / (2 * h)  # elementwise: one difference per entry
    return relative_error(act.derivative(z), numeric)


def backward_error(name, params, seed=2):
    """Relative error of the activation's backward pass (the chain rule) against
    finite differences of sum(upstream * f(z))."""
    act = activations.get_activation(name, **params)
    z = away_from_zero((4, 3), seed=seed)
    upstream = np.random.default_rng(seed + 1).standard_normal(z.shape)
    numeric = numerical_gradient(lambda: np.sum(upstream * act(z)), z)
    return relative_error(act.backward(z, upstream), numeric)


ELEMENTWISE_CASES = activation_cases(trainable=True, elementwise=True)
ROW_CASES = activation_cases(trainable=True, elementwise=False)  # softmax


def test_the_cases_cover_every_trainable_activation():
    covered = {case.values[0] for case in ELEMENTWISE_CASES + ROW_CASES}
    assert covered == {name for name, entry in activations.ACTIVATIONS.items() if entry.trainable}


@pytest.mark.parametrize("name, params", ELEMENTWISE_CASES)
def test_activation_derivative_matches_finite_differences(name, params):
    assert derivative_error(name, params) <= tolerance(name)


@pytest.mark.parametrize("name, params", ELEMENTWISE_CASES + ROW_CASES)
def test_activation_backward_is_the_chain_rule(name, params):
    assert backward_error(name, params) <= tolerance(name)


@pytest.mark.parametrize("name, params", activation_cases(trainable=False))
def test_untrainable_activations_pass_no_gradient(name, params):
    """What trainable=False means in the registry (the step): f' is 0 everywhere."""
    act = activations.get_activation(name, **params)
    z = away_from_zero((5, 4), seed=3)
    assert not np.any(act.derivative(z)) and not np.any(act.backward(z, np.ones_like(z)))


def test_softmax_derivative_is_the_full_jacobian_per_row():
    z = np.random.default_rng(4).standard_normal((3, 4))
    jacobian = activations.softmax_derivative(z)
    assert jacobian.shape == (3, 4, 4)
    for row in range(3):
        for j in range(4):
            def output_j():
                return activations.softmax(z)[row, j]
            numeric = numerical_gradient(output_j, z)[row]
            assert relative_error(jacobian[row, j], numeric) <= SMOOTH


def test_step_has_zero_derivative_and_fires_at_zero():
    z = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_array_equal(activations.step(z), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(activations.step_derivative(z), [0.0, 0.0, 0.0])


# --- losses ----------------------------------------------------------------------------

def _targets(kind, shape, seed):
    rng = np.random.default_rng(seed)
    if kind == "onehot":
        return np.eye(shape[1])[rng.integers(0, shape[1], shape[0])]
    if kind == "binary":
        return rng.integers(0, 2, shape).astype(float)
    return rng.standard_normal(shape)


@pytest.mark.parametrize("loss, kind", [
    (losses.MeanSquaredError(), "real"), (losses.HalfSquaredError(), "real"),
    (losses.BinaryCrossEntropy(), "binary"), (losses.CategoricalCrossEntropy(), "onehot"),
])
def test_loss_gradient_matches_finite_differences(loss, kind):
    output = np.random.default_rng(5).standard_normal((6, 3)) * 2
    y = _targets(kind, output.shape, seed=6)
    numeric = numerical_gradient(lambda: loss.loss(output, y), output)
    assert relative_error(loss.gradient(output, y), numeric) <= SMOOTH


def test_loss_values_match_the_textbook_formulas():
    rng = np.random.default_rng(7)
    z = rng.standard_normal((5, 3))
    y_real, y_bin, y_hot = (_targets(k, (5, 3), 8) for k in ("real", "binary", "onehot"))
    assert np.isclose(losses.mean_squared_error(z, y_real), np.mean((z - y_real) ** 2))
    assert np.isclose(losses.HalfSquaredError().loss(z, y_real), np.sum((z - y_real) ** 2) / (2 * 5))
    p = 1 / (1 + np.exp(-z))
    textbook_bce = -np.sum(y_bin * np.log(p) + (1 - y_bin) * np.log(1 - p)) / 5
    assert np.isclose(losses.binary_cross_entropy(z, y_bin), textbook_bce, rtol=1e-12)
    s = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert np.isclose(losses.categorical_cross_entropy(z, y_hot), -np.sum(y_hot * np.log(s)) / 5,
                      rtol=1e-12)


def test_loss_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="one-hot"):
        losses.CategoricalCrossEntropy().loss(np.zeros((4, 3)), np.zeros(4))


# --- layers -----------------------------------------------------------------------------

def test_dense_gradients_for_input_weights_and_bias():
    layer = layers.Dense(4, 3, random_state=0)
    x = np.random.default_rng(9).standard_normal((5, 4))
    errors = check_layer(layer, x)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) <= SMOOTH


def test_dense_gradients_by_an_independent_loop():
    """Not through nnlib.gradcheck: its own finite differences, one weight at a time."""
    layer = layers.Dense(3, 2, random_state=1)
    x = np.random.default_rng(10).standard_normal((4, 3))
    r = np.random.default_rng(11).standard_normal((4, 2))
    layer.forward(x)
    layer.backward(r)
    W, h = layer.params["W"], 1e-6
    for i in range(3):
        for j in range(2):
            W[i, j] += h
            up = np.sum(r * layer.forward(x))
            W[i, j] -= 2 * h
            down = np.sum(r * layer.forward(x))
            W[i, j] += h
            assert abs((up - down) / (2 * h) - layer.grads["W"][i, j]) < 1e-8
    # dL/dW = x^T r and dL/db = column sums of r, in closed form
    np.testing.assert_allclose(layer.grads["W"], x.T @ r)
    np.testing.assert_allclose(layer.grads["b"], r.sum(axis=0))


@pytest.mark.parametrize("name, params", ELEMENTWISE_CASES + ROW_CASES)
def test_activation_layer(name, params):
    errors = check_layer(layers.Activation(name, **params), away_from_zero((4, 5), seed=12))
    assert errors["input"] <= tolerance(name)


def test_dropout_with_a_fixed_mask():
    x = np.random.default_rng(13).standard_normal((4, 6))
    keep = np.random.default_rng(14).random(x.shape) > 0.4
    mask = keep / 0.6
    errors = check_layer(layers.Dropout(0.4), x, mask=mask)
    assert errors["input"] <= SMOOTH


def test_dropout_backward_reuses_the_forward_mask():
    layer = layers.Dropout(0.5, random_state=0)
    x = np.ones((50, 40))
    out = layer.forward(x, training=True)
    grad = layer.backward(np.ones_like(out))
    dropped = out == 0
    assert 0.3 < dropped.mean() < 0.7
    np.testing.assert_array_equal(grad == 0, dropped)       # no gradient where a unit was dropped
    np.testing.assert_allclose(grad[~dropped], 1 / 0.5)    # and the 1/p scaling where it was kept
    np.testing.assert_allclose(out[~dropped], 1 / 0.5)      # inverted dropout scales the kept units


def test_dropout_is_inverted_and_off_at_inference():
    layer = layers.Dropout(0.3, random_state=1)
    x = np.full((400, 500), 2.0)
    assert abs(layer.forward(x, training=True).mean() - 2.0) < 0.02  # expectation preserved
    assert layer.forward(x, training=False) is x


def test_flatten():
    x = np.random.default_rng(15).standard_normal((2, 3, 4, 2))
    layer = layers.Flatten()
    assert layer.forward(x).shape == (2, 24)
    assert check_layer(layer, x)["input"] <= SMOOTH


def _no_ties(shape, seed):
    """Distinct values (a shuffled ramp) so a max has one clear winner."""
    values = np.random.default_rng(seed).permutation(np.prod(shape)).astype(float)
    return values.reshape(shape) * 0.1


POOLS = [
    (pooling.MaxPool1D(2), (2, 8, 3)), (pooling.MaxPool1D(3, stride=1), (2, 7, 2)),
    (pooling.MaxPool1D(2), (3, 6)), (pooling.AvgPool1D(2), (2, 8, 3)),
    (pooling.AvgPool1D(3, stride=2), (2, 9)), (pooling.MaxPool2D(2), (2, 4, 4, 3)),
    (pooling.MaxPool2D(3, stride=1), (1, 5, 5, 2)), (pooling.MaxPool2D((2, 1)), (2, 4, 3)),
    (pooling.AvgPool2D(2), (2, 4, 6, 2)), (pooling.AvgPool2D(2, stride=1), (1, 4, 4)),
]


@pytest.mark.parametrize("layer, shape", POOLS, ids=lambda p: repr(p))
def test_pooling_gradients(layer, shape):
    x = _no_ties(shape, seed=16)
    assert check_layer(layer, x)["input"] <= SMOOTH


def test_pooling_forward_on_a_4x4_image_by_hand():
    image = np.arange(16.0).reshape(1, 4, 4)
    np.testing.assert_array_equal(pooling.MaxPool2D(2).forward(image), [[[5, 7], [13, 15]]])
    np.testing.assert_array_equal(pooling.AvgPool2D(2).forward(image), [[[2.5, 4.5], [10.5, 12.5]]])
    np.testing.assert_array_equal(pooling.MaxPool2D(3, stride=1).forward(image), [[[10, 11], [14, 15]]])
    assert pooling.MaxPool2D(2).output_shape((4, 4, 3)) == (2, 2, 3)


def test_pooling_rejects_a_window_larger_than_the_input():
    with pytest.raises(ValueError, match="larger than the input"):
        pooling.MaxPool1D(5).forward(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="pool_size"):
        pooling.MaxPool2D(0)


# --- whole networks --------------------------------------------------------------------

def _net(sizes, activation, seed):
    return nnlib.mlp(sizes, activation, weight_init="xavier_normal", bias_init="normal",
                     random_state=seed)


def _parameter_names(net):
    """check_model's keys: the input, then layer{i}.{name} for every trainable parameter."""
    return {"input"} | {f"layer{i}.{name}" for i, layer in enumerate(net) if layer.trainable
                        for name in layer.params}


HIDDEN = activations.activation_names(trainable=True, elementwise=True, aliases=False)
SMOOTH_HIDDEN = [name for name in HIDDEN if not activations.ACTIVATIONS[name].kinked]
KINKED_HIDDEN = [name for name in HIDDEN if activations.ACTIVATIONS[name].kinked]


@pytest.mark.parametrize("loss, kind, n_out", [
    ("mse", "real", 2), ("half_squared_error", "real", 2),
    ("binary_cross_entropy", "binary", 3), ("categorical_cross_entropy", "onehot", 4),
])
@pytest.mark.parametrize("activation", SMOOTH_HIDDEN)
def test_smooth_network_gradients(loss, kind, n_out, activation):
    net = _net([3, 5, 4, n_out], activation, seed=20)
    X = np.random.default_rng(21).standard_normal((6, 3))
    errors = check_model(net, X, _targets(kind, (6, n_out), 22), loss)
    assert set(errors) == _parameter_names(net) and len(errors) > 1
    assert max(errors.values()) <= SMOOTH, errors


@pytest.mark.parametrize("activation", KINKED_HIDDEN)
def test_deep_kinked_network_gradients(activation):
    net = _net([4, 8, 8, 8, 8, 3], activation, seed=30)
    X = np.random.default_rng(31).standard_normal((10, 4))
    errors = check_model(net, X, _targets("onehot", (10, 3), 32), "categorical_cross_entropy")
    assert max(errors.values()) <= KINK, errors


def test_network_with_fixed_dropout_mask_and_pooling():
    rng = np.random.default_rng(40)
    dropout = layers.Dropout(0.5)
    mask = (rng.random((5, 8)) > 0.5) / 0.5
    net = nnlib.Sequential([pooling.MaxPool2D(2), layers.Flatten(), layers.Dense(8, 8, random_state=1),
                            layers.Activation("tanh"), dropout, layers.Dense(8, 2, random_state=2)])
    X = _no_ties((5, 4, 4, 2), seed=41)
    y = _targets("onehot", (5, 2), 42)
    loss = losses.CategoricalCrossEntropy()

    def forward(training):
        h = X
        for layer in net.layers:
            h = layer.forward(h, training=True, mask=mask) if layer is dropout else layer.forward(h)
        return h

    def objective():
        return loss.loss(forward(True), y)

    out = forward(True)
    net.backward(loss.gradient(out, y), input_grad=True)
    for layer in (net[2], net[5]):
        for name, p in layer.params.items():
            assert relative_error(layer.grads[name], numerical_gradient(objective, p)) <= SMOOTH


def test_frozen_layer_gets_no_gradient_but_passes_one_through():
    net = _net([3, 4, 2], "tanh", seed=50).freeze([0])
    X = np.random.default_rng(51).standard_normal((5, 3))
    errors = check_model(net, X, _targets("real", (5, 2), 52), "mse")
    assert "layer0.W" not in errors and not net[0].grads["W"].any()  # never written
    assert errors["layer2.W"] <= SMOOTH and errors["input"] <= SMOOTH


# --- PReLU: the input gradient and the gradient of its learned slope alpha -------------

@pytest.mark.parametrize("channels, shape", [(5, (4, 5)), (None, (4, 5)), (3, (2, 4, 3))])
def test_prelu_gradients_for_input_and_alpha(channels, shape):
    layer = layers.PReLU(channels, alpha_init=0.3)
    errors = check_layer(layer, away_from_zero(shape, seed=15))
    assert set(errors) == {"input", "alpha"}
    assert max(errors.values()) <= SMOOTH


def test_prelu_alpha_gradient_in_closed_form():
    """dL/dalpha_c = sum over the samples with z <= 0 of delta * z, one sum per channel."""
    layer = layers.PReLU(3)
    z = away_from_zero((6, 3), seed=16)
    delta = np.random.default_rng(17).standard_normal(z.shape)
    layer.forward(z)
    layer.backward(delta)
    np.testing.assert_allclose(layer.grads["alpha"], np.sum(np.where(z <= 0, delta * z, 0), axis=0))
    shared = layers.PReLU()
    shared.forward(z)
    shared.backward(delta)
    np.testing.assert_allclose(shared.grads["alpha"], [layer.grads["alpha"].sum()])


def test_network_with_prelu_gradients():
    model = nnlib.Sequential([layers.Dense(3, 4, random_state=18), layers.PReLU(4),
                              layers.Dense(4, 2, random_state=19), layers.PReLU()])
    X = np.random.default_rng(20).standard_normal((6, 3))
    y = np.random.default_rng(21).standard_normal((6, 2))
    errors = check_model(model, X, y, "mse")
    assert {"layer1.alpha", "layer3.alpha"} <= set(errors)
    assert max(errors.values()) <= KINK
