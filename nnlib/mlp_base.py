"""The machinery shared by :class:`~nnlib.MLPClassifier` and :class:`~nnlib.MLPRegressor`.

Parameter and data checks, the network built from the parameters, the fitted
attributes ``coefs_``/``intercepts_`` as views of that network, and ``fit``: validate
everything first, then train with :mod:`nnlib.solvers`, and put everything back if
anything fails.
"""

import copy
import math
import numbers

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, column_or_1d, validate_data

from . import initializers
from .activations import activation_names
from .backend import all_finite, array_namespace, asarray, device, is_sparse, to_numpy
from .builders import mlp
from .optimizers import SGD, Adam, RMSprop
from .schedules import Schedule
from .solvers import (NON_FINITE, ScikitLearnLogistic, SGDLearningRate, dense_layers, fit_lbfgs,
                      fit_stochastic)
from .callbacks import DivergenceError
from .validation import (NON_NEGATIVE, POSITIVE, POSITIVE_INT, UNIT_INTERVAL, Interval, ListOf,
                         check, check_all)

_PARAMETER_CONSTRAINTS = {
    "solver": [{"lbfgs", "sgd", "adam", "rmsprop"}],
    "learning_rate": [{"constant", "invscaling", "adaptive"}, Schedule],
    "alpha": [NON_NEGATIVE],
    "batch_size": [{"auto"}, POSITIVE_INT],
    "learning_rate_init": [POSITIVE],
    "power_t": [NON_NEGATIVE],
    "max_iter": [POSITIVE_INT],
    "max_fun": [POSITIVE_INT],
    "tol": [NON_NEGATIVE],
    "momentum": [Interval(float, 0, 1)],
    "validation_fraction": [Interval(float, 0, 1, closed="neither")],
    "beta_1": [UNIT_INTERVAL],
    "beta_2": [UNIT_INTERVAL],
    "epsilon": [POSITIVE],
    "n_iter_no_change": [POSITIVE_INT, {math.inf}],
    "dropout": [UNIT_INTERVAL],
    "clip_value": [None, POSITIVE],
    "clip_norm": [None, POSITIVE],
    "weight_init": [{"auto", *initializers.INITIALIZERS}],
}
"""What each parameter may be (scikit-learn's ``_parameter_constraints``, in
:mod:`nnlib.validation`'s terms); ``activation`` is read from the activation registry."""


class _LiveList(list):
    """``coefs_``/``intercepts_``: a list whose items are the model's live arrays.

    ``est.coefs_[i] = W`` writes ``W`` into the network, as does ``est.coefs_ = [...]``.
    """

    def __init__(self, estimator, name):
        self._estimator, self._name = estimator, name
        super().__init__(estimator._dense_param(name))

    def __setitem__(self, index, value):
        super().__setitem__(index, value)
        self._estimator._set_dense_param(self._name, list(self))


def _is_array_api(X):
    """True for arrays of an array-API library other than NumPy (CuPy, array_api_strict...)."""
    import array_api_compat
    return array_api_compat.is_array_api_obj(X) and not isinstance(X, np.ndarray) \
        and not array_api_compat.is_numpy_array(X)


def _scikit_learn_init(model, rng, factor):
    r"""scikit-learn's initialization: for each layer in turn :math:`W` then :math:`b` drawn
    from :math:`U(-r, r)`, :math:`r = \sqrt{f/(n_{in}+n_{out})}`, :math:`f` 2 for the
    logistic activation and 6 otherwise (Glorot uniform)."""
    for layer in dense_layers(model):
        bound = math.sqrt(factor / (layer.fan_in + layer.fan_out))
        layer.params["W"][...] = rng.uniform(-bound, bound, (layer.fan_in, layer.fan_out))
        layer.params["b"][...] = rng.uniform(-bound, bound, layer.fan_out)


