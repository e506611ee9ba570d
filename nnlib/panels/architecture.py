"""Architecture visualizer: a fully connected network, its weights and its parameter count."""

import numpy as np

from .. import viz
from .base import Choice, Panel


NETWORKS = {"as set above": None, "Iris, chapter 12 (4-20-30-25-3)": (4, 20, 30, 25, 3)}


def _hidden_words(hidden):
    """'no hidden layer', '2 hidden layers of 4 neurons', '3 hidden layers of 20, 30 and 25 neurons'."""
    if not hidden:
        return "no hidden layer"
    layers = f"{len(hidden)} hidden layer{'s' if len(hidden) > 1 else ''}"
    if len(set(hidden)) == 1:
        return f"{layers} of {hidden[0]} neurons"
    return f"{layers} of {', '.join(map(str, hidden[:-1]))} and {hidden[-1]} neurons"


def draw_architecture(ax, n_inputs=4, n_hidden_layers=2, width=4, n_outputs=3,
                      network="as set above", seed=0):
    """Draw a fully connected network with Xavier-initialized weights (colour: sign,
    thickness: size) and its parameter counts per layer; return a description.
    ``network``: a key of ``NETWORKS``; one with fixed sizes overrides the others."""
    from ..initializers import get_initializer

    sizes = list(NETWORKS[network] or [n_inputs] + [width] * n_hidden_layers + [n_outputs])
    rng = np.random.default_rng(seed)
    weights = [get_initializer("xavier_uniform")((a, b), rng) for a, b in zip(sizes[:-1], sizes[1:])]
    viz.draw_network(sizes, weights=weights, ax=ax)
    per_layer = [w + b for _, _, w, b in viz.layer_parameter_counts(sizes)]
    total, terms = sum(per_layer), " + ".join(map(str, per_layer))
    ax.set_title(f"{' → '.join(map(str, sizes))}: {total:,} parameters ({terms})", fontsize=10)
    outputs = f"{sizes[-1]} output{'s' if sizes[-1] != 1 else ''}"
    return (f"A network with {sizes[0]} inputs, {_hidden_words(sizes[1:-1])} and {outputs}. "
            f"Connections are blue for positive and orange for negative weights, thicker for "
            f"larger ones. Parameters per layer (weights + biases): {terms}; {total:,} in total.")


def architecture_panel():
    """Architecture visualizer: the book's Iris network, or inputs, hidden layers,
    neurons per layer and outputs of your choice; draws the network with its weights
    and counts its parameters."""
    return Panel(draw_architecture, {
        "n_inputs": Choice("inputs", [2, 4, 8], 4, kind="slider"),
        "n_hidden_layers": Choice("hidden layers", [0, 1, 2, 3], 2, kind="slider"),
        "width": Choice("neurons per hidden layer", [2, 4, 8], 4, kind="slider"),
        "n_outputs": Choice("outputs", [1, 3], 3, kind="slider"),
        "network": Choice("network", list(NETWORKS)),
    }, figsize=(6.5, 3.6), inactive=_architecture_inactive)


def _architecture_inactive(values):
    """A fixed network leaves nothing to choose; without hidden layers there is no width."""
    if NETWORKS[values["network"]]:
        return {"n_inputs", "n_hidden_layers", "width", "n_outputs"}
    return {"width"} if values["n_hidden_layers"] == 0 else set()
