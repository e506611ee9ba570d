"""scikit-learn compatible estimators: :class:`MLPClassifier` and :class:`MLPRegressor`.

They take scikit-learn's ``MLPClassifier``/``MLPRegressor`` parameter names with the
same meaning, expose the same fitted attributes (``coefs_`` and ``intercepts_`` with
weights of shape ``(fan_in, fan_out)``, ``loss_curve_``, ``n_iter_``...), and
follow the same rules where both apply: the same initialization for the same
``random_state`` (Glorot uniform, biases from the same distribution), the same
shuffling, the same batch size ``"auto" = min(200, n_samples)``, the same L2 penalty
and the same stopping rule. So ``from nnlib import MLPClassifier`` can replace
``from sklearn.neural_network import MLPClassifier``.

What they add, as taught in the book: more activations (``"leaky_relu"``,
``"elu"``, ``"sigmoid"``), ``weight_init``, ``dropout``, learning-rate schedules
(pass a :mod:`nnlib.schedules` object as ``learning_rate``), gradient clipping
(``clip_value``, ``clip_norm``), the solver ``"rmsprop"``, and arrays of any
array-API library (CuPy on a GPU) in and out.

Not supported: ``solver="lbfgs"``, ``learning_rate="invscaling"``/``"adaptive"``,
sparse input and ``sample_weight``.
"""

import math
import numbers
import warnings
from functools import partial

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils.multiclass import check_classification_targets, unique_labels
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from . import functional, initializers
from .backend import array_namespace, asarray, device, is_numpy, to_numpy
from .layers import Activation, Dense, Dropout
from .losses import BinaryCrossEntropy, CategoricalCrossEntropy, HalfSquaredError
from .model import Sequential
from .optimizers import SGD, Adam, RMSprop
from .schedules import Schedule
from .training import EarlyStopping, fit as train, take_rows

__all__ = ["MLPClassifier", "MLPRegressor"]