class _BaseMLP(BaseEstimator):
    """Shared machinery; see :class:`MLPClassifier` for the parameters."""

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate="constant",
                 learning_rate_init=0.001, power_t=0.5, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, verbose=False, warm_start=False, momentum=0.9,
                 nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10,
                 max_fun=15000, weight_init="auto", dropout=0.0, clip_value=None,
                 clip_norm=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun
        self.weight_init = weight_init
        self.dropout = dropout
        self.clip_value = clip_value
        self.clip_norm = clip_norm

    # --- parameter checks (all before anything is changed) ---------------------
    def _hidden_sizes(self):
        sizes = self.hidden_layer_sizes
        sizes = [sizes] if isinstance(sizes, numbers.Integral) else sizes
        return check(sizes, "hidden_layer_sizes", ListOf(POSITIVE_INT))

    def _validate_params(self):
        constraints = {**_PARAMETER_CONSTRAINTS,
                       "activation": [set(activation_names(trainable=True, elementwise=True))]}
        check_all({name: getattr(self, name) for name in constraints}, constraints)
        self._hidden_sizes()
        if self.solver == "sgd" and self.momentum == 1:
            raise ValueError("momentum must be < 1 for the solver 'sgd'")
        if self.solver == "lbfgs" and (self.dropout or self.clip_value or self.clip_norm):
            raise ValueError("solver 'lbfgs' minimizes one fixed function: it cannot be combined "
                             "with dropout, clip_value or clip_norm; use 'adam' or 'sgd'")

    # --- data checks -----------------------------------------------------------
    def _validate_X(self, X, reset):
        """Check ``X``; returns it as a float array of its own namespace (or SciPy sparse)."""
        if not _is_array_api(X):
            return validate_data(self, X, accept_sparse=["csr", "csc"],
                                 dtype=(np.float64, np.float32), reset=reset)
        xp = array_namespace(X)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {tuple(X.shape)}")
        if X.shape[0] == 0:
            raise ValueError("X is empty: at least one sample is needed")
        if not xp.isdtype(X.dtype, "real floating"):
            X = xp.astype(X, xp.float64)
        if not bool(xp.all(xp.isfinite(X))):
            raise ValueError("Input X contains NaN or infinity.")
        if reset:
            self.n_features_in_ = X.shape[1]
        elif X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} "
                             f"is expecting {self.n_features_in_} features as input.")
        return X

    def _validate_X_y(self, X, y, sample_weight, reset):
        """``X`` in its namespace, ``y`` as NumPy, ``sample_weight`` as NumPy or None."""
        if _is_array_api(X):
            X = self._validate_X(X, reset)
            y = np.asarray(to_numpy(y))
            if y.shape[0] != X.shape[0]:
                raise ValueError(f"Found input variables with inconsistent numbers of samples: "
                                 f"[{X.shape[0]}, {y.shape[0]}]")
        else:
            X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"], multi_output=True,
                                 y_numeric=not self._is_classifier(),
                                 dtype=(np.float64, np.float32), reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if sample_weight is not None:
            sample_weight = to_numpy(sample_weight) if _is_array_api(sample_weight) else sample_weight
            rows = np.empty((X.shape[0], 0))  # scikit-learn's check reads only the number of rows
            sample_weight = _check_sample_weight(sample_weight, rows,
                                                 dtype=X.dtype if not _is_array_api(X) else None)
        return X, y, sample_weight

    # --- the network -----------------------------------------------------------
    def _build(self, n_features, n_outputs, rng):
        sizes = [n_features, *self._hidden_sizes(), n_outputs]
        act = "sigmoid" if self.activation in ("logistic", "sigmoid") else self.activation
        auto = self.weight_init == "auto"
        model = mlp(sizes, ScikitLearnLogistic() if act == "sigmoid" else act,
                    dropout=self.dropout, weight_init="zeros" if auto else self.weight_init,
                    random_state=rng)
        if auto:
            _scikit_learn_init(model, rng, factor=2.0 if act == "sigmoid" else 6.0)
        return model

    def _make_optimizer(self):
        if isinstance(self.learning_rate, Schedule):
            lr = self.learning_rate
        elif self.solver == "adam":  # scikit-learn's Adam has no learning_rate options
            lr = float(self.learning_rate_init)
        else:
            lr = SGDLearningRate(float(self.learning_rate_init), self.learning_rate, self.power_t)
        if self.solver == "sgd":
            return SGD(lr, momentum=float(self.momentum), nesterov=self.nesterovs_momentum)
        if self.solver == "rmsprop":
            return RMSprop(lr, epsilon=float(self.epsilon))
        return Adam(lr, beta_1=float(self.beta_1), beta_2=float(self.beta_2), epsilon=float(self.epsilon),
                    fold_bias_correction=True)  # scikit-learn's form

    def _dense_param(self, name):
        return [layer.params[name] for layer in dense_layers(self._model)]

    def _set_dense_param(self, name, arrays):
        layers = dense_layers(self._model)
        if len(arrays) != len(layers):
            raise ValueError(f"expected {len(layers)} arrays, got {len(arrays)}")
        for layer, a in zip(layers, arrays):
            expected = tuple(layer.params[name].shape)
            if tuple(a.shape) != expected:
                raise ValueError(f"an array of shape {expected} was expected, got {tuple(a.shape)}")
        for layer, a in zip(layers, arrays):
            layer.params[name][...] = a  # in place: the model's parameter vector stays one

    def _given(self, name, what):
        if "_model" in vars(self):
            return _LiveList(self, name)
        if f"_given_{name}" in vars(self):  # set before fitting: the next fit starts there
            return vars(self)[f"_given_{name}"]
        raise AttributeError(f"{what} exists only after fit (or after you set it)")

    def _give(self, name, arrays):
        if "_model" in vars(self):
            self._set_dense_param(name, list(arrays))
        else:
            vars(self)[f"_given_{name}"] = list(arrays)

    @property
    def coefs_(self):
        """Weight matrices, ``coefs_[i]`` of shape (fan_in, fan_out); the live parameters."""
        return self._given("W", "coefs_")

    @coefs_.setter
    def coefs_(self, arrays):
        self._give("W", arrays)

    @property
    def intercepts_(self):
        """Bias vectors, ``intercepts_[i]`` of shape (fan_out,); the live parameters."""
        return self._given("b", "intercepts_")

    @intercepts_.setter
    def intercepts_(self, arrays):
        self._give("b", arrays)

    # --- fitting ---------------------------------------------------------------
    def fit(self, X, y, sample_weight=None):
        """Fit the network to ``X`` (n_samples, n_features) and targets ``y``.

        Parameters
        ----------
        X : array of shape (n_samples, n_features), NumPy, SciPy sparse (CSR/CSC) or any
            array-API library
        y : array of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array of shape (n_samples,), optional
            Each sample's weight in the loss and, with ``early_stopping``, in the
            validation score.

        Raises
        ------
        ValueError
            For invalid parameters or data, or
            :class:`nnlib.training.DivergenceError` if the weights become non-finite
            (without ``early_stopping``, which keeps the best weights instead).
            Either way the estimator is left as it was before the call.
        """
        return self._fit_or_restore(X, y, sample_weight, incremental=False)

    def _fit_or_restore(self, X, y, sample_weight, incremental, classes=None):
        # a failed call puts everything back; training changes the model in place, so a
        # fitted estimator's state is copied first
        before = copy.deepcopy(vars(self)) if "_model" in vars(self) else dict(vars(self))
        try:
            return self._fit(X, y, sample_weight, incremental, classes)
        except BaseException:
            vars(self).clear()
            vars(self).update(before)
            raise

    def _fit(self, X, y, sample_weight, incremental, classes=None):
        self._validate_params()
        if incremental and self.early_stopping:
            raise ValueError("partial_fit does not support early_stopping=True")
        if incremental and self._is_classifier():
            self._first_partial_fit(y, classes)
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)
        X, y, sample_weight = self._validate_X_y(X, y, sample_weight, reset=first_pass)
        Y = self._encode_targets(y, incremental)
        xp = array_namespace(X) if _is_array_api(X) else array_namespace(np.empty(0))
        Y = asarray(Y, xp, dtype=X.dtype, device=device(X) if _is_array_api(X) else None)
        if sample_weight is not None and _is_array_api(X):
            sample_weight = asarray(sample_weight, xp, dtype=X.dtype, device=device(X))
        rng = initializers.check_random_state(self.random_state)
        if first_pass:
            self._initialize(X, Y, rng)
        elif "_model" not in vars(self):
            self._model_from_given(X)
        if self.solver == "lbfgs":
            fit_lbfgs(self, X, Y, sample_weight)
        else:
            self._initialize_stopping_state()
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                fit_stochastic(self, X, Y, sample_weight, incremental, rng)
        if not all_finite(self._model.parameters()):
            raise DivergenceError(NON_FINITE)
        return self

    def _initialize(self, X, Y, rng):
        """A fresh network and fresh records (scikit-learn's ``_initialize``)."""
        for name in ("_optimizer", "loss_curve_", "_no_improvement_count"):
            vars(self).pop(name, None)
        self.n_iter_, self.t_ = 0, 0
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(self._hidden_sizes()) + 2
        self.out_activation_ = self._out_activation_name()
        model = self._build(X.shape[1], Y.shape[1], rng)
        self._model = model.to(array_namespace(Y), dtype=Y.dtype, device=device(Y))
        vars(self).pop("_given_W", None)
        vars(self).pop("_given_b", None)

    def _model_from_given(self, X):
        """Start from ``coefs_``/``intercepts_`` that were set on an unfitted estimator."""
        given = vars(self).pop("_given_W"), vars(self).pop("_given_b", None)
        sizes = [w.shape[1] for w in given[0]]
        model = self._build(X.shape[1], sizes[-1], initializers.check_random_state(0))
        self._model = model.to(array_namespace(np.empty(0)), dtype=X.dtype)
        self.coefs_ = [np.asarray(w, dtype=X.dtype) for w in given[0]]
        if given[1] is not None:
            self.intercepts_ = [np.asarray(b, dtype=X.dtype) for b in given[1]]

    def _initialize_stopping_state(self):
        """scikit-learn's records of the stochastic solvers, kept across warm starts."""
        if "loss_curve_" in vars(self):
            return
        self.loss_curve_ = []
        self._no_improvement_count = 0
        self._best_weights = self._model.get_weights()
        if self.early_stopping:
            self.validation_scores_, self.best_validation_score_ = [], -np.inf
            self.best_loss_ = None
        else:
            self.best_loss_, self.validation_scores_, self.best_validation_score_ = np.inf, None, None

    def _has_partial_fit(self):
        return self.solver != "lbfgs"

    # --- prediction --------------------------------------------------------------
    def _forward(self, X, check_input=True):
        """The output layer's pre-activation :math:`z` (logits for the classifier)."""
        check_is_fitted(self)
        if check_input:
            X = self._validate_X(X, reset=False)
        dtype = self._model.parameters()[0].dtype
        if X.dtype != dtype:
            X = X.astype(dtype) if is_sparse(X) or isinstance(X, np.ndarray) \
                else array_namespace(X).astype(X, dtype)
        return self._model.forward(X, training=False)

    def _score_model(self, X, y, sample_weight):
        """The validation score of early stopping (NaN for non-finite predictions)."""
        prediction = to_numpy(self._predict(X, check_input=False))
        if np.issubdtype(prediction.dtype, np.floating) and not np.isfinite(prediction).all():
            return np.nan
        return float(self._metric(y, prediction, sample_weight=sample_weight))
