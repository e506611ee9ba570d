"""nnlib's estimators compute what scikit-learn's compute: same weights in, same numbers out."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
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


# --- every solver and learning-rate option, against scikit-learn ----------------------
def assert_same_fit(ours, sk, atol=1e-10):
    """Same weights (within atol), the same number of iterations and the same losses."""
    assert ours.n_iter_ == sk.n_iter_
    assert len(ours.coefs_) == len(sk.coefs_)
    for a, b in zip(ours.coefs_ + ours.intercepts_, sk.coefs_ + sk.intercepts_):
        np.testing.assert_allclose(a, b, rtol=0, atol=atol)
    assert ours.loss_ == pytest.approx(sk.loss_, rel=1e-10, abs=1e-12)
    if hasattr(sk, "loss_curve_"):
        np.testing.assert_allclose(ours.loss_curve_, sk.loss_curve_, rtol=1e-10, atol=1e-12)
    else:
        assert not hasattr(ours, "loss_curve_")


def fit_both(kind, X, y, fit_params=None, **settings):
    ours_cls, sk_cls = (MLPRegressor, SkRegressor) if kind == "regression" else (MLPClassifier, SkClassifier)
    fit_params = fit_params or {}
    return ours_cls(**settings).fit(X, y, **fit_params), sk_cls(**settings).fit(X, y, **fit_params)


def lbfgs_problems(iris):
    X, y = iris
    multilabel = problems(iris)["multilabel"][1]
    return {"multiclass": ("classifier", X, y), "binary": ("classifier", X, (y == 2).astype(int)),
            "multilabel": ("classifier", X, multilabel),
            "regression": ("regression", X, np.column_stack([X[:, 0] * y, X[:, 1]]))}


@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
@pytest.mark.parametrize("problem", ["multiclass", "binary", "multilabel", "regression"])
def test_lbfgs_matches(iris, problem, activation):
    kind, X, y = lbfgs_problems(iris)[problem]
    ours, sk = fit_both(kind, X, y, solver="lbfgs", hidden_layer_sizes=(8, 5), activation=activation,
                        alpha=1e-3, max_iter=80, random_state=4)
    assert_same_fit(ours, sk)
    assert ours.t_ == sk.t_ == 0


def test_lbfgs_max_fun_tolerance_and_warm_start(iris):
    X, y = iris
    ours, sk = fit_both("classifier", X, y, solver="lbfgs", hidden_layer_sizes=(6,), max_fun=25,
                        random_state=0)
    assert_same_fit(ours, sk)
    assert ours.n_iter_ < 25  # stopped by max_fun, with scikit-learn's ConvergenceWarning
    with pytest.warns(ConvergenceWarning, match="lbfgs failed to converge"):
        MLPClassifier(solver="lbfgs", hidden_layer_sizes=(6,), max_fun=25, random_state=0).fit(X, y)
    ours, sk = fit_both("classifier", X, y, solver="lbfgs", hidden_layer_sizes=(6,), tol=1e-2,
                        random_state=0, warm_start=True, max_iter=30)
    assert_same_fit(ours.fit(X, y), sk.fit(X, y))


@pytest.mark.parametrize("learning_rate", ["constant", "invscaling", "adaptive"])
@pytest.mark.parametrize("momentum, nesterov", [(0.0, False), (0.9, True), (0.6, False)],
                         ids=["plain", "nesterov", "momentum"])
def test_sgd_learning_rates_match(iris, learning_rate, momentum, nesterov):
    X, y = iris
    ours, sk = fit_both("classifier", X, y, solver="sgd", learning_rate=learning_rate, momentum=momentum,
                        nesterovs_momentum=nesterov, learning_rate_init=0.1, power_t=0.3,
                        hidden_layer_sizes=(8,), max_iter=150, tol=1e-3, random_state=2)
    assert_same_fit(ours, sk)
    assert ours._optimizer.learning_rate == sk._optimizer.learning_rate


@pytest.mark.parametrize("learning_rate", ["constant", "invscaling", "adaptive"])
def test_learning_rate_options_with_early_stopping_and_adam(iris, learning_rate):
    X, y = iris
    for settings in (dict(solver="sgd", early_stopping=True, learning_rate_init=0.05, batch_size=16),
                     dict(solver="adam", learning_rate_init=0.01, batch_size=50)):  # adam ignores it
        ours, sk = fit_both("classifier", X, y, learning_rate=learning_rate, hidden_layer_sizes=(6,),
                            max_iter=60, random_state=3, **settings)
        assert_same_fit(ours, sk)
        assert ours.validation_scores_ == sk.validation_scores_


def test_invscaling_rate_continues_across_partial_fit_and_warm_start(iris):
    X, y = iris
    ours = MLPClassifier((5,), solver="sgd", learning_rate="invscaling", random_state=0)
    sk = SkClassifier((5,), solver="sgd", learning_rate="invscaling", random_state=0)
    for part in (slice(0, 100), slice(100, 150), slice(0, 150)):
        ours.partial_fit(X[part], y[part], classes=[0, 1, 2])
        sk.partial_fit(X[part], y[part], classes=[0, 1, 2])
        assert ours._optimizer.learning_rate == sk._optimizer.learning_rate
    assert_same_fit(ours, sk)
    warm = dict(solver="sgd", learning_rate="invscaling", warm_start=True, max_iter=3, random_state=0)
    ours, sk = fit_both("classifier", X, y, **warm)
    assert_same_fit(ours.fit(X, y), sk.fit(X, y))
    assert ours._optimizer.learning_rate == sk._optimizer.learning_rate == 0.001 / (6 * 150 + 1) ** 0.5


@pytest.mark.parametrize("solver", ["sgd", "adam", "lbfgs"])
@pytest.mark.parametrize("kind", ["classifier", "regression"])
def test_sample_weight_matches(iris, solver, kind):
    X, y = iris
    target = y if kind == "classifier" else X[:, 0] - y
    weights = np.random.default_rng(1).uniform(0.1, 3.0, len(X))
    settings = dict(solver=solver, hidden_layer_sizes=(7,), max_iter=40, random_state=5, batch_size=32,
                    learning_rate_init=0.01)
    ours, sk = fit_both(kind, X, target, dict(sample_weight=weights), **settings)
    assert_same_fit(ours, sk)
    if solver != "lbfgs":  # early stopping splits the weights with the samples
        ours, sk = fit_both(kind, X, target, dict(sample_weight=weights), early_stopping=True, **settings)
        assert_same_fit(ours, sk)
        np.testing.assert_allclose(ours.validation_scores_, sk.validation_scores_, rtol=1e-12)
    unweighted = MLPClassifier if kind == "classifier" else MLPRegressor
    a = unweighted(**settings).fit(X, target, sample_weight=None)
    b = unweighted(**settings).fit(X, target, sample_weight=np.ones(len(X)))
    np.testing.assert_allclose(a.coefs_[0], b.coefs_[0], rtol=1e-12)


def test_sample_weight_in_partial_fit(iris):
    X, y = iris
    weights = np.linspace(0.2, 2.0, len(X))
    ours = MLPRegressor(hidden_layer_sizes=(5,), solver="sgd", random_state=0, learning_rate_init=0.01)
    sk = SkRegressor(hidden_layer_sizes=(5,), solver="sgd", random_state=0, learning_rate_init=0.01)
    for _ in range(3):
        ours.partial_fit(X, X[:, 0], sample_weight=weights)
        sk.partial_fit(X, X[:, 0], sample_weight=weights)
    assert_same_fit(ours, sk)


@pytest.mark.parametrize("solver", ["adam", "lbfgs"])
@pytest.mark.parametrize("format", ["csr", "csc"])
def test_sparse_input_matches(solver, format):
    from scipy import sparse
    from sklearn.datasets import load_digits
    X, y = load_digits(return_X_y=True)
    X = sparse.csr_matrix(X[:200] / 16).asformat(format)
    ours, sk = fit_both("classifier", X, y[:200], solver=solver, hidden_layer_sizes=(10,), max_iter=20,
                        random_state=0)
    assert_same_fit(ours, sk)
    np.testing.assert_allclose(ours.predict_proba(X), sk.predict_proba(X), atol=1e-12)
    dense = MLPClassifier(solver=solver, hidden_layer_sizes=(10,), max_iter=20, random_state=0)
    np.testing.assert_allclose(dense.fit(X.toarray(), y[:200]).coefs_[0], ours.coefs_[0], atol=1e-8)


@pytest.mark.parametrize("solver", ["sgd", "adam", "lbfgs"])
def test_poisson_loss_matches(solver):
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, (120, 3))
    y = rng.poisson(np.exp(X @ np.array([0.5, -0.3, 0.2])))
    ours, sk = fit_both("regression", X, y, loss="poisson", solver=solver, hidden_layer_sizes=(6,),
                        max_iter=50, learning_rate_init=0.01, random_state=1)
    assert ours.out_activation_ == sk.out_activation_ == "exp"
    assert_same_fit(ours, sk)
    np.testing.assert_allclose(ours.predict(X), sk.predict(X), rtol=1e-10)


def test_multi_output_loss_is_scikit_learns(iris):
    X, y = iris
    target = np.column_stack([X[:, 0], X[:, 1], y])
    ours, sk = fit_both("regression", X, target, hidden_layer_sizes=(6,), max_iter=300, tol=1e-3,
                        random_state=0, learning_rate_init=0.01)
    assert ours.n_iter_ == sk.n_iter_ < 300  # the same loss_ gives the same stopping epoch
    assert_same_fit(ours, sk)


def test_stopping_rule_details_match(iris):
    X, y = iris
    # tol=0: a tie is an improvement for scikit-learn's rule
    ours, sk = fit_both("classifier", X, y, early_stopping=True, tol=0.0, n_iter_no_change=2,
                        hidden_layer_sizes=(5,), max_iter=200, random_state=0)
    assert_same_fit(ours, sk)
    # warm_start keeps the best loss and the count of epochs without improvement
    settings = dict(hidden_layer_sizes=(5,), max_iter=15, tol=1e-2, warm_start=True, random_state=0,
                    learning_rate_init=0.01, n_iter_no_change=4)
    ours, sk = fit_both("classifier", X, y, **settings)
    for _ in range(3):
        ours.fit(X, y), sk.fit(X, y)
        assert_same_fit(ours, sk)
        assert ours._no_improvement_count == sk._no_improvement_count
        assert ours.best_loss_ == pytest.approx(sk.best_loss_, rel=1e-12)
    # n_iter_no_change=inf never stops
    ours, sk = fit_both("classifier", X, y, n_iter_no_change=np.inf, tol=1e9, max_iter=12,
                        hidden_layer_sizes=(4,), random_state=0)
    assert ours.n_iter_ == sk.n_iter_ == 12
    assert_same_fit(ours, sk)


def test_constant_validation_target_scores_zero():
    X = np.random.default_rng(0).standard_normal((60, 2))
    ours, sk = fit_both("regression", X, np.full(60, 3.0), early_stopping=True, max_iter=5,
                        random_state=0, hidden_layer_sizes=(3,))
    assert ours.validation_scores_ == sk.validation_scores_
    assert all(np.isfinite(ours.validation_scores_))


def test_diverging_run_with_early_stopping_keeps_the_best_weights(iris):
    X, y = iris
    settings = dict(hidden_layer_sizes=(50,), activation="identity", solver="sgd", learning_rate_init=1.0,
                    max_iter=15, early_stopping=True, random_state=0)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ours, sk = fit_both("regression", X, y.astype(float), **settings)
    assert np.isnan(ours.validation_scores_[-1]) and np.isnan(sk.validation_scores_[-1])
    np.testing.assert_array_equal(np.isnan(ours.validation_scores_), np.isnan(sk.validation_scores_))
    for a, b in zip(ours.coefs_, sk.coefs_):
        np.testing.assert_allclose(a, b, atol=1e-10)


def test_partial_fit_checks_classes_as_scikit_learn(iris):
    X, y = iris
    for make in (MLPClassifier, SkClassifier):
        with pytest.raises(ValueError, match="classes not in"):
            make(solver="sgd").partial_fit(X, y, classes=[0, 1])
        model = make(solver="sgd").partial_fit(X, y, classes=[0, 1, 2])
        with pytest.raises(ValueError, match="not the same"):
            model.partial_fit(X, y, classes=[0, 1, 3])
        multilabel = problems(iris)["multilabel"][1]
        model = make(solver="sgd", random_state=0).partial_fit(X, multilabel, classes=[0, 1, 2])
        assert model.predict(X).shape == multilabel.shape
    for solver in ("sgd", "adam", "lbfgs"):
        for ours, sk in ((MLPClassifier, SkClassifier), (MLPRegressor, SkRegressor)):
            expected = solver != "lbfgs"
            assert hasattr(ours(solver=solver), "partial_fit") == expected
        assert hasattr(SkClassifier(solver=solver), "partial_fit") == (solver != "lbfgs")


def test_weights_set_before_fitting_are_the_starting_point():
    X, y = np.array([[0.6, 0.8, 0.7]]), np.array([0])
    models = []
    for make in (MLPClassifier, SkClassifier):
        model = make(solver="sgd", learning_rate_init=0.1, alpha=0.1, activation="logistic",
                     hidden_layer_sizes=2, momentum=0, max_iter=1, random_state=1)
        model.coefs_ = [np.array([[0.1, 0.2], [0.3, 0.1], [0.5, 0]]), np.array([[0.1], [0.2]])]
        model.intercepts_ = [np.array([0.1, 0.1]), np.array([1.0])]
        model.n_outputs_, model.n_layers_, model.out_activation_ = 1, 3, "logistic"
        model.n_features_in_, model.t_, model.n_iter_ = 3, 0, 0
        model.loss_curve_, model.best_loss_, model._no_improvement_count = [], np.inf, 0
        models.append(model.partial_fit(X, y, classes=[0, 1]))
    assert_same_fit(*models)


def test_warm_start_with_early_stopping_keeps_the_best_weights(iris):
    X, y = iris
    model = MLPRegressor(hidden_layer_sizes=(5,), early_stopping=True, warm_start=True, max_iter=30,
                         n_iter_no_change=2, random_state=0).fit(X, X[:, 0])
    best, best_score = [c.copy() for c in model.coefs_], model.best_validation_score_
    model.set_params(learning_rate_init=0.5).fit(X, X[:, 0])  # too large: never better
    assert model.best_validation_score_ == best_score
    assert max(model.validation_scores_[-model.n_iter_:]) < best_score
    for a, b in zip(model.coefs_, best):
        np.testing.assert_array_equal(a, b)


def _random_settings(rng):
    """One random combination of scikit-learn's parameters (drawn from a seeded rng)."""
    pick = lambda options: options[rng.integers(len(options))]  # noqa: E731
    return dict(
        hidden_layer_sizes=pick([(5,), (8, 4), 7, (3, 3, 3)]),
        activation=pick(["relu", "tanh", "logistic", "identity"]), solver=pick(["sgd", "adam", "lbfgs"]),
        alpha=pick([0.0, 1e-4, 0.1]), batch_size=pick(["auto", 1 + int(rng.integers(60)), 500]),
        learning_rate=pick(["constant", "invscaling", "adaptive"]),
        learning_rate_init=pick([0.001, 0.01, 0.1]), power_t=pick([0.5, 0.25]), max_iter=pick([5, 30, 80]),
        shuffle=bool(rng.random() < 0.7), random_state=int(rng.integers(100)), tol=pick([1e-4, 0.0, 1e-2]),
        momentum=pick([0.9, 0.0, 0.5]), nesterovs_momentum=bool(rng.random() < 0.5),
        early_stopping=bool(rng.random() < 0.3), validation_fraction=pick([0.1, 0.3]),
        n_iter_no_change=pick([10, 2, np.inf]), beta_1=pick([0.9, 0.8]), epsilon=pick([1e-8, 1e-6]),
        max_fun=pick([15000, 50]))


@pytest.mark.parametrize("seed", range(40))
def test_random_settings_match(iris, seed):
    rng = np.random.default_rng(seed)
    X, y = iris
    kind, target = [("classifier", y), ("classifier", (y == 1).astype(int)), ("regression", X[:, 0] * y),
                     ("classifier", problems(iris)["multilabel"][1])][seed % 4]
    settings = _random_settings(rng)
    fit_params = {"sample_weight": rng.uniform(0, 2, len(X))} if rng.random() < 0.3 else {}
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ours, sk = fit_both(kind, X, target, fit_params, **settings)
        except ValueError as error:  # a diverging run: scikit-learn must fail too
            assert "non-finite" in str(error)
            sk_cls = SkRegressor if kind == "regression" else SkClassifier
            with pytest.raises(ValueError, match="non-finite"):
                sk_cls(**settings).fit(X, target, **fit_params)
            return
    assert_same_fit(ours, sk)
