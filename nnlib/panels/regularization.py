"""Regularization: dropout and early stopping against the loss curves."""

import functools

import numpy as np

from .. import viz
from .base import Choice, Panel


@functools.lru_cache(maxsize=None)
def regularization_curves(dropout, epochs=300):
    """Training and validation loss per epoch of a 2-64-64-2 ReLU network (dropout after
    each hidden layer) trained in batches of 16 on 80 noisy two-moons points. The
    training loss is the one the updates see: measured with dropout active."""
    from .. import datasets
    from ..layers import Activation, Dense, Dropout
    from ..model import Sequential
    from ..optimizers import Adam
    from ..training import fit

    X, y = datasets.moons(n_samples=80, noise=0.35, random_state=0)
    X_val, y_val = datasets.moons(n_samples=500, noise=0.35, random_state=1)
    layers = []
    for i, (a, b) in enumerate([(2, 64), (64, 64)]):
        layers += [Dense(a, b, weight_init="he_uniform", random_state=i), Activation("relu")]
        if dropout:
            layers.append(Dropout(dropout, random_state=10 + i))
    net = Sequential(layers + [Dense(64, 2, random_state=2)])
    history = fit(net, X, np.eye(2)[y], loss="categorical_cross_entropy", optimizer=Adam(0.002),
                  epochs=epochs, batch_size=16, random_state=0, validation_data=(X_val, np.eye(2)[y_val]))
    return np.array(history["loss"]), np.array(history["val_loss"])


def early_stopping_point(val_loss, patience):
    """(stop, best): the epoch (1-based) after which :class:`EarlyStopping` with this
    patience ends training, and the best epoch whose weights it restores."""
    from ..training import EarlyStopping

    stopper = EarlyStopping(patience=patience, restore_best_weights=False)
    for epoch, value in enumerate(val_loss):
        if stopper.update(epoch, float(value), None):
            return epoch + 1, stopper.best_epoch + 1
    return len(val_loss), stopper.best_epoch + 1


def draw_regularization(ax, dropout=0.0, patience=10):
    """Training and validation loss with dropout; where early stopping would stop, marked."""
    train, val = regularization_curves(dropout)
    stop, best = early_stopping_point(val, patience)
    epochs = np.arange(1, len(train) + 1)
    measured = " (dropout active)" if dropout else ""
    ax.semilogy(epochs, train, color=viz.COLORS[0], lw=1.8, label=f"training loss{measured}")
    ax.semilogy(epochs, val, color=viz.COLORS[1], lw=1.8, ls="--", label="validation loss")
    ax.axvline(stop, color="0.5", ls=":", label=f"early stop (epoch {stop})")
    ax.plot(best, val[best - 1], "o", color="k", ms=7, label=f"best epoch ({best}), restored")
    ax.set(xlabel="epoch", ylabel="cross-entropy", ylim=(0.01, 3),
           title=f"dropout {dropout:g}, patience {patience}")
    ax.legend(frameon=False, fontsize="small", loc="lower left")
    measured = ", measured with dropout active as the updates see it" if dropout else ""
    return (f"Training loss (solid{measured}) and validation loss (dashed) over {len(train)} epochs of a "
            f"2-64-64-2 network with dropout rate {dropout:g} on 80 noisy two-moons points. "
            f"Early stopping with patience {patience} stops after epoch {stop} and restores epoch "
            f"{best}, validation loss {val[best - 1]:.3f}; training to the end reaches validation "
            f"loss {val[-1]:.3f} with training loss {train[-1]:.3f}.")


def regularization_panel():
    """Regularization: dropout rate and early-stopping patience against the loss curves."""
    return Panel(draw_regularization, {
        "dropout": Choice("dropout rate", [0.0, 0.2, 0.5], kind="slider"),
        "patience": Choice("patience (epochs)", [5, 10, 20, 50], 10, kind="slider"),
    })
