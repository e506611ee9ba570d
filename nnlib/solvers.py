r"""How :class:`~nnlib.MLPClassifier` and :class:`~nnlib.MLPRegressor` train.

This is scikit-learn's MLP training, step for step, on nnlib's layers, so that the
same ``random_state`` gives the same weights:

* :func:`backprop`: the loss of a batch and its gradients. With weights
  :math:`s_i` (all 1 without ``sample_weight``) and :math:`S = \sum_i s_i`,

  .. math::
      L = \ell(Y, f(z)) + \frac{\alpha}{2S}\sum_l \lVert W_l\rVert^2, \qquad
      \delta = s \odot (f(z) - Y), \qquad
      \frac{\partial L}{\partial W_l} = \frac{a_{l-1}^\top \delta_l + \alpha W_l}{S}

  where :math:`f` is the output activation whose canonical loss :math:`\ell` makes the
  output error simply :math:`f(z) - Y` (sigmoid or softmax with the log-loss,
  identity with the squared error, exp with the Poisson deviance).
* :func:`fit_stochastic`: epochs of mini-batches for ``"sgd"``, ``"adam"`` and
  ``"rmsprop"``, with scikit-learn's stopping rule and learning-rate options.
* :func:`fit_lbfgs`: SciPy's L-BFGS-B on all parameters flattened into one vector.
"""

import math
import warnings
from functools import partial

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split

import scipy.optimize
import scipy.special

from . import functional
from .activations import ActivationFunction
from .backend import all_finite, array_namespace, device, is_numpy, squared_norm, to_numpy
from .layers import Dense
from .schedules import Schedule
from .batching import iterate_minibatches, take_rows
from .callbacks import DivergenceError
from .clipping import clip_gradients

__all__ = ["backprop", "fit_stochastic", "fit_lbfgs", "LOSSES", "OUTPUT_ACTIVATIONS",
           "SGDLearningRate", "ScikitLearnLogistic", "NON_FINITE"]

NON_FINITE = ("Solver produced non-finite parameter weights. The input data may contain "
              "large values and need to be preprocessed.")

OUTPUT_ACTIVATIONS = {
    "identity": lambda z: z,
    "exp": lambda z: array_namespace(z).exp(z),
    "logistic": functional.sigmoid,
    "softmax": lambda z: functional.softmax(z, axis=1),
}


# --- the losses scikit-learn reports (loss_, loss_curve_) --------------------------
def _average(values, sample_weight):
    """Mean over the samples (axis 0), weighted by ``sample_weight`` when given."""
    xp = array_namespace(values)
    if sample_weight is None:
        return xp.mean(values, axis=0)
    weights = xp.reshape(sample_weight, (-1, 1))
    return xp.sum(values * weights, axis=0) / xp.sum(sample_weight)


def _clip(P):
    xp = array_namespace(P)
    eps = float(xp.finfo(P.dtype).eps)
    return xp.clip(P, eps, 1.0 - eps)


def xlogy(x, y):
    r""":math:`x \log y`, and 0 where :math:`x = 0` (the limit, also for :math:`y = 0`)."""
    xp = array_namespace(y)
    zero = x == 0
    return xp.where(zero, xp.zeros_like(y), x * xp.log(xp.where(zero, xp.ones_like(y), y)))


def squared_loss(Y, P, sample_weight=None, xlogy=xlogy):
    r""":math:`\frac{1}{2k}\sum_j \overline{(y_{ij} - p_{ij})^2}`: half the mean over all k outputs."""
    xp = array_namespace(P)
    return 0.5 * xp.mean(_average((Y - P) ** 2, sample_weight))


def poisson_loss(Y, P, sample_weight=None, xlogy=xlogy):
    r"""Half the Poisson deviance, :math:`\sum_j \overline{y\log(y/p) - y + p}`."""
    xp = array_namespace(P)
    return xp.sum(_average(xlogy(Y, Y / P) - Y + P, sample_weight))


