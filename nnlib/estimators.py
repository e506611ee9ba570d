"""scikit-learn compatible estimators: :class:`MLPClassifier` and :class:`MLPRegressor`.

They take scikit-learn's ``MLPClassifier``/``MLPRegressor`` parameters with the same
meaning (every solver, ``"lbfgs"`` included, every ``learning_rate`` option,
``sample_weight``, sparse ``X``, ``loss="poisson"``), expose the same fitted
attributes (``coefs_`` and ``intercepts_`` with weights of shape
``(fan_in, fan_out)``, ``loss_curve_``, ``n_iter_``...), and train the same way
(:mod:`nnlib.solvers`): for the same ``random_state`` they reach the same weights.
So ``from nnlib import MLPClassifier`` can replace
``from sklearn.neural_network import MLPClassifier``.

What they add, as taught in the book: more activations (``"leaky_relu"``,
``"elu"``, ``"sigmoid"``), ``weight_init``, ``dropout``, learning-rate schedules
(pass a :mod:`nnlib.schedules` object as ``learning_rate``), gradient clipping
(``clip_value``, ``clip_norm``), the solver ``"rmsprop"``, and arrays of any
array-API library (CuPy on a GPU) in and out.

Where they differ from scikit-learn, on purpose:

* a diverging run without early stopping raises :class:`nnlib.DivergenceError` (a
  ``ValueError`` with scikit-learn's message) at the first non-finite epoch loss and
  leaves the estimator as it was; scikit-learn trains on to ``max_iter`` and then
  raises, leaving NaN weights behind;
* ``partial_fit`` does not exist for ``solver="lbfgs"`` in the regressor either;
* bad parameters raise ``ValueError`` naming the parameter; ``validation_fraction=0``
  and ``momentum=1`` with ``"sgd"`` are refused; ``loss="poisson"`` refuses negative
  targets (scikit-learn would train on a NaN loss);
* ``solver="lbfgs"`` runs on NumPy arrays: arrays of another library are copied to
  NumPy for SciPy's optimizer and the weights copied back; it refuses ``dropout``
  and gradient clipping, which would change the function it minimizes.

The full table is on the API page.
"""

import copy
import math
import numbers
from functools import partial

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.metrics import accuracy_score, r2_score
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets, type_of_target, unique_labels
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, column_or_1d, validate_data

from . import functional, initializers
from .backend import array_namespace, asarray, device, is_numpy, is_sparse, to_numpy
from .layers import Activation, Dense, Dropout
from .model import Sequential
from .optimizers import SGD, Adam, RMSprop
from .schedules import Schedule
from .solvers import (NON_FINITE, ScikitLearnLogistic, SGDLearningRate, dense_layers, fit_lbfgs,
                      fit_stochastic)
from .training import DivergenceError

__all__ = ["MLPClassifier", "MLPRegressor"]

_ACTIVATIONS = ("identity", "logistic", "sigmoid", "tanh", "relu", "leaky_relu", "elu")
_SOLVERS = ("lbfgs", "sgd", "adam", "rmsprop")
_LEARNING_RATES = ("constant", "invscaling", "adaptive")


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


def _check_number(value, name, low=None, high=None, low_open=False, high_open=False, integer=False):
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind) or not math.isfinite(value):
        raise ValueError(f"{name} must be {'an integer' if integer else 'a finite number'}, got {value!r}")
    if low is not None and (value < low or (low_open and value == low)):
        raise ValueError(f"{name} must be {'>' if low_open else '>='} {low}, got {value!r}")
    if high is not None and (value > high or (high_open and value == high)):
        raise ValueError(f"{name} must be {'<' if high_open else '<='} {high}, got {value!r}")


