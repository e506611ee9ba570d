"""Learning-rate explorer: an optimizer's path down a bowl, and its loss per step."""

import numpy as np

from .. import viz
from ..experiments.bowl import BOWL_CURVATURE, descend_bowl
from .base import Choice, Panel


def draw_learning_rate(axes, learning_rate=0.1, optimizer="SGD", schedule="constant"):
    """The optimizer's path on the bowl's contours (left) and its loss per step (right)."""
    path, losses, diverged = descend_bowl(optimizer, schedule, learning_rate)
    surface, curve = axes
    from matplotlib.collections import LineCollection

    # contour lines: ½ Σ c_i θ_i² = level is an ellipse with semi-axes sqrt(2 level / c_i);
    # one collection draws all twelve (the static copy draws this figure ~100 times)
    angle = np.linspace(0, 2 * np.pi, 121)
    semi_axes = np.sqrt(2 * np.geomspace(0.05, 60, 12)[:, None] / np.array(BOWL_CURVATURE))
    ellipses = np.stack([semi_axes[:, :1] * np.cos(angle), semi_axes[:, 1:] * np.sin(angle)], axis=-1)
    surface.add_collection(LineCollection(ellipses, colors="0.75", linewidths=0.8))
    shown = np.clip(path, [-5, -3], [5, 3])
    surface.plot(shown[:, 0], shown[:, 1], "o-", color=viz.COLORS[0], ms=3, lw=1.2)
    surface.plot(0, 0, "*", color="k", ms=10)
    surface.set(xlim=(-5, 5), ylim=(-3, 3), xlabel="θ₁", ylabel="θ₂", title="path on the loss surface")
    curve.semilogy(np.arange(len(losses)), np.maximum(losses, 1e-12), color=viz.COLORS[1], lw=2)
    curve.set(xlabel="step", ylabel="loss", title=f"{optimizer}, η = {learning_rate:g}, {schedule}")
    if diverged:
        curve.plot(diverged, losses[-1], "X", color="crimson", ms=12)
        curve.text(0.5, 0.9, f"diverged at step {diverged}", transform=curve.transAxes,
                   ha="center", color="crimson", fontweight="bold")
        outcome = f"diverges: the loss passes 1,000 times its start at step {diverged}"
    else:
        outcome = f"ends at loss {losses[-1]:.2g} after {len(losses) - 1} steps (it started at {losses[0]:.3g})"
    return (f"{optimizer} with learning rate {learning_rate:g} and a {schedule} schedule on a bowl "
            f"10 times steeper in θ₂ than in θ₁ (plain SGD with a constant rate is stable on it "
            f"only below 2/10 = 0.2): left, its path over the contour lines; right, its loss per "
            f"step on a log scale. It {outcome}.")


def learning_rate_panel():
    """Learning-rate explorer: rate, optimizer and schedule; path and loss, divergence
    marked. The rates include 0.19 and 0.21, just either side of plain SGD's stability
    limit 2/10 on this bowl."""
    return Panel(draw_learning_rate, {
        "learning_rate": Choice("learning rate", [0.01, 0.1, 0.19, 0.21, 0.3, 1.0], 0.1, kind="slider"),
        "optimizer": Choice("optimizer", ["SGD", "momentum", "RMSprop", "Adam"]),
        "schedule": Choice("schedule", ["constant", "step decay", "exponential", "1/t"]),
    }, figsize=(9.0, 3.4), ncols=2, dpi=72)
