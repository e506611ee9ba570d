"""Bad input gets a clear error naming the problem, and leaves the estimator as it was."""

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

import nnlib
from nnlib import MLPClassifier, MLPRegressor

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

X, Y_CLASS = nnlib.datasets.iris()
Y_REAL = X[:, 0] * 2.0
ESTIMATORS = [(MLPClassifier, Y_CLASS), (MLPRegressor, Y_REAL)]
IDS = ["classifier", "regressor"]


def with_value(array, index, value):
    array = array.copy()
    array[index] = value
    return array


BAD_DATA = [
    ("NaN in X", lambda y: (with_value(X, (3, 1), np.nan), y), "NaN"),
    ("inf in X", lambda y: (with_value(X, (0, 0), np.inf), y), "infinity"),
    ("lengths differ", lambda y: (X, y[:-1]), "inconsistent numbers of samples"),
    ("1-D X", lambda y: (X[:, 0], y), "2D array"),
    ("empty X", lambda y: (X[:0], y[:0]), "0 sample"),
]


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
@pytest.mark.parametrize("case, data, message", BAD_DATA, ids=[c[0] for c in BAD_DATA])
def test_bad_data(make, y, case, data, message):
    estimator = make(max_iter=5)
    before = dict(vars(estimator))
    with pytest.raises(ValueError, match=message):
        estimator.fit(*data(y))
    assert vars(estimator) == before  # nothing half-fitted


def test_non_finite_targets_for_the_regressor():
    for bad in (np.nan, np.inf):
        with pytest.raises(ValueError, match="NaN|infinity"):
            MLPRegressor(max_iter=5).fit(X, with_value(Y_REAL, 4, bad))


def test_continuous_targets_for_the_classifier():
    with pytest.raises(ValueError, match="Unknown label type"):
        MLPClassifier(max_iter=5).fit(X, Y_REAL + 0.5)


BAD_PARAMS = [
    ({"activation": "swish"}, r"activation must be one of .*relu"),
    ({"solver": "adagrad"}, r"solver must be one of .*adam"),
    ({"solver": "lbfgs", "dropout": 0.2}, "lbfgs.*cannot be combined with dropout"),
    ({"solver": "lbfgs", "clip_norm": 1.0}, "lbfgs.*cannot be combined"),
    ({"n_iter_no_change": 0}, "n_iter_no_change"),
    ({"n_iter_no_change": 2.5}, "n_iter_no_change"),
    ({"power_t": -1.0}, "power_t must be a finite number >= 0"),
    ({"max_fun": 0}, "max_fun must be a positive integer"),
    ({"weight_init": "orthogonal"}, r"weight_init must be .*he_normal"),
    ({"learning_rate_init": 0.0}, "learning_rate_init must be a finite number > 0"),
    ({"learning_rate_init": -0.1}, "learning_rate_init must be a finite number > 0"),
    ({"batch_size": 0}, "batch_size must be 'auto' or a positive integer"),
    ({"batch_size": -5}, "batch_size must be 'auto' or a positive integer"),
    ({"hidden_layer_sizes": (10, 0)}, "hidden_layer_sizes must be a sequence of items, each a positive integer"),
    ({"hidden_layer_sizes": (-3,)}, "hidden_layer_sizes must be a sequence of items, each a positive integer"),
    ({"alpha": -1.0}, "alpha must be a finite number >= 0"),
    ({"max_iter": 0}, "max_iter must be a positive integer"),
    ({"dropout": 1.0}, r"dropout must be a number in \[0, 1\)"),
    ({"validation_fraction": 1.0}, "validation_fraction"),
    ({"learning_rate": "cyclic"}, r"learning_rate must be one of .*adaptive.* or a nnlib.schedules.Schedule"),
    ({"clip_norm": 0.0}, "clip_norm must be None or a finite number > 0"),
]


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
@pytest.mark.parametrize("params, message", BAD_PARAMS, ids=[str(p) for p, _ in BAD_PARAMS])
def test_bad_parameters(make, y, params, message):
    estimator = make(max_iter=5).set_params(**params)
    before = dict(vars(estimator))
    with pytest.raises(ValueError, match=message):
        estimator.fit(X, y)
    assert vars(estimator) == before


def test_regressor_loss_other_than_squared_error_or_poisson():
    with pytest.raises(ValueError, match="loss must be 'squared_error' or 'poisson'"):
        MLPRegressor(loss="huber").fit(X, Y_REAL)


def test_poisson_loss_refuses_negative_targets():
    with pytest.raises(ValueError, match="negative"):
        MLPRegressor(loss="poisson", max_iter=5).fit(X, Y_REAL - 12.0)


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
def test_bad_sample_weight(make, y):
    with pytest.raises(ValueError, match="sample_weight"):
        make(max_iter=5).fit(X, y, sample_weight=np.ones(len(X) - 1))


def test_partial_fit_labels_must_be_in_classes():
    with pytest.raises(ValueError, match="classes not in"):
        MLPClassifier(solver="sgd").partial_fit(X, Y_CLASS, classes=[0, 1])
    model = MLPClassifier(solver="sgd").partial_fit(X, Y_CLASS, classes=[0, 1, 2])
    with pytest.raises(ValueError, match="not the same as on last call"):
        model.partial_fit(X, Y_CLASS, classes=[0, 1, 2, 3])


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
def test_predict_before_fit(make, y):
    methods = ["predict", "predict_proba"] if make is MLPClassifier else ["predict"]
    for method in methods:
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(make(), method)(X)


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
def test_predict_with_the_wrong_number_of_features(make, y):
    estimator = make(hidden_layer_sizes=(4,), max_iter=5).fit(X, y)
    with pytest.raises(ValueError, match="3 features, but .* is expecting 4"):
        estimator.predict(X[:, :3])


@pytest.mark.parametrize("make, y", ESTIMATORS, ids=IDS)
def test_failed_refit_leaves_a_fitted_estimator_unchanged(make, y):
    estimator = make(hidden_layer_sizes=(4,), max_iter=5, random_state=0).fit(X, y)
    before = estimator.predict(X)
    with pytest.raises(ValueError):
        estimator.fit(with_value(X, (0, 0), np.nan), y)
    with pytest.raises(ValueError):
        estimator.set_params(activation="swish").fit(X, y)
    np.testing.assert_array_equal(estimator.predict(X), before)


def test_divergence_is_reported_and_nothing_is_fitted():
    rng = np.random.default_rng(0)
    features = rng.standard_normal((200, 3)) * 50
    targets = features @ np.array([300.0, -200.0, 100.0])
    estimator = MLPRegressor(hidden_layer_sizes=(16,), solver="sgd", learning_rate_init=10.0,
                             momentum=0.9, max_iter=50, random_state=0)
    with pytest.raises(nnlib.DivergenceError, match="diverged.*smaller learning rate"):
        estimator.fit(features, targets)
    assert not [name for name in vars(estimator) if name.endswith("_")]
    with pytest.raises(NotFittedError):
        estimator.predict(features)
