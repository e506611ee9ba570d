"""Initialization explorer: activations and gradients of every layer at initialization."""

import numpy as np

from .. import viz
from ..experiments.signal_propagation import layer_signals, trend
from .base import Choice, Panel


INITIALIZATIONS = {"zeros": "zeros", "uniform [-1, 1]": "uniform", "Xavier": "xavier_normal",
                   "He": "he_normal"}
WIDTH, N_SAMPLES = 64, 256  # smaller than chapter 8's 256 x 500: a redraw stays quick


def draw_initialization(axes, init="Xavier", activation="tanh", depth=10):
    """Per-layer histograms of activations (left) and weight gradients (right)."""
    activations, gradients, _ = layer_signals(INITIALIZATIONS[init], activation, depth, WIDTH,
                                              N_SAMPLES)
    for ax, values, what in ((axes[0], activations, "activations"), (axes[1], gradients, "weight gradients")):
        scale = max(float(np.max(np.abs(v))) for v in values) or 1.0
        bins = np.linspace(-scale, scale, 41)
        for k, v in enumerate(values):
            counts, _ = np.histogram(v, bins=bins)
            ax.stairs(k + counts / max(counts.max(), 1) * 0.9, bins, baseline=k, fill=True,
                      color=viz.COLORS[2 * (k % 2)], alpha=0.8)
        # three x ticks: the scale can reach 1e6, whose default tick labels run together
        ax.set(yticks=np.arange(depth) + 0.4, yticklabels=[str(k + 1) for k in range(depth)],
               xticks=[-scale, 0, scale], xticklabels=[f"{-scale:.2g}", "0", f"{scale:.2g}"],
               ylabel="layer", xlabel="value", title=what)
    return (f"Histograms, one row per layer, of the activations and weight gradients of a "
            f"{depth}-layer, {WIDTH}-wide {activation} network initialized with {init}: "
            f"{_initialization_readout(activations, gradients, activation)}.")


def _initialization_readout(activations, gradients, activation):
    """What the statistics say: how the activations' spread and the gradients' size
    change from the first layer to the last (words from :func:`trend`), or saturation."""
    spread = [float(np.std(a)) for a in activations]
    if max(spread) == 0:
        return ("every neuron of a layer outputs the same value, so all neurons of a layer get "
                "the same update and stay copies of each other")
    bounds = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(activation)
    last = activations[-1]
    saturated = bounds is not None and np.mean(np.minimum(abs(last - bounds[0]), abs(last - bounds[1])) < 0.05) > 0.5
    forward = "saturate" if saturated else trend(spread[-1] / spread[0], "spread")
    ratio = float(np.std(gradients[0]) / max(np.std(gradients[-1]), 1e-300))
    return (f"the activations' spread goes from {spread[0]:.2g} in layer 1 to {spread[-1]:.2g} in "
            f"layer {len(spread)} (they {forward}); the first layer's gradients are {ratio:.2g} "
            f"times the last layer's (on the way back they {trend(ratio, 'size')})")


def initialization_panel():
    """Initialization explorer: scheme, activation and depth; per-layer histograms and a readout."""
    return Panel(draw_initialization, {
        "init": Choice("initialization", list(INITIALIZATIONS), "Xavier"),
        "activation": Choice("activation", ["tanh", "sigmoid", "relu"]),
        "depth": Choice("layers", [2, 5, 10], 10, kind="slider"),
    }, figsize=(9.0, 3.8), ncols=2, dpi=80)
