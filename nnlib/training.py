r"""The training loop.

One **epoch** is one pass over the training set, cut into batches of
``batch_size`` samples; each batch makes one update:

1. forward pass on the batch, loss (plus an optional L2 penalty);
2. backward pass: the gradient of the batch loss with respect to every parameter;
3. optional clipping of the gradients;
4. the optimizer's step.

``batch_size=None`` uses the whole set per update (batch gradient descent),
``batch_size=1`` one sample (stochastic gradient descent), anything between
is mini-batch gradient descent.

The loop checks the loss of every batch. The moment it is not finite (NaN or
infinite), training stops *before* that update, the weights go back to where they
were at the start of the epoch, and a :class:`DivergenceError` is raised (or, with
``on_divergence="warn"``, a :class:`DivergenceWarning` is given and the history so
far is returned): never silently NaN weights.
"""

import math
import warnings

import numpy as np

from .backend import array_namespace, as_array, asarray, device, has_views
from .initializers import check_random_state
from .losses import get_loss
from .optimizers import get_optimizer

__all__ = ["fit", "History", "EarlyStopping", "DivergenceError", "DivergenceWarning", "FlatParameters",
           "clip_by_value", "clip_by_global_norm", "global_norm", "iterate_minibatches", "take_rows"]


class DivergenceError(ValueError):
    """Training produced a non-finite loss (the weights were restored, not left as NaN)."""


class DivergenceWarning(RuntimeWarning):
    """Training stopped early because the loss became non-finite."""


class History:
    """What happened during :func:`fit`: per-epoch lists under ``history[name]``.

    Keys: ``"loss"`` (training loss, mean over the epoch's batches), ``"lr"``, and with
    validation data ``"val_loss"`` and one ``"val_<metric>"`` per metric.

    Attributes
    ----------
    epochs : int
        Epochs completed.
    stopped_early : bool
        True if an :class:`EarlyStopping` ended training.
    best_epoch : int or None
        Index of the best epoch according to early stopping.
    diverged : bool
        True if the loss became non-finite (``on_divergence="warn"``).
    """

    def __init__(self):
        self.history = {"loss": [], "lr": []}
        self.stopped_early = False
        self.best_epoch = None
        self.diverged = False

    @property
    def epochs(self):
        return len(self.history["loss"])

    def append(self, **values):
        for key, value in values.items():
            self.history.setdefault(key, []).append(value)

    def __getitem__(self, key):
        return self.history[key]

    def __contains__(self, key):
        return key in self.history

    def __repr__(self):
        last = {k: (round(v[-1], 6) if v else None) for k, v in self.history.items()}
        return f"History(epochs={self.epochs}, last={last})"


class EarlyStopping:
    """Stop when the monitored quantity has not improved for ``patience`` epochs.

    An epoch *improves* when the value beats the best so far by more than
    ``min_delta`` (an equal value is no improvement). After ``patience`` epochs in a row without improvement, training
    stops and (``restore_best_weights``) the weights of the best epoch are put back.

    Parameters
    ----------
    monitor : str, default "val_loss"
        A key of the history: ``"val_loss"``, ``"loss"``, ``"val_accuracy"``...
    patience : int, default 5
        Epochs without improvement tolerated; the ``patience``-th one stops training.
    min_delta : float, default 0.0
        Smallest change that counts as an improvement.
    mode : {"auto", "min", "max"}
        Whether smaller or larger is better; ``"auto"``: larger for names with
        "acc" or "score", smaller otherwise.
    restore_best_weights : bool, default True
    """

    def __init__(self, monitor="val_loss", patience=5, min_delta=0.0, mode="auto",
                 restore_best_weights=True):
        if isinstance(patience, bool) or not isinstance(patience, int) or patience < 1:
            raise ValueError(f"patience must be a positive integer, got {patience!r}")
        if not min_delta >= 0:
            raise ValueError(f"min_delta must be >= 0, got {min_delta!r}")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max', got {mode!r}")
        if mode == "auto":
            mode = "max" if ("acc" in monitor or "score" in monitor) else "min"
        self.monitor, self.patience, self.min_delta = monitor, patience, float(min_delta)
        self.mode, self.restore_best_weights = mode, restore_best_weights
        self.reset()

    def reset(self):
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch = None
        self.best_weights = None
        self.wait = 0

    def update(self, epoch, value, model):
        """Record this epoch's value; return True when training should stop."""
        sign = 1.0 if self.mode == "min" else -1.0
        if sign * value >= sign * self.best - self.min_delta:  # a tie is no improvement
            self.wait += 1
        else:
            self.wait = 0
        if sign * value < sign * self.best:
            self.best, self.best_epoch = value, epoch
            if self.restore_best_weights:
                self.best_weights = model.get_weights()
        return self.wait >= self.patience

    def restore(self, model):
        if self.restore_best_weights and self.best_weights is not None:
            model.set_weights(self.best_weights)

    def __repr__(self):
        return (f"EarlyStopping(monitor={self.monitor!r}, patience={self.patience}, "
                f"min_delta={self.min_delta})")


