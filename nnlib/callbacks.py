r"""What :func:`nnlib.fit` does at the end of every epoch: *hooks*.

A hook has two methods, ``epoch_ended(model, history)``, which returns True to stop
training, and ``training_ended(model, history)``, called once when training stops
(however it stops). :func:`~nnlib.fit` makes its hooks from its arguments, in this order:

* :class:`Validation` (``validation_data``) records ``val_loss`` and metrics;
* :class:`ProgressBar` (``progress``) shows a tqdm bar over the epochs;
* :class:`EarlyStopping` (``early_stopping``) stops when the monitored value stops
  improving, and puts the best weights back.

:class:`History` is what training records, and :class:`DivergenceGuard` what it does
when the loss or the weights stop being finite numbers.
"""

import math
import warnings

from .backend import all_finite
from .validation import NON_NEGATIVE, POSITIVE_INT, check

__all__ = ["History", "EarlyStopping", "Validation", "ProgressBar", "DivergenceGuard",
           "DivergenceError", "DivergenceWarning"]


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

    An epoch *improves* when the value beats the best so far by more than ``min_delta``
    (an equal value is no improvement). After ``patience`` epochs in a row without
    improvement, training stops and (``restore_best_weights``) the weights of the best
    epoch are put back.

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
        patience = check(patience, "patience", POSITIVE_INT)
        min_delta = check(min_delta, "min_delta", NON_NEGATIVE)
        mode = check(mode, "mode", {"auto", "min", "max"})
        if mode == "auto":
            mode = "max" if ("acc" in monitor or "score" in monitor) else "min"
        self.monitor, self.patience, self.min_delta = monitor, patience, min_delta
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

    # as a hook of fit
    def epoch_ended(self, model, history):
        if self.monitor not in history:
            raise ValueError(
                f"early stopping monitors {self.monitor!r}, which training does not record "
                f"(it records {sorted(history.history)}); pass validation_data to monitor "
                "validation values")
        if self.update(history.epochs - 1, history[self.monitor][-1], model):
            history.stopped_early = True
        return history.stopped_early

    def training_ended(self, model, history):
        history.best_epoch = self.best_epoch
        self.restore(model)

    def __repr__(self):
        return (f"EarlyStopping(monitor={self.monitor!r}, patience={self.patience}, "
                f"min_delta={self.min_delta})")


class Validation:
    """Evaluate the model on ``(X_val, y_val)`` after every epoch: ``val_loss`` and one
    ``val_<name>`` per metric ``name -> callable(output, y) -> float``."""

    def __init__(self, validation_data, loss, metrics=None):
        self.X, self.y = validation_data
        self.loss, self.metrics = loss, dict(metrics or {})

    def epoch_ended(self, model, history):
        output = model.forward(self.X, training=False)
        history.append(val_loss=float(self.loss.loss(output, self.y)))
        for name, metric in self.metrics.items():
            history.append(**{f"val_{name}": float(metric(output, self.y))})
        return False

    def training_ended(self, model, history):
        pass


class ProgressBar:
    """A tqdm progress bar over the epochs, showing the last training loss."""

    def __init__(self, epochs):
        from tqdm.auto import tqdm
        self.bar = tqdm(total=epochs, desc="training", unit="epoch")

    def epoch_ended(self, model, history):
        self.bar.update(1)
        self.bar.set_postfix(loss=f"{history['loss'][-1]:.4g}")
        return False

    def training_ended(self, model, history):
        self.bar.close()


class DivergenceGuard:
    """Never leave NaN weights: remember the weights at the start of each epoch, and
    put them back the moment the loss (or, after the epoch, a weight) is not finite.

    Then it raises :class:`DivergenceError`, or with ``on_divergence="warn"`` gives a
    :class:`DivergenceWarning` and lets training return the history so far.
    """

    def __init__(self, on_divergence="raise"):
        self.on_divergence = check(on_divergence, "on_divergence", {"raise", "warn"})
        self.start_weights = None

    def epoch_started(self, model):
        self.start_weights = model.get_weights()

    def weights_finite(self, model):
        return all_finite(model.parameters())

    def diverged(self, model, history, where, optimizer, value=None):
        """Restore the epoch's starting weights and report; ``where`` is ``(epoch, batch)``
        (0-based), ``value`` the non-finite loss (None: a weight became non-finite)."""
        model.set_weights(self.start_weights)
        history.diverged = True
        what = "the weights became non-finite" if value is None else f"the loss became {value}"
        message = (
            f"training diverged: {what} at epoch {where[0] + 1}, batch {where[1] + 1} "
            f"(learning rate {optimizer.learning_rate:g}). The weights were restored to their "
            "values at the start of that epoch. Try a smaller learning rate, gradient clipping "
            "(clip_norm), or a smaller initial weight scale.")
        if self.on_divergence == "raise":
            raise DivergenceError(message)
        warnings.warn(message, DivergenceWarning, stacklevel=3)
        return history
