"""Plotting helpers the chapters use. Each returns the matplotlib ``Axes`` it drew on.

Only this module (and :mod:`nnlib.panels`) imports matplotlib: the core library
needs NumPy alone.
"""

import numpy as np

from .activations import ACTIVATIONS, get_activation
from .backend import to_numpy

__all__ = ["plot_activation", "plot_decision_boundary", "plot_loss_curves", "draw_network",
           "layer_parameter_counts", "saturated_regions"]

# Okabe-Ito: distinguishable with every common form of colour blindness
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(6, 4))
    return ax


def saturated_regions(name, z, threshold=0.05, **params):
    r"""Boolean mask of the inputs ``z`` where the activation *saturates*.

    A neuron saturates where its output flattens out: :math:`|f'(z)|` is below
    ``threshold`` of its peak on ``z`` **and** falls to zero further out on that side,
    :math:`f'(z) \to 0` as :math:`z \to \pm\infty`. There a change of the input barely
    changes the output, so almost no gradient flows back through the neuron. Leaky
    ReLU's negative side has a small but constant slope :math:`\alpha`: it passes a
    gradient however negative the input, so it does not saturate.
    """
    act = get_activation(name, **params)
    z = np.asarray(z, float)
    derivative = np.abs(to_numpy(act.derivative(z)))
    peak = np.max(derivative)
    if peak == 0:  # a flat function (the step's derivative is 0 wherever it is defined)
        return np.ones_like(derivative, bool)
    with np.errstate(over="ignore", under="ignore"):
        far_left, far_right = np.abs(to_numpy(act.derivative(np.array([-1e6, 1e6]))))
    vanishes = np.where(z <= 0, far_left, far_right) <= 1e-9 * peak
    return (derivative < threshold * peak) & vanishes


def plot_activation(name, z_min=-5.0, z_max=5.0, derivative=True, shade_saturation=True,
                    ax=None, **params):
    """Draw an activation function, optionally its derivative and its saturated regions.

    Parameters
    ----------
    name : str
        An activation name of :mod:`nnlib.activations` (not softmax).
    z_min, z_max : float
        Input range.
    derivative : bool
        Also draw :math:`f'(z)` (dashed).
    shade_saturation : bool
        Shade the saturated inputs (:func:`saturated_regions`).
    **params
        ``alpha`` for leaky ReLU / ELU.
    """
    if name == "softmax":
        raise ValueError("softmax acts on whole vectors; plot it with a 2-class example instead")
    ax = _axes(ax)
    act = get_activation(name, **params)
    z = np.linspace(z_min, z_max, 801)
    ax.plot(z, to_numpy(act(z)), color=COLORS[0], lw=2.5, label=f"{name}(z)")
    if derivative:
        ax.plot(z, to_numpy(act.derivative(z)), color=COLORS[1], lw=2, ls="--", label=f"{name}'(z)")
    if shade_saturation and ACTIVATIONS[name].trainable:  # the step has no gradient to lose
        mask = saturated_regions(name, z, **params)
        if mask.any():
            # an edge and an opaque legend box keep the swatch visible where the
            # legend sits on the grey band
            ax.fill_between(z, 0, 1, where=mask, transform=ax.get_xaxis_transform(),
                            facecolor="0.85", edgecolor="0.45", linewidth=0.8,
                            label="saturated (|f'| < 5% of max)")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlabel("pre-activation z")
    ax.set_ylabel("output")
    ax.set_xlim(z_min, z_max)
    ax.legend(loc="upper left", frameon=True, facecolor="white", edgecolor="0.6", framealpha=1.0)
    return ax