def global_norm(grads):
    r"""The norm of all gradients taken as one vector: :math:`\sqrt{\sum_i \lVert g_i \rVert^2}`."""
    if not grads:
        return 0.0
    xp = array_namespace(*grads)
    return math.sqrt(sum(float(xp.sum(g * g)) for g in grads))


def clip_by_value(grads, clip_value):
    r"""Clip every gradient entry to :math:`[-c, c]`."""
    xp = array_namespace(*grads)
    c = float(clip_value)
    return [xp.clip(g, -c, c) for g in grads]


def clip_by_global_norm(grads, max_norm):
    r"""Rescale all gradients together so their global norm is at most ``max_norm``.

    .. math:: g_i \leftarrow g_i \cdot \min\!\Big(1, \frac{c}{\lVert g \rVert}\Big)

    Unlike clipping by value, this keeps the direction of the update.
    Returns the clipped gradients and the norm before clipping.
    """
    norm = global_norm(grads)
    if norm > max_norm:
        scale = float(max_norm) / norm
        grads = [g * scale for g in grads]
    return grads, norm


class FlatParameters:
    """All trainable parameters of a model in one contiguous buffer, gradients in another.

    The layers' parameter arrays become views into the buffer, so the optimizer can
    update everything in one pass over one array instead of one pass per array: for
    a small network that removes most of the Python overhead of a step. Only for
    libraries whose slices are views (NumPy, CuPy) and parameters of one dtype.
    """

    def __init__(self, model):
        self.slots = [(layer, name) for layer in model.trainable_layers() for name in layer.params]
        arrays = [layer.params[name] for layer, name in self.slots]
        xp = self.xp = array_namespace(*arrays)
        self.params = xp.concat([xp.reshape(a, (-1,)) for a in arrays])
        self.grads = xp.zeros_like(self.params)
        self.ranges, start = [], 0
        for (layer, name), a in zip(self.slots, arrays):
            stop = start + math.prod(a.shape)
            layer.params[name] = xp.reshape(self.params[start:stop], a.shape)
            self.ranges.append((start, stop))
            start = stop
        self.views = [layer.params[name] for layer, name in self.slots]

    @classmethod
    def usable(cls, model):
        params = model.parameters()
        if not params:
            return False
        xp = array_namespace(*params)
        return has_views(xp) and len({p.dtype for p in params}) == 1

    def matches(self, model):
        """Still the model's parameters (same layers, nothing reassigned)?"""
        slots = [(layer, name) for layer in model.trainable_layers() for name in layer.params]
        return slots == self.slots and all(
            layer.params[name] is view for (layer, name), view in zip(slots, self.views))

    def gather_gradients(self):
        """Copy every layer's fresh gradient into the flat gradient buffer."""
        xp = self.xp
        for (layer, name), (start, stop) in zip(self.slots, self.ranges):
            self.grads[start:stop] = xp.reshape(layer.grads[name], (-1,))
        return self.grads

    @classmethod
    def of(cls, model):
        """The model's flat buffer, made (or remade) if needed; None where not usable."""
        flat = getattr(model, "_flat", None)
        if flat is not None and flat.matches(model):
            return flat
        model._flat = cls(model) if cls.usable(model) else None
        return model._flat