def _is_array_api(X):
    """True for arrays of an array-API library other than NumPy (CuPy, array_api_strict...)."""
    import array_api_compat
    return array_api_compat.is_array_api_obj(X) and not isinstance(X, np.ndarray) \
        and not array_api_compat.is_numpy_array(X)


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
        sizes = [sizes] if isinstance(sizes, numbers.Integral) else list(sizes)
        for size in sizes:
            if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1:
                raise ValueError(
                    f"hidden_layer_sizes must be positive integers, got {self.hidden_layer_sizes!r}"
                )
        return [int(s) for s in sizes]

    def _validate_params(self):
        self._hidden_sizes()
        if self.activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {list(_ACTIVATIONS)}, got {self.activation!r}")
        if self.solver not in _SOLVERS:
            raise ValueError(f"solver must be one of {list(_SOLVERS)}, got {self.solver!r}")
        if not (self.learning_rate in _LEARNING_RATES or isinstance(self.learning_rate, Schedule)):
            raise ValueError(
                f"learning_rate must be one of {list(_LEARNING_RATES)} or an nnlib.schedules "
                f"schedule (StepDecay, ExponentialDecay, InverseTimeDecay), got {self.learning_rate!r}"
            )
        _check_number(self.alpha, "alpha", low=0)
        if self.batch_size != "auto":
            _check_number(self.batch_size, "batch_size", low=1, integer=True)
        _check_number(self.learning_rate_init, "learning_rate_init", low=0, low_open=True)
        _check_number(self.power_t, "power_t", low=0)
        _check_number(self.max_iter, "max_iter", low=1, integer=True)
        _check_number(self.max_fun, "max_fun", low=1, integer=True)
        _check_number(self.tol, "tol", low=0)
        _check_number(self.momentum, "momentum", low=0, high=1)
        _check_number(self.validation_fraction, "validation_fraction", low=0, high=1,
                      low_open=True, high_open=True)
        _check_number(self.beta_1, "beta_1", low=0, high=1, high_open=True)
        _check_number(self.beta_2, "beta_2", low=0, high=1, high_open=True)
        _check_number(self.epsilon, "epsilon", low=0, low_open=True)
        if self.n_iter_no_change != math.inf:
            _check_number(self.n_iter_no_change, "n_iter_no_change (or numpy.inf)", low=1,
                          integer=True)
        _check_number(self.dropout, "dropout", low=0, high=1, high_open=True)
        for name in ("clip_value", "clip_norm"):
            if getattr(self, name) is not None:
                _check_number(getattr(self, name), name, low=0, low_open=True)
        if self.weight_init != "auto" and self.weight_init not in initializers.INITIALIZERS:
            raise ValueError(
                f"weight_init must be 'auto' or one of {sorted(initializers.INITIALIZERS)}, "
                f"got {self.weight_init!r}"
            )
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
            sample_weight = _check_sample_weight(sample_weight, np.empty((X.shape[0], 0)),
                                                 dtype=X.dtype if not _is_array_api(X) else None)
        return X, y, sample_weight

    # --- the network -----------------------------------------------------------
    def _build(self, n_features, n_outputs, rng):
        sizes = [n_features, *self._hidden_sizes(), n_outputs]
        act = "sigmoid" if self.activation == "logistic" else self.activation
        layers = []
        for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            if self.weight_init == "auto":
                # scikit-learn's rule: Glorot uniform, factor 2 instead of 6 for logistic
                factor = 2.0 if act == "sigmoid" else 6.0  # "logistic" is mapped to "sigmoid" above
                bound = math.sqrt(factor / (fan_in + fan_out))
                init = partial(initializers.uniform, low=-bound, high=bound)
                layers.append(Dense(fan_in, fan_out, init, init, random_state=rng))
            else:
                layers.append(Dense(fan_in, fan_out, initializers.get_initializer(self.weight_init),
                                    "zeros", random_state=rng))
            if i < len(sizes) - 2:
                layers.append(Activation(ScikitLearnLogistic() if act == "sigmoid" else act))
                if self.dropout > 0:
                    layers.append(Dropout(self.dropout, random_state=rng))
        return Sequential(layers)

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
            layer.params[name] = a

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
            :class:`nnlib.training.DivergenceError` if the loss becomes non-finite.
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
        if not all(bool(xp.all(xp.isfinite(p))) for p in self._model.parameters()):
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


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """Multi-layer perceptron classifier, a drop-in for scikit-learn's.

    Two classes: one logistic output unit; more: a softmax over one unit per class;
    a 2-D indicator ``y``: one logistic unit per label. The loss is the cross-entropy
    (probabilities clipped to :math:`[\\epsilon, 1-\\epsilon]`, as in scikit-learn).

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (100,)
        Neurons in each hidden layer.
    activation : {"identity", "logistic", "tanh", "relu", "sigmoid", "leaky_relu", "elu"}, default "relu"
        Activation of the hidden layers (``"sigmoid"`` is ``"logistic"``).
    solver : {"adam", "sgd", "lbfgs", "rmsprop"}, default "adam"
        ``"lbfgs"`` is SciPy's L-BFGS-B on the whole training set (NumPy arrays only:
        others are copied to NumPy and back).
    alpha : float, default 1e-4
        L2 penalty :math:`\\frac{\\alpha}{2 S}\\sum \\lVert W\\rVert^2` per batch,
        :math:`S` its number of samples (or sum of sample weights).
    batch_size : int or "auto", default "auto"
        ``min(200, n_samples)`` for "auto".
    learning_rate : {"constant", "invscaling", "adaptive"} or Schedule, default "constant"
        For ``"sgd"`` (and ``"rmsprop"``): ``"invscaling"`` makes the rate
        :math:`\\eta_0/(t+1)^{p}` after each epoch, :math:`t` the samples seen;
        ``"adaptive"`` divides it by 5 whenever the stopping rule would stop. A
        schedule from :mod:`nnlib.schedules` makes the rate change with the epoch
        (any solver).
    learning_rate_init : float, default 0.001
    power_t : float, default 0.5
        The exponent :math:`p` of ``"invscaling"``.
    max_iter : int, default 200
        Maximum number of epochs (iterations for ``"lbfgs"``).
    shuffle : bool, default True
    random_state : None or int
    tol : float, default 1e-4
        An epoch improves when the loss falls (or the validation score rises) by more
        than ``tol``; for ``"lbfgs"`` the gradient tolerance.
    verbose : bool
        Print the loss after every epoch.
    warm_start : bool
        Continue from the previous fit instead of starting again.
    momentum : float, default 0.9
    nesterovs_momentum : bool, default True
    early_stopping : bool, default False
        Hold out ``validation_fraction`` of the data, stop when its accuracy has not
        improved by ``tol`` for ``n_iter_no_change`` epochs, keep the best weights.
    validation_fraction : float, default 0.1
    beta_1, beta_2, epsilon : float
        Adam's (and RMSprop's ``epsilon``).
    n_iter_no_change : int or numpy.inf, default 10
    max_fun : int, default 15000
        Most loss evaluations of ``"lbfgs"``.
    weight_init : "auto" or str, default "auto"
        "auto" is scikit-learn's Glorot uniform rule (weights and biases); any name of
        :mod:`nnlib.initializers` draws the weights that way and zeroes the biases.
    dropout : float in [0, 1), default 0.0
        Inverted dropout after every hidden layer, during training only.
    clip_value, clip_norm : float, optional
        Clip the gradients by value or by their global norm.

    The array library is that of ``X``: NumPy, SciPy sparse, or CuPy / any array-API
    library, whose arrays then come out of ``predict`` and sit in ``coefs_``.

    Attributes
    ----------
    classes_, coefs_, intercepts_, loss_, loss_curve_, best_loss_, validation_scores_,
    best_validation_score_, n_iter_, t_, n_layers_, n_outputs_, out_activation_,
    n_features_in_ : as in scikit-learn.

    Notes
    -----
    Differences from scikit-learn (the API page has the table): divergence without
    early stopping raises :class:`nnlib.DivergenceError` at once and leaves the
    estimator as it was; bad parameters raise ``ValueError``; ``"lbfgs"`` refuses
    dropout and clipping.
    """

    def _is_classifier(self):
        return True

    def _out_activation_name(self):
        return "softmax" if self._label_binarizer.y_type_ == "multiclass" else "logistic"

    def _first_partial_fit(self, y, classes):
        """scikit-learn's rules for ``classes``: required first, the same ever after."""
        if classes is None:
            if "classes_" not in vars(self):
                raise ValueError("classes must be passed on the first call to partial_fit.")
            return
        if "classes_" in vars(self):
            if not np.array_equal(self.classes_, unique_labels(classes)):
                raise ValueError(f"`classes={classes!r}` is not the same as on last call to "
                                 f"partial_fit, was: {self.classes_!r}")
            return
        self.classes_ = unique_labels(classes)
        y = np.asarray(to_numpy(y))
        multilabel = type_of_target(y).startswith("multilabel")
        self._label_binarizer = LabelBinarizer().fit(y if multilabel else classes)

    def _encode_targets(self, y, incremental):
        check_classification_targets(y)
        if "classes_" not in vars(self) or (not self.warm_start and not incremental):
            self._label_binarizer = LabelBinarizer().fit(y)
            self.classes_ = self._label_binarizer.classes_
        else:
            found = unique_labels(y)
            if self.warm_start and set(found) != set(self.classes_):
                raise ValueError("warm_start can only be used where `y` has the same classes as in "
                                 f"the previous call to fit. Previously got {self.classes_}, `y` has {found}")
            if not self.warm_start and len(np.setdiff1d(found, self.classes_, assume_unique=True)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` has "
                                 f"{self.classes_}. 'y' has {found}.")
        return self._label_binarizer.transform(y)

    def _targets_for_score(self, Y):
        return self._label_binarizer.inverse_transform(Y)

    def _metric(self, y, prediction, sample_weight=None):
        return accuracy_score(y, prediction, sample_weight=sample_weight)

    @available_if(_BaseMLP._has_partial_fit)
    def partial_fit(self, X, y, sample_weight=None, classes=None):
        """One epoch over ``(X, y)``; ``classes`` (all labels) is required on the first call."""
        return self._fit_or_restore(X, y, sample_weight, incremental=True, classes=classes)

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes)."""
        logits = self._forward(X)
        xp = array_namespace(logits)
        if self.out_activation_ == "softmax":
            return functional.softmax(logits, axis=1)
        p = functional.sigmoid(logits)
        if self.n_outputs_ == 1:
            return xp.concat([1 - p, p], axis=1)
        return p

    def predict_log_proba(self, X):
        """``log(predict_proba(X))``, as in scikit-learn (so both have the same argmax)."""
        proba = self.predict_proba(X)
        return array_namespace(proba).log(proba)

    def predict(self, X):
        """Predicted class labels."""
        return self._predict(X)

    def _predict(self, X, check_input=True):
        logits = self._forward(X, check_input)
        xp = array_namespace(logits)
        if self.out_activation_ == "softmax":
            index = xp.argmax(logits, axis=1)
        elif self.n_outputs_ == 1:
            index = xp.astype(logits[:, 0] > 0, xp.int64)
            if len(self.classes_) == 1:  # y had a single class: it is always predicted
                index = xp.zeros_like(index)
        else:  # multilabel indicator
            return xp.astype(logits > 0, xp.int64)
        if is_numpy(xp):
            return self.classes_[index]
        return xp.take(asarray(self.classes_, xp, device=device(logits)), index)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        tags.input_tags.sparse = True
        return tags


class MLPRegressor(RegressorMixin, _BaseMLP):
    """Multi-layer perceptron regressor, a drop-in for scikit-learn's.

    ``loss="squared_error"``: identity output and the loss
    :math:`\\frac{1}{2nk}\\sum_{i,j}(\\hat y_{ij} - y_{ij})^2` over :math:`k` outputs
    (scikit-learn's; its gradient is that of the sum over outputs divided by :math:`2n`).
    ``loss="poisson"``: output :math:`\\hat y = e^{z}` and half the Poisson deviance
    :math:`\\frac1n\\sum_{i,j}\\big[y\\log(y/\\hat y) - y + \\hat y\\big]`, for counts.
    Parameters as :class:`MLPClassifier`, plus ``loss`` first; ``early_stopping``
    monitors the validation :math:`R^2`.
    """

    def __init__(self, loss="squared_error", hidden_layer_sizes=(100,), activation="relu", *,
                 solver="adam", alpha=0.0001, batch_size="auto", learning_rate="constant",
                 learning_rate_init=0.001, power_t=0.5, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, verbose=False, warm_start=False, momentum=0.9,
                 nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10,
                 max_fun=15000, weight_init="auto", dropout=0.0, clip_value=None,
                 clip_norm=None):
        self.loss = loss
        super().__init__(
            hidden_layer_sizes, activation, solver=solver, alpha=alpha, batch_size=batch_size,
            learning_rate=learning_rate, learning_rate_init=learning_rate_init, power_t=power_t,
            max_iter=max_iter, shuffle=shuffle, random_state=random_state, tol=tol,
            verbose=verbose, warm_start=warm_start, momentum=momentum,
            nesterovs_momentum=nesterovs_momentum, early_stopping=early_stopping,
            validation_fraction=validation_fraction, beta_1=beta_1, beta_2=beta_2,
            epsilon=epsilon, n_iter_no_change=n_iter_no_change, max_fun=max_fun,
            weight_init=weight_init, dropout=dropout, clip_value=clip_value,
            clip_norm=clip_norm)

    def _validate_params(self):
        if self.loss not in ("squared_error", "poisson"):
            raise ValueError(f"loss must be 'squared_error' or 'poisson', got {self.loss!r}")
        super()._validate_params()

    def _is_classifier(self):
        return False

    def _out_activation_name(self):
        return "exp" if self.loss == "poisson" else "identity"

    def _encode_targets(self, y, incremental):
        y = np.asarray(y, dtype=np.float64)
        if not np.all(np.isfinite(y)):
            raise ValueError("Input y contains NaN or infinity.")
        if self.loss == "poisson" and np.any(y < 0):
            raise ValueError("Some value(s) of y are negative which is not allowed for "
                             "loss='poisson' (counts or rates are >= 0).")
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        if "n_outputs_" in vars(self) and not (self.warm_start is False and not incremental) \
                and Y.shape[1] != self.n_outputs_:
            raise ValueError(f"y has {Y.shape[1]} outputs but the network was fitted with "
                             f"{self.n_outputs_}")
        return Y

    def _targets_for_score(self, Y):
        return Y[:, 0] if Y.shape[1] == 1 else Y

    def _metric(self, y, prediction, sample_weight=None):
        return r2_score(y, prediction, sample_weight=sample_weight)

    @available_if(_BaseMLP._has_partial_fit)
    def partial_fit(self, X, y, sample_weight=None):
        """One epoch over ``(X, y)``."""
        return self._fit_or_restore(X, y, sample_weight, incremental=True)

    def predict(self, X):
        """Predicted targets, shape (n_samples,) or (n_samples, n_outputs)."""
        return self._predict(X)

    def _predict(self, X, check_input=True):
        output = self._forward(X, check_input)
        if self.out_activation_ == "exp":
            output = array_namespace(output).exp(output)
        return output[:, 0] if self.n_outputs_ == 1 else output

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
