"""nnlib's core runs on any array-API library: proven here with array_api_strict.

array_api_strict implements the standard and nothing else, so any NumPy-only call
hidden in nnlib fails these tests.
"""

import warnings

import numpy as np
import pytest

import nnlib
from nnlib import backend
from nnlib.estimators import MLPClassifier, MLPRegressor

xps = pytest.importorskip("array_api_strict")
StrictArray = type(xps.asarray([0.0]))


@pytest.fixture
def iris():
    X, y = nnlib.datasets.iris()
    return X, y


def _strict(a):
    return xps.asarray(a)


def _fit_quietly(est, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return est.fit(X, y)


@pytest.mark.parametrize("solver", ["adam", "sgd", "rmsprop"])
def test_classifier_matches_numpy_and_stays_in_namespace(iris, solver):
    X, y = iris
    strict = _fit_quietly(MLPClassifier((10,), solver=solver, max_iter=15, random_state=0),
                          _strict(X), _strict(y))
    plain = _fit_quietly(MLPClassifier((10,), solver=solver, max_iter=15, random_state=0), X, y)
    for coef in strict.coefs_ + strict.intercepts_:
        assert isinstance(coef, StrictArray)
    proba = strict.predict_proba(_strict(X))
    assert isinstance(proba, StrictArray)
    np.testing.assert_allclose(np.asarray(proba), plain.predict_proba(X), rtol=0, atol=1e-12)
    prediction = strict.predict(_strict(X))
    assert isinstance(prediction, StrictArray)
    np.testing.assert_array_equal(np.asarray(prediction), plain.predict(X))
    np.testing.assert_allclose(strict.loss_curve_, plain.loss_curve_, rtol=1e-12)


def test_regressor_with_early_stopping_on_strict_arrays(iris):
    X, y = iris
    target = X[:, 0] * 0.5 + y
    strict = _fit_quietly(MLPRegressor(hidden_layer_sizes=(8,), max_iter=40, random_state=1,
                                       early_stopping=True), _strict(X), _strict(target))
    plain = _fit_quietly(MLPRegressor(hidden_layer_sizes=(8,), max_iter=40, random_state=1,
                                      early_stopping=True), X, target)
    out = strict.predict(_strict(X))
    assert isinstance(out, StrictArray) and out.shape == (150,)
    np.testing.assert_allclose(np.asarray(out), plain.predict(X), atol=1e-12)
    assert strict.n_iter_ == plain.n_iter_


MULTILABEL = lambda X, y: np.column_stack([y == 0, X[:, 0] > 5.8]).astype(int)  # noqa: E731
TARGETS = {
    "multiclass": (MLPClassifier, lambda X, y: y, {}),
    "binary": (MLPClassifier, lambda X, y: (y == 1).astype(int), {}),
    "multilabel": (MLPClassifier, MULTILABEL, {}),
    "regression": (MLPRegressor, lambda X, y: np.column_stack([X[:, 0], X[:, 1] * 0.5]), {}),
    "poisson": (MLPRegressor, lambda X, y: y.astype(float), {"loss": "poisson"}),
}
OPTIONS = {
    "no shuffle": dict(shuffle=False), "early stopping": dict(early_stopping=True),
    "batch 7": dict(batch_size=7), "batch > n": dict(batch_size=500),
    "sgd invscaling": dict(solver="sgd", learning_rate="invscaling"),
    "sgd adaptive": dict(solver="sgd", learning_rate="adaptive", tol=0.5, n_iter_no_change=1),
    "sgd momentum": dict(solver="sgd", nesterovs_momentum=False), "rmsprop": dict(solver="rmsprop"),
    "lbfgs": dict(solver="lbfgs"), "dropout": dict(dropout=0.2), "clip": dict(clip_norm=1.0, clip_value=0.1),
    "schedule": dict(learning_rate=nnlib.StepDecay(0.01, 0.5, 3)), "logistic": dict(activation="logistic"),
    "weight_init": dict(weight_init="he_normal", activation="elu"), "warm start": dict(warm_start=True),
    "sample_weight": dict(), "partial_fit": dict(solver="sgd"),
}


def _fit_both_ways(make, X, y, option, **settings):
    weights = np.random.default_rng(0).uniform(0.5, 2.0, len(X)) if option == "sample_weight" else None
    fitted = []
    for convert in (np.asarray, _strict):
        est = make(hidden_layer_sizes=(6,), max_iter=8, random_state=0, **settings)
        fit_params = {} if weights is None else {"sample_weight": convert(weights)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if option == "partial_fit":
                extra = {"classes": np.unique(y, axis=0) if y.ndim == 1 else [0, 1]} \
                    if make is MLPClassifier else {}
                for _ in range(3):
                    est.partial_fit(convert(X), convert(y), **extra)
            else:
                est.fit(convert(X), convert(y), **fit_params)
                if option == "warm start":
                    est.fit(convert(X), convert(y), **fit_params)
        fitted.append(est)
    return fitted


@pytest.mark.parametrize("option", list(OPTIONS))
@pytest.mark.parametrize("target", list(TARGETS))
def test_every_option_on_strict_arrays_matches_numpy(iris, target, option):
    make, target_of, settings = TARGETS[target]
    X, y = iris
    y = target_of(X, y)
    plain, strict = _fit_both_ways(make, X, y, option, **settings, **OPTIONS[option])
    for a, b in zip(strict.coefs_ + strict.intercepts_, plain.coefs_ + plain.intercepts_):
        assert isinstance(a, StrictArray)
        np.testing.assert_allclose(np.asarray(a), b, rtol=0, atol=1e-10)
    out = strict.predict(_strict(X))
    assert isinstance(out, StrictArray)
    np.testing.assert_allclose(np.asarray(out), plain.predict(X), atol=1e-10)
    assert strict.n_iter_ == plain.n_iter_


def test_float32_stays_float32_on_strict_arrays(iris):
    X, y = iris
    est = _fit_quietly(MLPClassifier((6,), max_iter=5, random_state=0),
                       xps.asarray(X, dtype=xps.float32), _strict(y))
    assert est.coefs_[0].dtype == xps.float32
    assert est.predict_proba(xps.asarray(X, dtype=xps.float32)).dtype == xps.float32


def test_every_layer_runs_forward_and_backward_on_strict_arrays():
    rng = np.random.default_rng(0)
    images = _strict(rng.standard_normal((2, 6, 6, 3)))
    signals = _strict(rng.standard_normal((2, 7, 2)))
    for layer, x in [(nnlib.MaxPool2D(2), images), (nnlib.AvgPool2D(3, stride=1), images),
                     (nnlib.MaxPool1D(2, stride=1), signals), (nnlib.AvgPool1D(3), signals),
                     (nnlib.Flatten(), images), (nnlib.Dropout(0.5, random_state=0), signals),
                     (nnlib.Activation("leaky_relu", alpha=0.1), signals)]:
        out = layer.forward(x, training=True)
        grad = layer.backward(xps.ones_like(out))
        assert isinstance(out, StrictArray) and isinstance(grad, StrictArray)
        assert grad.shape == x.shape
        if not isinstance(layer, nnlib.Dropout):  # the same layer on NumPy gives the same output
            np.testing.assert_allclose(np.asarray(out), layer.forward(np.asarray(x)))


def test_training_loop_on_strict_arrays_matches_numpy(iris):
    X, y = iris
    Y = np.eye(3)[y]

    def run(to_backend):
        net = nnlib.mlp([4, 8, 3], "tanh", random_state=0)
        if to_backend:
            net.to(xps)
        convert = _strict if to_backend else np.asarray
        history = nnlib.fit(net, convert(X), convert(Y), loss="categorical_cross_entropy",
                            optimizer=nnlib.Adam(0.01), epochs=5, batch_size=50,
                            random_state=0, l2=0.01, clip_norm=5.0,
                            validation_data=(convert(X), convert(Y)))
        return history, net

    strict_history, strict_net = run(True)
    numpy_history, numpy_net = run(False)
    np.testing.assert_allclose(strict_history["loss"], numpy_history["loss"], rtol=1e-12)
    for a, b in zip(strict_net.get_weights(), numpy_net.get_weights()):
        assert isinstance(a, StrictArray)
        np.testing.assert_allclose(np.asarray(a), b, rtol=1e-12, atol=1e-14)


def test_namespace_helpers():
    assert backend.is_numpy(backend.array_namespace(np.zeros(2)))
    assert backend.array_namespace(_strict([1.0])) is not None
    assert isinstance(backend.to_numpy(_strict([1.0, 2.0])), np.ndarray)
    with pytest.raises(ValueError, match="backend must be one of"):
        backend.get_namespace("tensorflow")


def test_asking_for_cupy_without_it_says_how_to_install():
    try:
        import cupy  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match=r"pip install -e \.\[gpu\]"):
            backend.get_namespace("cupy")
    else:
        pytest.skip("CuPy is installed")


@pytest.mark.gpu
def test_cupy_round_trip(iris):
    cupy = pytest.importorskip("cupy")
    try:
        if cupy.cuda.runtime.getDeviceCount() < 1:
            pytest.skip("no CUDA device")
    except Exception:
        pytest.skip("no CUDA device")
    X, y = iris
    est = _fit_quietly(MLPClassifier((8,), max_iter=5, random_state=0), cupy.asarray(X), cupy.asarray(y))
    assert isinstance(est.predict_proba(cupy.asarray(X)), cupy.ndarray)
