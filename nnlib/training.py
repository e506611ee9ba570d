r"""The training loop.

One **epoch** is one pass over the training set, cut into batches of
``batch_size`` samples; each batch makes one update (:func:`train_step`):

1. forward pass on the batch;
2. the loss (plus an optional L2 penalty) and its gradient with respect to the output;
3. backward pass: the gradient of the batch loss with respect to every parameter;
4. optional clipping of the gradients;
5. the optimizer's step.

``batch_size=None`` uses the whole set per update (batch gradient descent),
``batch_size=1`` one sample (stochastic gradient descent), anything between
is mini-batch gradient descent. What happens between epochs (validation, a progress
bar, early stopping) are hooks (:mod:`nnlib.callbacks`).

The loop checks the loss of every batch. The moment it is not finite (NaN or
infinite), training stops *before* that update, the weights go back to where they
were at the start of the epoch (with early stopping, then to its best epoch's), and a :class:`DivergenceError` is raised (or, with
``on_divergence="warn"``, a :class:`DivergenceWarning` is given and the history so
far is returned): never silently NaN weights.
"""

import math

import numpy as np

from .backend import all_finite, as_array, squared_norm
from .batching import iterate_minibatches, take_rows
from .callbacks import (DivergenceError, DivergenceGuard, DivergenceWarning, EarlyStopping,
                        History, ProgressBar, Validation)
from .clipping import clip_gradients
from .initializers import check_random_state
from .losses import get_loss
from .optimizers import get_optimizer
from .validation import NON_NEGATIVE, NON_NEGATIVE_INT, POSITIVE, POSITIVE_INT, check

__all__ = ["fit", "train_step", "l2_penalty", "add_l2_gradient", "History", "EarlyStopping",
           "DivergenceError", "DivergenceWarning"]


def fit(model, X, y, *, loss, optimizer="sgd", epochs=1, batch_size=None, shuffle=True,
        random_state=None, validation_data=None, metrics=None, early_stopping=None,
        l2=0.0, clip_value=None, clip_norm=None, on_divergence="raise", progress=False,
        history=None, check_input=True):
    r"""Train ``model`` in place and return its :class:`History`.

    Parameters
    ----------
    model : Sequential
    X, y : arrays of shape (n_samples, ...)
        Inputs and targets, in the namespace and dtype of the model's parameters
        (``y`` one-hot for categorical cross-entropy).
    loss : str or Loss
        e.g. ``"categorical_cross_entropy"`` (the model outputs logits), ``"mse"``.
    optimizer : str or Optimizer, default "sgd"
    epochs : int
    batch_size : int or None
        None for full batch; 1 for SGD; otherwise mini-batches (the last may be smaller).
    shuffle : bool
        Reshuffle the samples every epoch (seeded by ``random_state``).
    random_state : None, int or numpy random generator
    validation_data : (X_val, y_val), optional
        Evaluated after every epoch (``val_loss`` and metrics).
    metrics : dict of name -> callable(output, y) -> float, optional
        Computed on the validation data, stored as ``val_<name>``.
    early_stopping : EarlyStopping, optional
    l2 : float
        L2 penalty :math:`\frac{\lambda}{2n_b}\sum\lVert W\rVert^2` on the weights
        (not the biases) of each batch of :math:`n_b` samples, as in scikit-learn.
    clip_value, clip_norm : float, optional
        Clip gradients by value, or by their global norm.
    on_divergence : {"raise", "warn"}
    progress : bool
        Show a tqdm progress bar over the epochs.
    history : History, optional
        Continue this history (used by warm starts).
    check_input : bool, default True
        Check that ``X`` and ``y`` are finite (skip only for data checked already).
    """
    X, y = _checked_data(X, y, check_input)
    epochs, batch_size, l2, clip_value, clip_norm = _checked_settings(
        X.shape[0], epochs, batch_size, l2, clip_value, clip_norm)
    loss, optimizer = get_loss(loss), get_optimizer(optimizer)
    guard = DivergenceGuard(on_divergence)
    history = History() if history is None else history
    hooks = _hooks(loss, validation_data, metrics, progress, early_stopping, epochs)
    rng = check_random_state(random_state)
    n = X.shape[0]
    order = np.arange(n)
    try:
        # overflow shows up as a non-finite loss, which the guard reports more clearly
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                optimizer.epoch = history.epochs
                guard.epoch_started(model)
                if shuffle:  # permute the previous order: scikit-learn's sequence of batches
                    order = order[rng.permutation(n)]
                total = 0.0
                batches = iterate_minibatches(n, batch_size, order if shuffle else None)
                for b, batch in enumerate(batches):
                    xb, yb = take_rows(X, batch), take_rows(y, batch)
                    value = train_step(model, xb, yb, loss, optimizer, l2, clip_value, clip_norm)
                    if not math.isfinite(value):
                        return guard.diverged(model, history, (epoch, b), optimizer, value)
                    total += value * xb.shape[0]
                if not guard.weights_finite(model):
                    return guard.diverged(model, history, (epoch, b), optimizer)
                history.append(loss=total / n, lr=optimizer.learning_rate)
                if any([hook.epoch_ended(model, history) for hook in hooks]):
                    break
    finally:
        for hook in hooks:
            hook.training_ended(model, history)
    return history


