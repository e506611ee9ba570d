"""Activation explorer: an activation, its derivative and where it saturates."""

import numpy as np

from .. import viz
from ..activations import ACTIVATIONS as _REGISTRY
from ..activations import activation_names
from .base import Choice, Panel


ACTIVATIONS = activation_names(elementwise=True, aliases=False)
"""Every elementwise activation of :data:`nnlib.activations.ACTIVATIONS`."""


def _takes_alpha(name):
    return "alpha" in _REGISTRY[name].defaults


def draw_activation(ax, name="sigmoid", alpha=0.1, z_max=5.0):
    """Draw ``name`` and its derivative on [-z_max, z_max], saturated inputs shaded;
    return a description of the figure. ``alpha`` is used only by the activations
    that take it (leaky ReLU, ELU)."""
    params = {"alpha": alpha} if _takes_alpha(name) else {}
    viz.plot_activation(name, -z_max, z_max, ax=ax, **params)
    with_alpha = f" with α = {alpha:g}" if params else ""
    ax.set_title(f"{name}{with_alpha}")
    z = np.linspace(-z_max, z_max, 801)
    # an activation with no gradient anywhere (the step) has no saturated region to show
    shaded = viz.saturated_regions(name, z, **params) if _REGISTRY[name].trainable \
        else np.zeros_like(z, bool)
    share = f"{shaded.mean():.0%} of the inputs shaded as saturated" if shaded.any() else "no region shaded as saturated"
    return (f"The {name} activation{with_alpha} (solid line) and its derivative (dashed) for "
            f"inputs from {-z_max:g} to {z_max:g}, with {share}.")


def activation_panel(name="sigmoid"):
    """Activation explorer: the function, α (leaky ReLU and ELU), the input range; f, f' and saturation."""
    return Panel(draw_activation, {
        "name": Choice("activation", ACTIVATIONS, name),
        "alpha": Choice(f"α ({', '.join(n for n in ACTIVATIONS if _takes_alpha(n))})",
                        [0.01, 0.1, 0.3, 0.5, 1.0], 0.1, kind="slider"),
        "z_max": Choice("input range ±", [2.0, 5.0, 10.0], 5.0, kind="slider"),
    }, inactive=lambda values: set() if _takes_alpha(values["name"]) else {"alpha"})
