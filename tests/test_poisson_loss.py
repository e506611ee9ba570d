"""The Poisson deviance of nnlib.losses: its formula, its gradient, and the estimator's loss."""

import numpy as np
import pytest
from sklearn.metrics import mean_poisson_deviance

import nnlib
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.solvers import poisson_loss

RNG = np.random.default_rng(0)
Z = RNG.normal(size=(8, 2))
Y = RNG.poisson(2.0, size=(8, 2)).astype(float)
Y[0, 0] = 0.0  # 0 log 0 = 0


def test_value_is_half_the_poisson_deviance():
    loss = nnlib.PoissonDeviance()
    for j in range(2):
        expected = mean_poisson_deviance(Y[:, j], np.exp(Z[:, j])) / 2
        assert loss.loss(Z[:, [j]], Y[:, [j]]) == pytest.approx(expected, rel=1e-12)
    assert loss.loss(np.log(np.full((3, 1), 4.0)), np.full((3, 1), 4.0)) == pytest.approx(0.0, abs=1e-12)


def test_gradient_matches_finite_differences():
    loss = nnlib.PoissonDeviance()
    output = Z.copy()
    numeric = numerical_gradient(lambda: loss.loss(output, Y), output)
    assert relative_error(loss.gradient(output, Y), numeric) < 1e-7


def test_the_estimators_loss_is_the_same_deviance():
    # the estimator reports scikit-learn's form: the mean over samples, summed over outputs
    assert float(poisson_loss(Y, np.exp(Z))) == pytest.approx(float(nnlib.PoissonDeviance().loss(Z, Y)),
                                                              rel=1e-12)


def test_training_on_it_finds_the_maximum_likelihood_fit():
    from sklearn.linear_model import PoissonRegressor
    X = RNG.uniform(-1, 1, (1000, 2))
    y = RNG.poisson(np.exp(X @ np.array([0.8, -0.5]) + 0.3)).astype(float)
    net = nnlib.Sequential([nnlib.Dense(2, 1, random_state=0)])
    history = nnlib.fit(net, X, y[:, None], loss="poisson", optimizer=nnlib.Adam(0.05), epochs=400,
                        batch_size=None, random_state=0)
    assert history["loss"][-1] < history["loss"][0]
    glm = PoissonRegressor(alpha=0).fit(X, y)
    np.testing.assert_allclose(net.layers[0].params["W"].ravel(), glm.coef_, atol=1e-3)
    np.testing.assert_allclose(net.layers[0].params["b"], glm.intercept_, atol=1e-3)