def iterate_minibatches(n_samples, batch_size, order=None):
    """Yield the batches of one epoch: slices of ``order`` (an index array), or plain
    slices of ``range(n_samples)`` when there is no ``order`` (no shuffling: no copy)."""
    for start in range(0, n_samples, batch_size):
        stop = min(start + batch_size, n_samples)
        yield slice(start, stop) if order is None else order[start:stop]


def take_rows(a, index):
    """Rows ``index`` (a slice or a NumPy index array) of ``a``, in ``a``'s own namespace.

    The array API has no fancy indexing, so other libraries go through ``xp.take``.
    """
    if isinstance(index, slice) or isinstance(a, np.ndarray):
        return a[index]
    xp = array_namespace(a)
    return xp.take(a, asarray(index, xp, device=device(a)), axis=0)


def _check_optional_positive(value, name):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 \
            or not math.isfinite(value):
        raise ValueError(f"{name} must be None or a finite number > 0, got {value!r}")
    return float(value)


def fit(model, X, y, *, loss, optimizer="sgd", epochs=1, batch_size=None, shuffle=True,
        random_state=None, validation_data=None, metrics=None, early_stopping=None,
        l2=0.0, clip_value=None, clip_norm=None, on_divergence="raise", progress=False,
        history=None, check_input=True):
    """Train ``model`` in place and return its :class:`History`.

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
        L2 penalty :math:`\\frac{\\lambda}{2n_b}\\sum\\lVert W\\rVert^2` on the weights
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
    X, y = as_array(X), as_array(y)
    n_samples = X.shape[0] if X.ndim else 0
    if n_samples == 0:
        raise ValueError(f"X must hold at least one sample, got shape {tuple(X.shape)}")
    if y.ndim == 0 or y.shape[0] != n_samples:
        raise ValueError(f"X has {n_samples} samples but y has shape {tuple(y.shape)}")
    xp = array_namespace(X, y)
    for name, a in (("X", X), ("y", y)) if check_input else ():
        if not bool(xp.all(xp.isfinite(a))):
            raise ValueError(f"{name} contains NaN or infinity")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    if batch_size is None:
        batch_size = n_samples
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be None or a positive integer, got {batch_size!r}")
    if on_divergence not in ("raise", "warn"):
        raise ValueError(f"on_divergence must be 'raise' or 'warn', got {on_divergence!r}")
    if not (isinstance(l2, (int, float)) and math.isfinite(l2) and l2 >= 0):
        raise ValueError(f"l2 must be a finite number >= 0, got {l2!r}")
    clip_value = _check_optional_positive(clip_value, "clip_value")
    clip_norm = _check_optional_positive(clip_norm, "clip_norm")
    loss = get_loss(loss)
    optimizer = get_optimizer(optimizer)
    rng = check_random_state(random_state)
    history = History() if history is None else history
    batch_size = min(int(batch_size), n_samples)
    order = None
    flat = FlatParameters.of(model)

    epoch_iter = range(int(epochs))
    bar = None
    if progress:
        from tqdm.auto import tqdm
        epoch_iter = bar = tqdm(epoch_iter, desc="training", unit="epoch")

    # overflow shows up as a non-finite loss, reported below with a clearer message
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in epoch_iter:
            optimizer.epoch = history.epochs
            start_weights = _snapshot(model, flat)
            if shuffle:
                # permute the previous order (not a fresh arange): scikit-learn's sequence
                order = rng.permutation(n_samples) if order is None else order[rng.permutation(n_samples)]
            total = 0.0
            for b, index in enumerate(iterate_minibatches(n_samples, batch_size, order)):
                xb, yb = take_rows(X, index), take_rows(y, index)
                value = _train_step(model, xb, yb, loss, optimizer, l2, clip_value, clip_norm, flat)
                if not math.isfinite(value):
                    _restore(model, flat, start_weights)
                    _diverged(history, on_divergence, value, epoch, b, optimizer, bar)
                    return history
                total += value * xb.shape[0]
            if not _all_finite([flat.params] if flat is not None else model.parameters()):
                _restore(model, flat, start_weights)
                _diverged(history, on_divergence, math.inf, epoch, b, optimizer, bar,
                          what="the weights")
                return history
            history.append(loss=total / n_samples, lr=optimizer.learning_rate)
            if validation_data is not None:
                _validate(model, loss, validation_data, metrics, history)
            if bar is not None:
                bar.set_postfix(loss=f"{history['loss'][-1]:.4g}")
            if early_stopping is not None:
                if early_stopping.monitor not in history:
                    raise ValueError(
                        f"early stopping monitors {early_stopping.monitor!r}, which training "
                        f"does not record (it records {sorted(history.history)}); "
                        "pass validation_data to monitor validation values"
                    )
                value = history[early_stopping.monitor][-1]
                if early_stopping.update(history.epochs - 1, value, model):
                    history.stopped_early = True
                    break
    if bar is not None:
        bar.close()
    if early_stopping is not None:
        history.best_epoch = early_stopping.best_epoch
        early_stopping.restore(model)
    return history


def _train_step(model, xb, yb, loss, optimizer, l2, clip_value, clip_norm, flat=None):
    """One update on one batch; returns the batch loss as a Python float."""
    output = model.forward(xb, training=True)
    value, output_grad = loss.value_and_gradient(output, yb)
    value = float(value)
    n_batch = float(xb.shape[0])
    if l2 > 0:
        squares = sum(_squared_norm(layer.params[name]) for layer, name in model.regularized_parameters())
        value += 0.5 * l2 * squares / n_batch
    if not math.isfinite(value):
        return value
    model.backward(output_grad)
    if l2 > 0:
        for layer, name in model.regularized_parameters():
            layer.grads[name] += (l2 / n_batch) * layer.params[name]
    if flat is not None:
        params, grads = [flat.params], [flat.gather_gradients()]
    else:
        params, grads = model.parameters(), model.gradients()
    if clip_value is not None:
        grads = clip_by_value(grads, clip_value)
    if clip_norm is not None:
        grads, _ = clip_by_global_norm(grads, clip_norm)
    optimizer.step(params, grads)
    return value


def _squared_norm(a):
    """:math:`\\lVert a \\rVert^2` as a dot product of the flattened array (no temporary)."""
    xp = array_namespace(a)
    flat = xp.reshape(a, (-1,))
    return float(xp.vecdot(flat, flat))


def _validate(model, loss, validation_data, metrics, history):
    X_val, y_val = validation_data
    output = model.forward(X_val, training=False)
    history.append(val_loss=float(loss.loss(output, y_val)))
    for name, metric in (metrics or {}).items():
        history.append(**{f"val_{name}": float(metric(output, y_val))})


def _snapshot(model, flat):
    """A copy of the weights to go back to (one array when they live in a flat buffer)."""
    if flat is not None:
        return flat.xp.asarray(flat.params, copy=True)
    return model.get_weights()


def _restore(model, flat, snapshot):
    if flat is not None:
        flat.params[...] = snapshot
    else:
        model.set_weights(snapshot)


def _all_finite(params):
    if not params:
        return True
    xp = array_namespace(*params)
    return all(bool(xp.all(xp.isfinite(p))) for p in params)


def _diverged(history, on_divergence, value, epoch, batch, optimizer, bar, what="the loss"):
    if bar is not None:
        bar.close()
    history.diverged = True
    became = "non-finite" if what == "the weights" else value
    message = (
        f"training diverged: {what} became {became} at epoch {epoch + 1}, batch {batch + 1} "
        f"(learning rate {optimizer.learning_rate:g}). The weights were restored to their "
        "values at the start of that epoch. Try a smaller learning rate, gradient "
        "clipping (clip_norm), or a smaller initial weight scale."
    )
    if on_divergence == "raise":
        raise DivergenceError(message)
    warnings.warn(message, DivergenceWarning, stacklevel=3)
