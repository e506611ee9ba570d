"""Universal approximation: sigmoid bumps by hand beside a trained network."""

import functools

import numpy as np

from .. import viz
from ..experiments.approximation import fit_one_hidden_layer, hand_built
from .base import Choice, Panel


TARGETS = {"sin 2x": lambda x: np.sin(2 * x), "|x| - 1": lambda x: np.abs(x) - 1,
           "step": lambda x: np.where(x < 0.5, -0.5, 0.5)}
_X = np.linspace(-3.0, 3.0, 301)  # where the curves are drawn and their errors measured


@functools.lru_cache(maxsize=None)
def _trained_fit(target, n_units):
    """A trained 1-n-1 tanh network's predictions on ``_X`` (cached: a few states, revisited)."""
    return fit_one_hidden_layer(TARGETS[target], n_units, _X)


def draw_approximation(ax, target="sin 2x", n_units=8):
    """The target, the hand-built bumps and a trained network with ``n_units`` hidden units."""
    f = TARGETS[target]
    y, built, trained = f(_X), hand_built(f, _X, n_units), _trained_fit(target, n_units)
    ax.plot(_X, y, color="0.6", lw=4, label="target")
    units = f"{n_units} unit{'s' if n_units > 1 else ''}"
    shape = "one step" if n_units == 1 else f"{n_units // 2} bump{'s' if n_units > 3 else ''}"
    ax.plot(_X, built, color=viz.COLORS[0], lw=1.8, ls="--", label=f"{shape} ({units}, by hand)")
    ax.plot(_X, trained, color=viz.COLORS[1], lw=1.8, label=f"trained ({units}, tanh)")
    ax.set(xlabel="x", ylabel="y", ylim=(-1.6, 2.4), title=f"{target}, {n_units} hidden units")
    ax.legend(frameon=False, loc="upper left", fontsize="small")
    error_built, error_trained = np.max(np.abs(built - y)), np.max(np.abs(trained - y))
    return (f"The target {target} on [-3, 3] (thick grey), sigmoid units set by hand, "
            f"{shape} from {units} (dashed; largest error {error_built:.2f}), and a tanh "
            f"network of {units} trained by L-BFGS on 200 samples (solid; largest error "
            f"{error_trained:.2f}).")


def approximation_panel():
    """Universal approximation: hidden units against the fit, hand-built bumps beside a trained network."""
    return Panel(draw_approximation, {
        "target": Choice("target", list(TARGETS)),
        "n_units": Choice("hidden units", [1, 2, 4, 8, 16, 32], 8, kind="slider"),
    })
