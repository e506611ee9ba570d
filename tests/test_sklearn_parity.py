"""nnlib's estimators compute what scikit-learn's compute: same weights in, same numbers out."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.neural_network import MLPClassifier as SkClassifier, MLPRegressor as SkRegressor

import nnlib
from nnlib import MLPClassifier, MLPRegressor

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


@pytest.fixture(scope="module")
def iris():
    return nnlib.datasets.iris()


def problems(iris):
    X, y = iris
    rng = np.random.default_rng(0)
    return {
        "binary": (X, (y == 2).astype(int)),
        "multiclass": (X, y),
        "multilabel": (X, np.column_stack([y == 0, X[:, 0] > 5.8, rng.random(150) > 0.5]).astype(int)),
    }


@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
def test_copied_weights_give_the_same_probabilities(iris, kind, activation):
    X, y = problems(iris)[kind]
    sk = SkClassifier((7, 5), activation=activation, max_iter=30, random_state=1).fit(X, y)
    ours = MLPClassifier((7, 5), activation=activation, max_iter=1, random_state=2).fit(X, y)
    ours.coefs_ = [c.copy() for c in sk.coefs_]
    ours.intercepts_ = [b.copy() for b in sk.intercepts_]
    np.testing.assert_allclose(ours.predict_proba(X), sk.predict_proba(X), rtol=0, atol=1e-10)
    np.testing.assert_array_equal(ours.predict(X), sk.predict(X))
    assert ours.out_activation_ == sk.out_activation_
    assert (ours.n_layers_, ours.n_outputs_) == (sk.n_layers_, sk.n_outputs_)


@pytest.mark.parametrize("multi_output", [False, True])
def test_copied_weights_give_the_same_regression(iris, multi_output):
    X, y = iris
    target = np.column_stack([X[:, 0] * y, X[:, 1]]) if multi_output else X[:, 0] * y
    sk = SkRegressor(hidden_layer_sizes=(6,), max_iter=30, random_state=1).fit(X, target)
    ours = MLPRegressor(hidden_layer_sizes=(6,), max_iter=1, random_state=2).fit(X, target)
    ours.coefs_, ours.intercepts_ = sk.coefs_, sk.intercepts_
    np.testing.assert_allclose(ours.predict(X), sk.predict(X), rtol=0, atol=1e-10)
    assert ours.predict(X).shape == sk.predict(X).shape


def test_coefs_are_live_parameters(iris):
    X, y = iris
    model = MLPClassifier((5,), max_iter=20, random_state=0).fit(X, y)
    before = model.predict_proba(X)
    model.coefs_[0] = model.coefs_[0] * 0
    assert np.array_equal(model.coefs_[0], np.zeros((4, 5)))
    assert not np.allclose(model.predict_proba(X), before)
    model.intercepts_[-1][:] = 0.0  # in-place edits reach the network too
    assert np.array_equal(model._model[-1].params["b"], np.zeros(3))
    with pytest.raises(ValueError, match="shape"):
        model.coefs_[0] = np.zeros((3, 5))


SETUPS = {
    "binary": lambda X, y: (X, (y == 1).astype(int)),
    "multiclass": lambda X, y: (X, y),
    "regression": lambda X, y: (X, X[:, 0] + y),
}


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic"])
@pytest.mark.parametrize("kind", list(SETUPS))
def test_initialization_and_one_full_batch_step_match(iris, kind, activation):
    X, y = SETUPS[kind](*iris)
    settings = dict(hidden_layer_sizes=(6, 4), activation=activation, solver="sgd", momentum=0.0,
                    batch_size=len(X), max_iter=1, shuffle=False, learning_rate_init=0.1,
                    random_state=7)
    ours_cls, sk_cls = (MLPRegressor, SkRegressor) if kind == "regression" else (MLPClassifier, SkClassifier)
    ours, sk = ours_cls(**settings).fit(X, y), sk_cls(**settings).fit(X, y)
    for a, b in zip(ours.coefs_ + ours.intercepts_, sk.coefs_ + sk.intercepts_):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)
    assert ours.loss_curve_ == pytest.approx(sk.loss_curve_, rel=1e-12)


@pytest.mark.parametrize("settings", [
    dict(solver="adam", batch_size=32),
    dict(solver="sgd", momentum=0.9, nesterovs_momentum=True, batch_size=25, learning_rate_init=0.01),
    dict(solver="sgd", momentum=0.5, nesterovs_momentum=False, batch_size=40, alpha=0.01),
], ids=["adam", "nesterov", "momentum-l2"])
def test_thirty_epochs_of_minibatch_training_match(iris, settings):
    X, y = iris
    common = dict(hidden_layer_sizes=(10, 8), max_iter=30, random_state=3, shuffle=True, **settings)
    ours, sk = MLPClassifier(**common).fit(X, y), SkClassifier(**common).fit(X, y)
    assert ours.n_iter_ == sk.n_iter_ == 30
    np.testing.assert_allclose(ours.loss_curve_, sk.loss_curve_, rtol=1e-9)
    for a, b in zip(ours.coefs_, sk.coefs_):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_early_stopping_matches(iris):
    X, y = iris
    common = dict(hidden_layer_sizes=(10,), max_iter=500, random_state=0, early_stopping=True,
                  n_iter_no_change=5, batch_size=30)
    ours, sk = MLPClassifier(**common).fit(X, y), SkClassifier(**common).fit(X, y)
    assert ours.n_iter_ == sk.n_iter_ < 500
    np.testing.assert_allclose(ours.validation_scores_, sk.validation_scores_)
    assert ours.best_validation_score_ == sk.best_validation_score_
    np.testing.assert_allclose(ours.predict_proba(X), sk.predict_proba(X), atol=1e-9)


def test_tolerance_stopping_matches(iris):
    X, y = iris
    common = dict(hidden_layer_sizes=(10,), max_iter=2000, random_state=0, tol=1e-3,
                  learning_rate_init=0.01)
    ours, sk = MLPClassifier(**common).fit(X, y), SkClassifier(**common).fit(X, y)
    assert ours.n_iter_ == sk.n_iter_ < 2000
    assert ours.best_loss_ == pytest.approx(sk.best_loss_, rel=1e-9)


def test_float32_in_float32_out(iris):
    X, y = iris
    model = MLPClassifier((6,), max_iter=5, random_state=0).fit(X.astype(np.float32), y)
    assert all(c.dtype == np.float32 for c in model.coefs_ + model.intercepts_)
    assert model.predict_proba(X.astype(np.float32)).dtype == np.float32
    assert model.loss_curve_[-1] == pytest.approx(
        SkClassifier((6,), max_iter=5, random_state=0).fit(X.astype(np.float32), y).loss_curve_[-1], rel=1e-4)


def test_string_labels(iris):
    frame = nnlib.datasets.iris(as_frame=True)
    X, y = frame.drop(columns="species").values, frame["species"].values
    model = MLPClassifier((8,), max_iter=50, random_state=0).fit(X, y)
    assert list(model.classes_) == ["setosa", "versicolor", "virginica"]
    assert set(model.predict(X)) <= set(model.classes_)


def test_the_source_chapters_iris_example(iris):
    X, y = iris
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    settings = dict(hidden_layer_sizes=(20, 30, 25), max_iter=1000, activation="relu",
                    solver="adam", random_state=42)
    ours = MLPClassifier(**settings).fit(X_train, y_train)
    sk = SkClassifier(**settings).fit(X_train, y_train)
    assert ours.score(X_test, y_test) == sk.score(X_test, y_test)
    assert ours.n_iter_ == sk.n_iter_


def test_model_selection_tools_and_pickling(iris):
    X, y = iris
    search = GridSearchCV(MLPClassifier(max_iter=50, random_state=0),
                          {"hidden_layer_sizes": [(5,), (10,)], "alpha": [1e-4, 1e-2]}, cv=3)
    search.fit(X, y)
    assert search.best_params_["hidden_layer_sizes"] in [(5,), (10,)]
    scores = cross_val_score(MLPClassifier((5,), max_iter=30, random_state=0), X, y, cv=3)
    assert scores.shape == (3,)
    model = search.best_estimator_
    clone = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(clone.predict_proba(X), model.predict_proba(X))


def test_partial_fit_and_warm_start_follow_scikit_learn(iris):
    X, y = iris
    ours = MLPClassifier((6,), random_state=0, solver="sgd", learning_rate_init=0.05)
    sk = SkClassifier((6,), random_state=0, solver="sgd", learning_rate_init=0.05)
    for _ in range(3):
        ours.partial_fit(X, y, classes=[0, 1, 2])
        sk.partial_fit(X, y, classes=[0, 1, 2])
    np.testing.assert_allclose(ours.coefs_[0], sk.coefs_[0], rtol=1e-10)
    assert ours.n_iter_ == sk.n_iter_ == 1  # partial_fit: one epoch per call
    warm = MLPClassifier((6,), max_iter=5, warm_start=True, random_state=0).fit(X, y).fit(X, y)
    sk_warm = SkClassifier((6,), max_iter=5, warm_start=True, random_state=0).fit(X, y).fit(X, y)
    assert warm.n_iter_ == sk_warm.n_iter_ == 5  # epochs of the last call
    assert len(warm.loss_curve_) == len(sk_warm.loss_curve_) == 10
    np.testing.assert_allclose(warm.coefs_[0], sk_warm.coefs_[0], rtol=1e-10)


def test_nnlib_extras_train(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for extra in [dict(activation="leaky_relu"), dict(activation="elu"), dict(dropout=0.2),
                      dict(weight_init="he_normal"), dict(solver="rmsprop"), dict(clip_norm=1.0),
                      dict(learning_rate=nnlib.StepDecay(0.01, 0.5, 20))]:
            model = MLPClassifier((16,), max_iter=200, learning_rate_init=0.01, random_state=1,
                                  **extra).fit(X, y)
            assert model.score(X, y) > 0.8, extra


def test_sigmoid_is_an_alias_of_logistic(iris):
    X, y = iris
    logistic = MLPClassifier((5,), activation="logistic", max_iter=3, random_state=0).fit(X, y)
    sigmoid = MLPClassifier((5,), activation="sigmoid", max_iter=3, random_state=0).fit(X, y)
    for a, b in zip(logistic.coefs_ + logistic.intercepts_, sigmoid.coefs_ + sigmoid.intercepts_):
        np.testing.assert_array_equal(a, b)