def log_loss(Y, P, sample_weight=None, xlogy=xlogy):
    r"""Cross-entropy of softmax probabilities, clipped to :math:`[\epsilon, 1-\epsilon]`."""
    xp = array_namespace(P)
    return -xp.sum(_average(xlogy(Y, _clip(P)), sample_weight))


def binary_log_loss(Y, P, sample_weight=None, xlogy=xlogy):
    r"""Cross-entropy of independent sigmoid outputs, clipped like :func:`log_loss`."""
    xp = array_namespace(P)
    P = _clip(P)
    return -xp.sum(_average(xlogy(Y, P) + xlogy(1 - Y, 1 - P), sample_weight))


LOSSES = {"identity": squared_loss, "exp": poisson_loss, "softmax": log_loss,
          "logistic": binary_log_loss}
"""The loss of each output activation (its canonical pair)."""


class ScikitLearnLogistic(ActivationFunction):
    r"""The hidden logistic activation as scikit-learn computes it: on NumPy arrays
    SciPy's ``expit``, and the backward pass :math:`(\delta \odot a) \odot (1 - a)`
    in that order (:func:`nnlib.functional.sigmoid` for other libraries)."""

    def __init__(self):
        super().__init__("sigmoid", None, None)

    def __call__(self, z):
        return scipy.special.expit(z) if isinstance(z, np.ndarray) else functional.sigmoid(z)

    def derivative(self, z):
        a = self(z)
        return a * (1 - a)

    def backward(self, z, grad):
        a = self(z)
        return grad * a * (1 - a)


# --- one batch -----------------------------------------------------------------------
def dense_layers(model):
    return [layer for layer in model.layers if isinstance(layer, Dense)]


def backprop(model, X, Y, sample_weight, alpha, out_activation):
    r"""Loss of the batch ``(X, Y)`` (a Python float); leaves the gradients in the layers.

    The formulas are in the module docstring; ``Y`` holds the targets as floats
    (one column per output unit), ``out_activation`` is a key of
    :data:`OUTPUT_ACTIVATIONS`. On NumPy arrays the sigmoid and :math:`x\log y` are
    SciPy's ``expit`` and ``xlogy``, as in scikit-learn: a training run magnifies a
    single rounding difference (L-BFGS within a few iterations), and with the same
    functions the weights stay equal to scikit-learn's, not only close.
    """
    xp = array_namespace(Y)
    output, loss = OUTPUT_ACTIVATIONS[out_activation], LOSSES[out_activation]
    if is_numpy(xp):
        output = scipy.special.expit if out_activation == "logistic" else output
        loss = partial(loss, xlogy=scipy.special.xlogy)
    P = output(model.forward(X, training=True))
    dense = dense_layers(model)
    total = X.shape[0] if sample_weight is None else float(xp.sum(sample_weight))
    penalty = sum(squared_norm(layer.params["W"]) for layer in dense)
    value = float(loss(Y, P, sample_weight)) + (0.5 * alpha) * penalty / total
    delta = P - Y
    if sample_weight is not None:
        delta = delta * xp.reshape(sample_weight, (-1, 1))
    model.backward(delta, input_grad=False)
    storage = model.storage()
    for W, grad in zip(storage.penalized, storage.penalized_grads):
        grad += alpha * W  # (a^T delta + alpha W) / S, in scikit-learn's order
    for grad in storage.grads:
        grad /= total
    return value


# --- the learning rate of "sgd" and "rmsprop" ---------------------------------------
class SGDLearningRate(Schedule):
    r"""scikit-learn's ``learning_rate`` options, updated by the estimator between epochs.

    ``"constant"``: :math:`\eta_0`. ``"invscaling"``: after each epoch
    :math:`\eta = \eta_0 / (t + 1)^{p}`, :math:`t` the samples seen so far
    (``t_``), :math:`p` = ``power_t``. ``"adaptive"``: :math:`\eta_0` until the
    stopping rule fires, then divided by 5 instead of stopping, until
    :math:`\eta \le 10^{-6}`.
    """

    def __init__(self, initial_rate, kind="constant", power_t=0.5):
        super().__init__(initial_rate)
        self.kind, self.power_t, self.rate = kind, float(power_t), self.initial_rate

    def __call__(self, epoch):
        return self.rate

    def epoch_ended(self, samples_seen):
        if self.kind == "invscaling":
            self.rate = self.initial_rate / (samples_seen + 1) ** self.power_t

    def should_stop(self):
        """The stopping rule fired: stop (True), or go on with a 5 times smaller rate."""
        if self.kind != "adaptive" or self.rate <= 1e-6:
            return True
        self.rate /= 5.0
        return False