def train_step(model, xb, yb, loss, optimizer, l2=0.0, clip_value=None, clip_norm=None):
    r"""One update on one batch; returns the batch loss as a Python float.

    A non-finite loss is returned before anything is updated.
    """
    storage = model.storage()                                      # θ and dL/dθ
    output = model.forward(xb, training=True)                      # 1. forward
    value, output_grad = loss.value_and_gradient(output, yb)       # 2. loss, dL/d output
    value = float(value) + l2_penalty(storage, l2, xb.shape[0])
    if not math.isfinite(value):
        return value
    model.backward(output_grad, input_grad=False)                  # 3. every dL/dθ
    add_l2_gradient(storage, l2, xb.shape[0])
    grads = clip_gradients(storage.grads, clip_value, clip_norm)   # 4. clipping
    optimizer.step(storage.params, grads)                          # 5. θ ← update(θ, g)
    return value


def l2_penalty(storage, l2, n):
    r"""The penalty :math:`\frac{\lambda}{2n}\sum \lVert W \rVert^2` on the weights of a
    model's :class:`~nnlib.parameters.ParameterStorage`."""
    if l2 == 0:
        return 0.0
    return 0.5 * l2 * sum(squared_norm(w) for w in storage.penalized) / n


def add_l2_gradient(storage, l2, n):
    r"""Add the penalty's gradient :math:`\lambda W / n` to the weights' gradients."""
    if l2 == 0:
        return
    for w, grad in zip(storage.penalized, storage.penalized_grads):
        grad += (l2 / n) * w


def _checked_data(X, y, check_input):
    X, y = as_array(X), as_array(y)
    n_samples = X.shape[0] if X.ndim else 0
    if n_samples == 0:
        raise ValueError(f"X must hold at least one sample, got shape {tuple(X.shape)}")
    if y.ndim == 0 or y.shape[0] != n_samples:
        raise ValueError(f"X has {n_samples} samples but y has shape {tuple(y.shape)}")
    for name, a in (("X", X), ("y", y)) if check_input else ():
        if not all_finite([a]):
            raise ValueError(f"{name} contains NaN or infinity")
    return X, y


def _checked_settings(n_samples, epochs, batch_size, l2, clip_value, clip_norm):
    """The numeric settings of :func:`fit`, checked; ``batch_size`` None becomes all samples."""
    batch_size = n_samples if batch_size is None else check(batch_size, "batch_size", None,
                                                            POSITIVE_INT)
    return (check(epochs, "epochs", NON_NEGATIVE_INT), min(batch_size, n_samples),
            check(l2, "l2", NON_NEGATIVE), check(clip_value, "clip_value", None, POSITIVE),
            check(clip_norm, "clip_norm", None, POSITIVE))


def _hooks(loss, validation_data, metrics, progress, early_stopping, epochs):
    """What runs after every epoch, in order (validation first: early stopping reads it)."""
    hooks = []
    if validation_data is not None:
        hooks.append(Validation(validation_data, loss, metrics))
    if progress:
        hooks.append(ProgressBar(epochs))
    if early_stopping is not None:
        hooks.append(early_stopping)
    return hooks