_ACTIVATIONS = ("identity", "logistic", "sigmoid", "tanh", "relu", "leaky_relu", "elu")
_SOLVERS = ("sgd", "adam", "rmsprop")


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
        if self.solver == "lbfgs":
            raise ValueError("solver 'lbfgs' is not supported by nnlib; use 'adam', 'sgd' or 'rmsprop'")
        if self.solver not in _SOLVERS:
            raise ValueError(f"solver must be one of {list(_SOLVERS)}, got {self.solver!r}")
        if not (self.learning_rate == "constant" or isinstance(self.learning_rate, Schedule)):
            raise ValueError(
                "learning_rate must be 'constant' or an nnlib.schedules schedule "
                f"(StepDecay, ExponentialDecay, InverseTimeDecay), got {self.learning_rate!r}"
            )
        _check_number(self.alpha, "alpha", low=0)
        if self.batch_size != "auto":
            _check_number(self.batch_size, "batch_size", low=1, integer=True)
        _check_number(self.learning_rate_init, "learning_rate_init", low=0, low_open=True)
        _check_number(self.max_iter, "max_iter", low=1, integer=True)
        _check_number(self.tol, "tol", low=0)
        _check_number(self.momentum, "momentum", low=0, high=1)
        _check_number(self.validation_fraction, "validation_fraction", low=0, high=1,
                      low_open=True, high_open=True)
        _check_number(self.beta_1, "beta_1", low=0, high=1, high_open=True)
        _check_number(self.beta_2, "beta_2", low=0, high=1, high_open=True)
        _check_number(self.epsilon, "epsilon", low=0, low_open=True)
        _check_number(self.n_iter_no_change, "n_iter_no_change", low=1, integer=True)
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

    # --- data checks -----------------------------------------------------------
    def _validate_X(self, X, reset):
        """Check ``X``; returns it as a float array of its own namespace."""
        if _is_array_api(X):
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
        return validate_data(self, X, dtype=(np.float64, np.float32), reset=reset)

    def _validate_X_y(self, X, y, reset):
        if _is_array_api(X):
            X = self._validate_X(X, reset)
            y_host = to_numpy(y)
        else:
            X, y_host = validate_data(self, X, y, multi_output=True,
                                      dtype=(np.float64, np.float32), reset=reset)
        y_host = np.asarray(y_host)
        if y_host.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} samples but y has {y_host.shape[0]}")
        if y_host.ndim == 2 and y_host.shape[1] == 1:
            y_host = column_or_1d(y_host, warn=True)
        return X, y_host

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
                layers.append(Activation(act))
                if self.dropout > 0:
                    layers.append(Dropout(self.dropout, random_state=rng))
        return Sequential(layers)

    def _make_optimizer(self):
        lr = self.learning_rate if isinstance(self.learning_rate, Schedule) else float(self.learning_rate_init)
        if self.solver == "sgd":
            return SGD(lr, momentum=float(self.momentum), nesterov=self.nesterovs_momentum)
        if self.solver == "rmsprop":
            return RMSprop(lr, epsilon=float(self.epsilon))
        return Adam(lr, beta_1=float(self.beta_1), beta_2=float(self.beta_2), epsilon=float(self.epsilon),
                    fold_bias_correction=True)  # scikit-learn's form

    def _dense_layers(self):
        return [layer for layer in self._model.layers if isinstance(layer, Dense)]

    def _dense_param(self, name):
        return [layer.params[name] for layer in self._dense_layers()]

    def _set_dense_param(self, name, arrays):
        layers = self._dense_layers()
        if len(arrays) != len(layers):
            raise ValueError(f"expected {len(layers)} arrays, got {len(arrays)}")
        for layer, a in zip(layers, arrays):
            expected = tuple(layer.params[name].shape)
            if tuple(a.shape) != expected:
                raise ValueError(f"an array of shape {expected} was expected, got {tuple(a.shape)}")
        for layer, a in zip(layers, arrays):
            layer.params[name] = a

    @property
    def coefs_(self):
        """Weight matrices, ``coefs_[i]`` of shape (fan_in, fan_out); the live parameters."""
        if "_model" not in vars(self):
            raise AttributeError("coefs_ exists only after fit")
        return _LiveList(self, "W")

    @coefs_.setter
    def coefs_(self, arrays):
        self._set_dense_param("W", list(arrays))

    @property
    def intercepts_(self):
        """Bias vectors, ``intercepts_[i]`` of shape (fan_out,); the live parameters."""
        if "_model" not in vars(self):
            raise AttributeError("intercepts_ exists only after fit")
        return _LiveList(self, "b")

    @intercepts_.setter
    def intercepts_(self, arrays):
        self._set_dense_param("b", list(arrays))

    # --- fitting ---------------------------------------------------------------
    def fit(self, X, y):
        """Fit the network to ``X`` (n_samples, n_features) and targets ``y``.

        Raises
        ------
        ValueError
            For invalid parameters or data, or
            :class:`nnlib.training.DivergenceError` if the loss becomes non-finite.
            Either way the estimator is left as it was before the call.
        """
        return self._fit_or_restore(X, y, incremental=False)

    def _fit_or_restore(self, X, y, incremental, classes=None):
        before = dict(vars(self))
        try:
            return self._fit(X, y, incremental, classes)
        except BaseException:
            vars(self).clear()
            vars(self).update(before)
            raise

    def _fit(self, X, y, incremental, classes=None):
        self._validate_params()
        if incremental and self.early_stopping:
            raise ValueError("partial_fit does not support early_stopping=True")
        first_pass = "_model" not in vars(self) or (not self.warm_start and not incremental)
        X, y_host = self._validate_X_y(X, y, reset=first_pass)
        encoding = self._encode_targets(y_host, first_pass, incremental, classes)
        xp = array_namespace(X)
        Y = asarray(encoding["Y"], xp, dtype=X.dtype, device=device(X))
        rng = initializers.check_random_state(self.random_state)
        model = self._build(X.shape[1], Y.shape[1], rng).to(xp, dtype=X.dtype, device=device(X)) \
            if first_pass else self._model
        optimizer = self._optimizer if (incremental and not first_pass and hasattr(self, "_optimizer")) \
            else self._make_optimizer()

        X_train, Y_train, validation = X, Y, None
        if self.early_stopping:
            X_train, Y_train, validation = self._split_validation(X, Y, encoding, rng)
        n = X_train.shape[0]
        if self.batch_size == "auto":
            batch_size = min(200, n)
        else:
            if self.batch_size > n:
                warnings.warn("Got `batch_size` larger than sample size. It is going to be clipped")
            batch_size = min(int(self.batch_size), n)

        stopper = EarlyStopping(
            monitor="val_score" if self.early_stopping else "loss",
            patience=int(self.n_iter_no_change) + 1,  # scikit-learn stops when the count exceeds it
            min_delta=float(self.tol), mode="max" if self.early_stopping else "min",
            restore_best_weights=bool(self.early_stopping))
        history = train(
            model, X_train, Y_train, loss=self._loss(encoding), optimizer=optimizer,
            epochs=1 if incremental else int(self.max_iter), batch_size=batch_size,
            shuffle=bool(self.shuffle), random_state=rng, validation_data=validation,
            metrics={"score": partial(self._validation_score, encoding)} if validation is not None else None,
            early_stopping=None if incremental else stopper, l2=float(self.alpha),
            clip_value=self.clip_value, clip_norm=self.clip_norm, progress=False,
            check_input=False)  # _validate_X_y has checked the data
        self._commit(model, optimizer, encoding, history, first_pass, n, stopper, incremental)
        if not incremental and not history.stopped_early:
            warnings.warn(f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached "
                          "and the optimization hasn't converged yet.", ConvergenceWarning)
        return self

    def _split_validation(self, X, Y, encoding, rng):
        index = np.arange(X.shape[0])
        stratify = encoding.get("stratify")
        train_idx, val_idx = train_test_split(index, random_state=rng,
                                              test_size=self.validation_fraction, stratify=stratify)
        if len(val_idx) < 2:
            raise ValueError("The validation set is too small. Increase 'validation_fraction' "
                             "or the size of your dataset.")

        return (take_rows(X, train_idx), take_rows(Y, train_idx),
                (take_rows(X, val_idx), take_rows(Y, val_idx)))

    def _commit(self, model, optimizer, encoding, history, first_pass, n, stopper, incremental):
        """Store the fitted state; only reached when training succeeded."""
        self._model, self._optimizer = model, optimizer
        for key, value in encoding.items():
            if key not in ("Y", "stratify"):  # classes_, _label_binarizer, _y_type / _y_ndim
                setattr(self, key, value)
        self.n_outputs_ = encoding["Y"].shape[1]
        self.n_layers_ = len(self._hidden_sizes()) + 2
        self.out_activation_ = self._out_activation_name(encoding)
        losses = list(history["loss"])
        if first_pass:
            self.loss_curve_, self.t_ = [], 0
            self.validation_scores_ = [] if self.early_stopping else None
        self.loss_curve_ += losses
        self.n_iter_ = len(losses)  # epochs of this call, as in scikit-learn
        self.t_ += n * len(losses)
        self.loss_ = self.loss_curve_[-1] if self.loss_curve_ else None
        if self.early_stopping:
            self.validation_scores_ += list(history["val_score"])
            self.best_validation_score_ = max(self.validation_scores_)
            self.best_loss_ = None
        else:
            self.best_loss_ = min(self.loss_curve_) if self.loss_curve_ else None
            self.best_validation_score_ = None
        if self.verbose:
            for i, value in enumerate(losses, start=self.n_iter_ - len(losses) + 1):
                print(f"Iteration {i}, loss = {value:.8f}")

    # --- prediction --------------------------------------------------------------
    def _forward(self, X):
        check_is_fitted(self, "n_outputs_")
        X = self._validate_X(X, reset=False)
        X = _match_dtype(X, self._model)
        return self._model.forward(X, training=False)


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """Multi-layer perceptron classifier, a drop-in for scikit-learn's.

    Two classes: one logistic output unit; more: a softmax over one unit per class;
    a 2-D indicator ``y``: one logistic unit per label. The loss is the cross-entropy,
    computed from the logits.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (100,)
        Neurons in each hidden layer.
    activation : {"identity", "logistic", "tanh", "relu", "sigmoid", "leaky_relu", "elu"}, default "relu"
        Activation of the hidden layers (``"sigmoid"`` is ``"logistic"``).
    solver : {"adam", "sgd", "rmsprop"}, default "adam"
    alpha : float, default 1e-4
        L2 penalty :math:`\\frac{\\alpha}{2 n_b}\\sum \\lVert W\\rVert^2` per batch of :math:`n_b` samples.
    batch_size : int or "auto", default "auto"
        ``min(200, n_samples)`` for "auto".
    learning_rate : "constant" or Schedule, default "constant"
        A schedule from :mod:`nnlib.schedules` makes the rate change with the epoch.
    learning_rate_init : float, default 0.001
    power_t : float
        Accepted for compatibility; only used by scikit-learn's "invscaling".
    max_iter : int, default 200
        Maximum number of epochs.
    shuffle : bool, default True
    random_state : None or int
    tol : float, default 1e-4
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
    n_iter_no_change : int, default 10
    max_fun : int
        Accepted for compatibility; only used by scikit-learn's "lbfgs".
    weight_init : "auto" or str, default "auto"
        "auto" is scikit-learn's Glorot uniform rule (weights and biases); any name of
        :mod:`nnlib.initializers` draws the weights that way and zeroes the biases.
    dropout : float in [0, 1), default 0.0
        Inverted dropout after every hidden layer, during training only.
    clip_value, clip_norm : float, optional
        Clip the gradients by value or by their global norm.

    The array library is that of ``X``: NumPy, or CuPy / any array-API library, whose
    arrays then come out of ``predict`` and sit in ``coefs_``.

    Attributes
    ----------
    classes_, coefs_, intercepts_, loss_, loss_curve_, best_loss_, validation_scores_,
    best_validation_score_, n_iter_, t_, n_layers_, n_outputs_, out_activation_,
    n_features_in_ : as in scikit-learn.
    """

    def _loss(self, encoding):
        return CategoricalCrossEntropy() if encoding["_y_type"] == "multiclass" else BinaryCrossEntropy()

    def _out_activation_name(self, encoding):
        return "softmax" if encoding["_y_type"] == "multiclass" else "logistic"

    def _encode_targets(self, y, first_pass, incremental, classes):
        if incremental and first_pass:
            if classes is None and "classes_" not in vars(self):
                raise ValueError("classes must be passed on the first call to partial_fit.")
        check_classification_targets(y)
        if first_pass or "_label_binarizer" not in vars(self):
            binarizer = LabelBinarizer().fit(classes if classes is not None else y)
        else:
            binarizer = self._label_binarizer
            found = unique_labels(y)
            if self.warm_start and not incremental and set(found) != set(self.classes_):
                raise ValueError("warm_start can only be used where `y` has the same classes as in "
                                 f"the previous call to fit. Previously got {self.classes_}, `y` has {found}")
            if len(np.setdiff1d(found, self.classes_)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` has "
                                 f"{self.classes_}. 'y' has {found}.")
        Y = binarizer.transform(y).astype(np.float64)
        return {"Y": Y, "stratify": Y if Y.shape[1] == 1 else None,  # as scikit-learn
                "_label_binarizer": binarizer, "classes_": binarizer.classes_,
                "_y_type": binarizer.y_type_}

    def _validation_score(self, encoding, output, Y):
        xp = array_namespace(output)
        if encoding["_y_type"] == "multiclass":
            right = xp.argmax(output, axis=1) == xp.argmax(Y, axis=1)
        else:
            right = xp.all((output > 0) == (Y > 0.5), axis=1)
        return float(xp.mean(xp.astype(right, output.dtype)))

    def partial_fit(self, X, y, classes=None):
        """One epoch over ``(X, y)``; ``classes`` (all labels) is required on the first call."""
        return self._fit_or_restore(X, y, incremental=True, classes=classes)

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes)."""
        logits = self._forward(X)
        xp = array_namespace(logits)
        if self.out_activation_ == "softmax":
            return functional.softmax(logits, axis=1)
        p = functional.sigmoid(logits)
        if self._y_type == "binary":
            return xp.concat([1 - p, p], axis=1)
        return p

    def predict_log_proba(self, X):
        """Log of :meth:`predict_proba`, computed stably from the logits."""
        logits = self._forward(X)
        xp = array_namespace(logits)
        if self.out_activation_ == "softmax":
            return functional.log_softmax(logits, axis=1)
        if self._y_type == "binary":
            return xp.concat([functional.log_sigmoid(-logits), functional.log_sigmoid(logits)], axis=1)
        return functional.log_sigmoid(logits)

    def predict(self, X):
        """Predicted class labels."""
        logits = self._forward(X)
        xp = array_namespace(logits)
        if self.out_activation_ == "softmax":
            index = xp.argmax(logits, axis=1)
        elif self._y_type == "binary":
            index = xp.astype(logits[:, 0] > 0, xp.int64)
        else:  # multilabel indicator
            return xp.astype(logits > 0, xp.int64)
        if is_numpy(xp):
            return self.classes_[index]
        return xp.take(asarray(self.classes_, xp, device=device(logits)), index)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags


class MLPRegressor(RegressorMixin, _BaseMLP):
    """Multi-layer perceptron regressor, a drop-in for scikit-learn's.

    Identity output and the loss :math:`\\frac{1}{2n}\\sum_i\\lVert\\hat y_i - y_i\\rVert^2`.
    Parameters as :class:`MLPClassifier`, plus ``loss`` first (only ``"squared_error"``,
    as in scikit-learn's signature); ``early_stopping`` monitors the validation :math:`R^2`.
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
        if self.loss != "squared_error":
            raise ValueError(f"loss must be 'squared_error' (the only loss nnlib's MLPRegressor "
                             f"supports), got {self.loss!r}")
        super()._validate_params()

    def _loss(self, encoding):
        return HalfSquaredError()

    def _out_activation_name(self, encoding):
        return "identity"

    def _encode_targets(self, y, first_pass, incremental, classes):
        y = np.asarray(y, dtype=np.float64)
        if not np.all(np.isfinite(y)):
            raise ValueError("Input y contains NaN or infinity.")
        if not first_pass and (y.ndim == 1) != (self._y_ndim == 1):
            raise ValueError("y must have the same number of outputs as in the previous fit")
        return {"Y": y.reshape(-1, 1) if y.ndim == 1 else y, "_y_ndim": y.ndim}

    def _validation_score(self, encoding, output, Y):
        xp = array_namespace(output)
        residual = xp.sum((Y - output) ** 2, axis=0)
        total = xp.sum((Y - xp.mean(Y, axis=0)) ** 2, axis=0)
        return float(xp.mean(1 - residual / total))

    def partial_fit(self, X, y):
        """One epoch over ``(X, y)``."""
        return self._fit_or_restore(X, y, incremental=True)

    def predict(self, X):
        """Predicted targets, shape (n_samples,) or (n_samples, n_outputs)."""
        output = self._forward(X)
        return output[:, 0] if self.n_outputs_ == 1 and self._y_ndim == 1 else output


def _is_array_api(X):
    """True for arrays of an array-API library other than NumPy (CuPy, array_api_strict...)."""
    import array_api_compat
    return array_api_compat.is_array_api_obj(X) and not isinstance(X, np.ndarray) \
        and not array_api_compat.is_numpy_array(X)


def _match_dtype(X, model):
    params = model.parameters() or [p for layer in model.layers for p in layer.params.values()]
    if params and X.dtype != params[0].dtype:
        xp = array_namespace(X)
        return xp.astype(X, params[0].dtype)
    return X