def plot_decision_boundary(predict, X, y, ax=None, resolution=200, padding=0.5, proba=True):
    """Colour the plane by a classifier's prediction and scatter the samples on top.

    Parameters
    ----------
    predict : callable or fitted estimator
        ``predict(points)`` returning labels, or an estimator with ``predict_proba``
        (then binary problems are shaded by the probability of class 1).
    X : array of shape (n, 2)
    y : array of shape (n,)
    """
    ax = _axes(ax)
    X, y = np.asarray(X, float), np.asarray(y)
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    classes = np.unique(y)
    if proba and hasattr(predict, "predict_proba") and len(classes) == 2:
        zz = to_numpy(predict.predict_proba(grid))[:, 1].reshape(xx.shape)
        ax.contourf(xx, yy, zz, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
        ax.contour(xx, yy, zz, levels=[0.5], colors="k", linewidths=1.5)
    else:
        fn = predict.predict if hasattr(predict, "predict") else predict
        labels = to_numpy(fn(grid))
        zz = np.searchsorted(classes, labels).reshape(xx.shape)
        ax.contourf(xx, yy, zz, levels=np.arange(len(classes) + 1) - 0.5,
                    colors=COLORS[:len(classes)], alpha=0.3)
    markers = "os^Dv<>P"
    for i, c in enumerate(classes):
        pick = y == c
        ax.scatter(X[pick, 0], X[pick, 1], s=18, marker=markers[i % len(markers)],
                   color=COLORS[i % len(COLORS)], edgecolor="k", linewidth=0.4, label=f"class {c}")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best", frameon=True, fontsize="small")
    return ax


def plot_loss_curves(curves, ax=None, log=False, xlabel="epoch", ylabel="loss"):
    """Draw several loss curves: ``curves`` maps a label to a sequence of values."""
    ax = _axes(ax)
    styles = ["-", "--", "-.", ":"]
    for i, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, float)
        ax.plot(np.arange(1, len(values) + 1), values, color=COLORS[i % len(COLORS)],
                ls=styles[i % len(styles)], lw=2, label=str(label))
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    return ax


def layer_parameter_counts(layer_sizes):
    """Weights and biases of each fully connected layer: ``[(fan_in, fan_out, weights, biases), ...]``.

    A layer from :math:`n_{in}` to :math:`n_{out}` neurons has :math:`n_{in} n_{out}`
    weights and :math:`n_{out}` biases.
    """
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"layer_sizes needs at least two positive sizes, got {layer_sizes!r}")
    return [(a, b, a * b, b) for a, b in zip(sizes[:-1], sizes[1:])]


def draw_network(layer_sizes, weights=None, ax=None, max_neurons=12):
    """Draw a fully connected network: neurons as circles, connections as lines.

    With ``weights`` (a list of ``(fan_in, fan_out)`` matrices) each line is coloured by
    the sign of its weight (blue positive, orange negative) and its width follows
    :math:`|w|`. Layers wider than ``max_neurons`` show their first and last neurons
    around an ellipsis.
    """
    ax = _axes(ax)
    counts = layer_parameter_counts(layer_sizes)
    sizes = [counts[0][0]] + [c[1] for c in counts]
    shown = [list(range(s)) if s <= max_neurons else
             list(range(max_neurons // 2)) + list(range(s - max_neurons // 2, s)) for s in sizes]
    # an abbreviated layer leaves one empty slot between its halves for the ellipsis
    slots = [len(s) + (len(s) < size) for s, size in zip(shown, sizes)]
    height = max(slots)

    def position(layer, k):
        gap = len(shown[layer]) < sizes[layer] and k >= len(shown[layer]) // 2
        return layer, (height - 1) / 2 - (k + gap - (slots[layer] - 1) / 2)

    from matplotlib.collections import LineCollection

    wmax = max((np.max(np.abs(to_numpy(w))) for w in weights), default=1.0) if weights else 1.0
    segments, colors, widths = [], [], []
    for layer in range(len(sizes) - 1):
        w = to_numpy(weights[layer]) if weights else None
        for a, i in enumerate(shown[layer]):
            for b, j in enumerate(shown[layer + 1]):
                segments.append([position(layer, a), position(layer + 1, b)])
                if w is None:
                    colors.append("0.7")
                    widths.append(0.6)
                else:
                    colors.append(COLORS[0] if w[i, j] >= 0 else COLORS[1])
                    widths.append(0.3 + 3.0 * abs(w[i, j]) / wmax)
    # one collection for all connections: one draw call instead of one per line
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths,
                                     alpha=0.8 if weights else 1.0, zorder=1))
    for layer, neurons in enumerate(shown):
        kind = "input" if layer == 0 else "output" if layer == len(sizes) - 1 else "hidden"
        color = {"input": "white", "hidden": "#56B4E9", "output": "#E69F00"}[kind]
        xs, ys = zip(*(position(layer, k) for k in range(len(neurons))))
        ax.scatter(xs, ys, s=260, color=color, edgecolor="k", zorder=3)
        if len(neurons) < sizes[layer]:
            ax.text(layer, (height - 1) / 2, "⋮", ha="center", va="center", fontsize=18, zorder=4)
        ax.text(layer, -1.2, f"{kind}\n{sizes[layer]}", ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.5, len(sizes) - 0.5)
    ax.set_ylim(-2.4, height)
    ax.axis("off")
    return ax