# --- the stochastic solvers ---------------------------------------------------------
def _split_validation(est, X, Y, sample_weight, rng):
    """Hold out ``validation_fraction`` of the samples (stratified for one output unit)."""
    stratify = to_numpy(Y).astype(bool) if est._is_classifier() and Y.shape[1] == 1 else None
    train, val = train_test_split(np.arange(X.shape[0]), random_state=rng,
                                  test_size=est.validation_fraction, stratify=stratify)
    if len(val) < 2:
        raise ValueError("The validation set is too small. Increase 'validation_fraction' "
                         "or the size of your dataset.")
    validation = (take_rows(X, val), est._targets_for_score(to_numpy(take_rows(Y, val))),
                  None if sample_weight is None else to_numpy(take_rows(sample_weight, val)))
    return take_rows(X, train), take_rows(Y, train), take_rows(sample_weight, train), validation


def _batch_size(est, n):
    if est.batch_size == "auto":
        return min(200, n)
    if est.batch_size > n:
        warnings.warn("Got `batch_size` less than 1 or larger than sample size. "
                      "It is going to be clipped")
    return min(int(est.batch_size), n)


def _step(est, model, optimizer):
    """Clip the gradients (if asked) and let the optimizer update the parameters."""
    optimizer.step(model.parameters(),
                   clip_gradients(model.gradients(), est.clip_value, est.clip_norm))


def _update_no_improvement_count(est, validation):
    """scikit-learn's rule: an epoch counts as no improvement unless it beats the best by ``tol``."""
    if validation is not None:
        score = est._score_model(*validation)
        est.validation_scores_.append(score)
        if est.verbose:
            print(f"Validation score: {score:f}")
        est._no_improvement_count = (est._no_improvement_count + 1
                                     if score < est.best_validation_score_ + est.tol else 0)
        if score > est.best_validation_score_:
            est.best_validation_score_ = score
            est._best_weights = est._model.get_weights()
    else:
        loss = est.loss_curve_[-1]
        est._no_improvement_count = (est._no_improvement_count + 1
                                     if loss > est.best_loss_ - est.tol else 0)
        est.best_loss_ = min(est.best_loss_, loss)


def fit_stochastic(est, X, Y, sample_weight, incremental, rng):
    """Train ``est._model`` with mini-batches: at most ``max_iter`` epochs (one for ``partial_fit``).

    After every epoch: record ``loss_``, then (``early_stopping``) the validation
    score. Training stops when ``n_iter_no_change`` epochs in a row did not improve
    on the best by ``tol`` (``"adaptive"`` divides the rate by 5 first). With early
    stopping the best epoch's weights are kept at the end.
    """
    model = est._model
    if not incremental or not hasattr(est, "_optimizer"):
        est._optimizer = est._make_optimizer()
    optimizer = est._optimizer
    validation = None
    if est.early_stopping:
        X, Y, sample_weight, validation = _split_validation(est, X, Y, sample_weight, rng)
    n = X.shape[0]
    batch_size = _batch_size(est, n)
    alpha = float(est.alpha)
    order = np.arange(n)
    est.n_iter_ = 0
    for epoch in range(int(est.max_iter)):
        if isinstance(est.learning_rate, Schedule):
            optimizer.epoch = epoch
        if est.shuffle:
            order = order[rng.permutation(n)]
        total = 0.0
        for index in iterate_minibatches(n, batch_size, order if est.shuffle else None):
            Xb = take_rows(X, index)
            value = backprop(model, Xb, take_rows(Y, index), take_rows(sample_weight, index), alpha,
                             est.out_activation_)
            total += value * Xb.shape[0]
            _step(est, model, optimizer)
        est.n_iter_ += 1
        est.loss_ = total / n
        est.t_ += n
        est.loss_curve_.append(est.loss_)
        if est.verbose:
            print(f"Iteration {est.n_iter_}, loss = {est.loss_:.8f}")
        # the weights are checked only when the loss is not finite (an overflowing loss with
        # finite weights is no divergence); weights made non-finite by the very last
        # update show in the next epoch's loss, or in _fit's final check
        if not est.early_stopping and not math.isfinite(est.loss_) and not all_finite(model.parameters()):
            _diverged(est, optimizer)
        _update_no_improvement_count(est, validation)
        if isinstance(optimizer.schedule, SGDLearningRate):
            optimizer.schedule.epoch_ended(est.t_)
        if est._no_improvement_count > est.n_iter_no_change:
            rate = optimizer.schedule
            if not isinstance(rate, SGDLearningRate) or rate.should_stop():
                break
            est._no_improvement_count = 0
        if incremental:
            break
        if est.n_iter_ == est.max_iter:
            warnings.warn(f"Stochastic Optimizer: Maximum iterations ({est.max_iter}) reached "
                          "and the optimization hasn't converged yet.", ConvergenceWarning)
    if est.early_stopping:
        model.set_weights(est._best_weights)


