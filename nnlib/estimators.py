r"""scikit-learn compatible estimators: :class:`MLPClassifier` and :class:`MLPRegressor`.

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

Where they differ from scikit-learn, on purpose (the table "Differences from
scikit-learn" on the API page says why):

* extra options: the activations, ``"rmsprop"``, schedule objects as
  ``learning_rate`` (``"invscaling"``/``"adaptive"`` also act on ``"rmsprop"``),
  ``weight_init``, ``dropout``, ``clip_value``, ``clip_norm``;
* arrays of any array-API library stay in it; ``solver="lbfgs"`` copies them to NumPy
  for SciPy and the weights back, and refuses ``dropout`` and clipping; float32 stays
  float32 (targets and lbfgs weights too);
* ``warm_start`` with ``early_stopping`` keeps the best weights even when a later fit
  never beats them (scikit-learn then returns that fit's last weights);
* a diverging run without early stopping raises :class:`nnlib.DivergenceError` (a
  ``ValueError`` with scikit-learn's message) once a weight has become non-finite (seen
  in the next epoch's loss, at most one epoch later); any failed call (Ctrl-C
  included) leaves the estimator as it was;
* bad parameters raise ``ValueError``; ``validation_fraction=0``, ``momentum=1`` with
  ``"sgd"`` and negative targets with ``loss="poisson"`` are refused;
* ``MLPRegressor(solver="lbfgs")`` has no ``partial_fit`` (as the classifier);
* on other array libraries the sigmoid and :math:`x\log y` are nnlib's own (numbers
  equal to NumPy's within about 1e-12);
* ``coefs_``/``intercepts_`` are the live parameters of the network; scikit-learn's
  private attributes other than ``_optimizer`` and ``_no_improvement_count`` do not
  exist.

The full table is on the API page.
"""

import numpy as np
from sklearn.base import ClassifierMixin, RegressorMixin
from sklearn.metrics import accuracy_score, r2_score
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets, type_of_target, unique_labels

from . import functional
from .backend import array_namespace, asarray, device, is_numpy, to_numpy
from .mlp_base import _BaseMLP

__all__ = ["MLPClassifier", "MLPRegressor"]


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """Multi-layer perceptron classifier, a drop-in for scikit-learn's.

    Two classes: one logistic output unit; more: a softmax over one unit per class;
    a 2-D indicator ``y``: one logistic unit per label. The loss is the cross-entropy
    (probabilities clipped to :math:`[\\epsilon, 1-\\epsilon]`, as in scikit-learn).

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (100,)
        Neurons in each hidden layer.
    activation : str, default "relu"
        Activation of the hidden layers: scikit-learn's ``"identity"``, ``"logistic"``,
        ``"tanh"``, ``"relu"``, or any other trainable activation of
        :data:`nnlib.activations.ACTIVATIONS` (``"sigmoid"`` is ``"logistic"``,
        ``"linear"`` is ``"identity"``; ``"leaky_relu"``, ``"elu"``...).
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
    Differences from scikit-learn are listed in :mod:`nnlib.estimators` and, with the
    reasons, in the table "Differences from scikit-learn" on the API page.
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

    Notes
    -----
    Differences from scikit-learn are listed in :mod:`nnlib.estimators` and, with the
    reasons, in the table "Differences from scikit-learn" on the API page.
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
