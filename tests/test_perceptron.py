"""Rosenblatt's rule, checked against scikit-learn's Perceptron(shuffle=False, tol=None)."""

import numpy as np
import pytest
from sklearn.linear_model import Perceptron as SkPerceptron

import nnlib
from nnlib import Perceptron


def blobs(separable, seed=0):
    rng = np.random.default_rng(seed)
    spread = 0.5 if separable else 2.0
    X = np.vstack([rng.normal([-2, -1], spread, (30, 2)), rng.normal([2, 1], spread, (30, 2))])
    return X, np.repeat([0, 1], 30)


DATASETS = {
    "separable": blobs(True),
    "overlapping": blobs(False),
    "xor": nnlib.datasets.xor_table(),
    "iris": nnlib.datasets.iris(),
}


@pytest.mark.parametrize("eta0", [1.0, 0.5])
@pytest.mark.parametrize("name", list(DATASETS))
def test_same_weights_as_scikit_learn(name, eta0):
    X, y = DATASETS[name]
    ours = Perceptron(eta0=eta0, max_iter=50).fit(X, y)
    theirs = SkPerceptron(shuffle=False, tol=None, eta0=eta0, max_iter=50).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_.T, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_converges_on_separable_data():
    X, y = DATASETS["separable"]
    model = Perceptron().fit(X, y)
    assert model.mistakes_[-1] == 0 and model.n_iter_ < 1000
    assert model.score(X, y) == 1.0


def test_never_converges_on_xor():
    X, y = DATASETS["xor"]
    model = Perceptron(max_iter=100).fit(X, y)
    assert model.n_iter_ == 100 and min(model.mistakes_) > 0
    assert model.score(X, y) < 1.0


def test_mistake_is_on_or_beyond_the_boundary():
    # from zero weights every score is 0, so the very first sample is a mistake
    model = Perceptron(max_iter=1).fit(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1, 0]))
    assert model.mistakes_[0] >= 1


@pytest.mark.parametrize("X, y, match", [
    (np.zeros(4), np.zeros(4), "2-D"),
    (np.array([[0.0, np.nan], [1.0, 1.0]]), np.array([0, 1]), "NaN"),
    (np.zeros((3, 2)), np.array([0, 1]), "samples"),
    (np.zeros((3, 2)), np.array([1, 1, 1]), "2 classes"),
    (np.zeros((0, 2)), np.zeros(0), "empty"),
])
def test_bad_input(X, y, match):
    with pytest.raises(ValueError, match=match):
        Perceptron().fit(X, y)


def test_predict_before_fit_and_wrong_width():
    with pytest.raises(RuntimeError, match="not fitted"):
        Perceptron().predict(np.zeros((1, 2)))
    X, y = DATASETS["separable"]
    with pytest.raises(ValueError, match="features"):
        Perceptron().fit(X, y).predict(np.zeros((1, 3)))


def test_invalid_hyperparameters():
    X, y = DATASETS["separable"]
    with pytest.raises(ValueError, match="eta0"):
        Perceptron(eta0=0).fit(X, y)
    with pytest.raises(ValueError, match="max_iter"):
        Perceptron(max_iter=0).fit(X, y)
