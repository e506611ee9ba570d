"""Regularization: dropout and early stopping against the loss curves."""

import numpy as np

from .. import viz
from ..experiments.regularization import early_stopping_point, regularization_curves
from .base import Choice, Panel


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
