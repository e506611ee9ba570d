"""Data sets made offline, and initializers whose spread matches their formulas."""

import numpy as np
import pytest

from nnlib import datasets, initializers


@pytest.mark.parametrize("make", [datasets.xor, datasets.spirals, datasets.circles, datasets.moons])
def test_generated_sets(make):
    X, y = make(n_samples=120, random_state=0)
    assert X.shape == (120, 2) and X.dtype == np.float64 and y.shape == (120,)
    assert np.issubdtype(y.dtype, np.integer)
    assert np.all(np.bincount(y) == 60)  # balanced classes
    X2, y2 = make(n_samples=120, random_state=0)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make(n_samples=120, random_state=1)[0])


def test_xor_table_and_spirals_with_three_arms():
    X, y = datasets.xor_table()
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    _, y = datasets.spirals(n_samples=90, n_classes=3, random_state=0)
    assert np.bincount(y).tolist() == [30, 30, 30]


def test_bundled_sets():
    X, y = datasets.iris()
    assert X.shape == (150, 4) and set(y) == {0, 1, 2}
    frame = datasets.iris(as_frame=True)
    assert set(frame["species"]) == {"setosa", "versicolor", "virginica"}
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and set(y) == set(range(10))


@pytest.mark.parametrize("kwargs, match", [({"n_samples": 0}, "n_samples"), ({"noise": -1}, "noise")])
@pytest.mark.parametrize("make", [datasets.xor, datasets.spirals, datasets.moons])
def test_bad_dataset_arguments(make, kwargs, match):
    with pytest.raises(ValueError, match=match):
        make(**kwargs)


FAN_IN, FAN_OUT = 400, 300


@pytest.mark.parametrize("name, variance", [
    ("xavier_uniform", 2 / (FAN_IN + FAN_OUT)), ("xavier_normal", 2 / (FAN_IN + FAN_OUT)),
    ("glorot_uniform", 2 / (FAN_IN + FAN_OUT)), ("he_uniform", 2 / FAN_IN),
    ("he_normal", 2 / FAN_IN), ("uniform", 1 / 3), ("normal", 1.0),
])
def test_initializer_variance_matches_its_formula(name, variance):
    w = initializers.get_initializer(name)((FAN_IN, FAN_OUT), 0)
    assert w.shape == (FAN_IN, FAN_OUT)
    assert abs(w.mean()) < 0.01 * np.sqrt(variance)  # ~3.5 standard errors
    assert w.var() == pytest.approx(variance, rel=0.03)


def test_constant_initializers_and_seeds():
    assert np.array_equal(initializers.zeros((3, 2)), np.zeros((3, 2)))
    assert np.array_equal(initializers.get_initializer("constant", value=0.5)((2, 2)), np.full((2, 2), 0.5))
    first = initializers.he_normal((5, 4), 7)
    assert np.array_equal(first, initializers.he_normal((5, 4), 7))
    assert not np.array_equal(first, initializers.he_normal((5, 4), 8))


def test_unknown_initializer_lists_the_choices():
    with pytest.raises(ValueError, match="xavier_uniform"):
        initializers.get_initializer("lecun")
    with pytest.raises(ValueError, match="random_state"):
        initializers.check_random_state("seed")