def _diverged(est, optimizer):
    raise DivergenceError(
        f"{NON_FINITE} Training diverged: the weights became non-finite by epoch "
        f"{est.n_iter_} (loss {est.loss_}, learning rate {optimizer.learning_rate:g}); the estimator was left "
        "as it was before this call. Try a smaller learning rate, gradient clipping "
        "(clip_norm), scaled inputs, or early_stopping=True to keep the best weights.")


# --- L-BFGS ----------------------------------------------------------------------------
def _pack(arrays):
    """One new vector holding ``arrays`` one after the other."""
    return np.hstack([np.reshape(a, (-1,)) for a in arrays])


def _unpack(theta, arrays):
    """Write the vector ``theta`` back into ``arrays``, in place."""
    start = 0
    for a in arrays:
        stop = start + math.prod(a.shape)
        a[...] = np.reshape(theta[start:stop], a.shape)
        start = stop


def fit_lbfgs(est, X, Y, sample_weight):
    """Minimize the full-batch loss with SciPy's L-BFGS-B (``maxiter=max_iter``,
    ``maxfun=max_fun``, ``gtol=tol``); sets ``n_iter_`` and ``loss_``.

    SciPy works on NumPy arrays: the arrays of another library are copied to NumPy
    for the optimization and the weights copied back at the end.
    """

    model = est._model
    xp = array_namespace(model.parameters()[0])
    if not is_numpy(xp):
        where = device(model.parameters()[0])
        X, Y = to_numpy(X), to_numpy(Y)
        sample_weight = None if sample_weight is None else to_numpy(sample_weight)
        model.to(np)
    # the weights come first, then the biases: the order scikit-learn packs them in
    params, grads = model.parameters(), model.gradients()
    alpha = float(est.alpha)

    def loss_and_gradient(theta):
        _unpack(theta, params)
        value = backprop(model, X, Y, sample_weight, alpha, est.out_activation_)
        return value, _pack(grads)

    theta = _pack(params)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        result = scipy.optimize.minimize(
            loss_and_gradient, theta, method="L-BFGS-B", jac=True,
            options={"maxfun": int(est.max_fun), "maxiter": int(est.max_iter),
                     "gtol": float(est.tol)})
    est.n_iter_ = min(result.nit, int(est.max_iter))
    if result.status != 0:
        message = (f"lbfgs failed to converge after {est.n_iter_} iteration(s) "
                   f"(status={result.status}):\n{result.message}\n")
        if est.n_iter_ == est.max_iter:
            message += f"\nIncrease the number of iterations (max_iter={est.max_iter})."
        warnings.warn(message, ConvergenceWarning)
    est.loss_ = float(result.fun)
    _unpack(result.x, params)
    if not is_numpy(xp):
        model.to(xp, device=where)
