"""A new activation is one entry in ``nnlib.activations.ACTIVATIONS``.

The tests add softplus, :math:`f(z) = \\log(1 + e^{z})` with :math:`f'(z) = \\sigma(z)`,
to the registry for the length of one test (``monkeypatch``) and show that everything
that takes an activation by name accepts it with no other change: ``get_activation``,
the ``Activation`` layer, ``nnlib.mlp``, the estimators, the plots and the
gradient-check cases of ``test_gradient_checks.py``.
"""

import numpy as np
import pytest

import nnlib
from nnlib import activations, functional, panels, viz
from nnlib.activations import ACTIVATIONS, Registered, activation_names

from test_gradient_checks import (SMOOTH, activation_cases, backward_error, derivative_error,
                                  tolerance)


def softplus_derivative(z):
    r""":math:`\frac{d}{dz}\log(1 + e^{z}) = \sigma(z)`."""
    return functional.sigmoid(z)


@pytest.fixture
def softplus(monkeypatch):
    """The registry with one more entry, softplus, for the length of a test."""
    monkeypatch.setitem(ACTIVATIONS, "softplus", Registered(functional.softplus, softplus_derivative))
    return "softplus"


def test_softplus_is_not_there_without_its_entry():
    assert "softplus" not in ACTIVATIONS
    with pytest.raises(ValueError, match="activation must be one of"):
        activations.get_activation("softplus")
    with pytest.raises(ValueError, match="softplus"):
        nnlib.MLPClassifier(activation="softplus").fit(np.eye(3), [0, 1, 1])


def test_get_activation_and_the_layer_accept_the_new_entry(softplus):
    z = np.linspace(-4, 4, 9)
    act = activations.get_activation(softplus)
    np.testing.assert_allclose(act(z), np.log1p(np.exp(z)), rtol=1e-14)
    np.testing.assert_allclose(act.derivative(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    layer = nnlib.Activation(softplus)
    np.testing.assert_allclose(layer.forward(z), np.log1p(np.exp(z)), rtol=1e-14)
    assert softplus in activation_names(trainable=True, elementwise=True, aliases=False)


def test_mlp_builds_with_the_new_entry(softplus):
    net = nnlib.mlp([3, 5, 4, 2], softplus, random_state=0)
    hidden = [layer for layer in net if isinstance(layer, nnlib.Activation)]
    assert [layer.activation.name for layer in hidden] == [softplus, softplus]
    X = np.random.default_rng(0).standard_normal((6, 3))
    W = [layer.params for layer in net if isinstance(layer, nnlib.Dense)]
    by_hand = X
    for params in W[:-1]:
        by_hand = np.log1p(np.exp(by_hand @ params["W"] + params["b"]))
    by_hand = by_hand @ W[-1]["W"] + W[-1]["b"]
    np.testing.assert_allclose(net.forward(X), by_hand, rtol=1e-12)


@pytest.mark.filterwarnings("ignore:.*(converge|Maximum iterations)")  # short fits on purpose
@pytest.mark.parametrize("solver", ["lbfgs", "adam"])
def test_the_estimators_fit_with_the_new_entry(softplus, solver):
    X, y = nnlib.datasets.iris()
    model = nnlib.MLPClassifier(hidden_layer_sizes=(8,), activation=softplus, solver=solver, max_iter=400,
                                learning_rate_init=0.01, random_state=0).fit(X, y)
    hidden = functional.softplus(X @ model.coefs_[0] + model.intercepts_[0])
    logits = hidden @ model.coefs_[1] + model.intercepts_[1]
    np.testing.assert_allclose(model.predict_proba(X), functional.softmax(logits), atol=1e-12)
    assert model.score(X, y) > 0.9
    regressor = nnlib.MLPRegressor(hidden_layer_sizes=(8,), activation=softplus, solver=solver, max_iter=50,
                                   random_state=0).fit(X[:, :3], X[:, 3])
    assert np.all(np.isfinite(regressor.predict(X[:, :3])))


def test_the_new_entry_is_gradient_checked_automatically(softplus):
    cases = activation_cases(trainable=True, elementwise=True)
    assert softplus in [case.values[0] for case in cases]
    assert tolerance(softplus) == SMOOTH  # no kink declared
    for case in cases:
        name, params = case.values
        assert derivative_error(name, params) <= tolerance(name), case.id
        assert backward_error(name, params) <= SMOOTH, case.id


def test_a_wrong_derivative_in_a_new_entry_fails_the_gradient_check(monkeypatch):
    """The automatic check can fail: softplus registered with tanh as its derivative."""
    monkeypatch.setitem(ACTIVATIONS, "softplus", Registered(functional.softplus, activations.tanh))
    assert derivative_error("softplus", {}) > 1e-2
    assert backward_error("softplus", {}) > 1e-2


def test_the_plots_draw_the_new_entry(softplus):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    try:
        viz.plot_activation(softplus, -3, 3, ax=ax)
        description = panels.draw_activation(ax, softplus)
    finally:
        plt.close(fig)
    assert description.startswith("The softplus activation")


def test_the_activation_panel_offers_every_elementwise_entry():
    """The panel's list is the registry's, read when nnlib.panels is imported: a new entry
    in activations.py is offered with no change to the panel."""
    assert panels.ACTIVATIONS == activation_names(elementwise=True, aliases=False)
