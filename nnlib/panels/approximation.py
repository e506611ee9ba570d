"""Universal approximation: sigmoid bumps by hand beside a trained network."""

import functools

import numpy as np

from .. import viz
from .base import Choice, Panel


TARGETS = {"sin 2x": lambda x: np.sin(2 * x), "|x| - 1": lambda x: np.abs(x) - 1,
           "step": lambda x: np.where(x < 0.5, -0.5, 0.5)}
_X_RANGE = (-3.0, 3.0)


def bumps(target, x, n_units):
    r"""The universal-approximation construction: ``n_units // 2`` bumps, each the
    difference of two steep sigmoids, :math:`h_k[\sigma(s(x-a_k)) - \sigma(s(x-b_k))]`,
    with height :math:`h_k` the target's value at the bump's centre. One unit alone
    makes a single step."""
    from ..functional import sigmoid

    f = TARGETS[target]
    lo, hi = _X_RANGE
    if n_units < 2:  # one sigmoid: a step from the left value to the right value
        return f(np.array(lo)) + (f(np.array(hi)) - f(np.array(lo))) * sigmoid(5.0 * x)
    edges = np.linspace(lo, hi, n_units // 2 + 1)
    steepness = 8.0 / (edges[1] - edges[0])
    heights = f((edges[:-1] + edges[1:]) / 2)
    starts, ends = edges[:-1].copy(), edges[1:].copy()
    starts[0], ends[-1] = lo - 10.0, hi + 10.0  # the outer bumps reach past the range's ends
    return sum(h * (sigmoid(steepness * (x - a)) - sigmoid(steepness * (x - b)))
               for h, a, b in zip(heights, starts, ends))


@functools.lru_cache(maxsize=None)
def _trained_fit(target, n_units):
    """Predictions on a fine grid of a 1-n-1 tanh network trained on 200 samples of the target."""
    import warnings

    from ..estimators import MLPRegressor

    x_train = np.random.default_rng(0).uniform(*_X_RANGE, (200, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: the epoch budget is fixed on purpose
        model = MLPRegressor(hidden_layer_sizes=(n_units,), activation="tanh", learning_rate_init=0.01,
                             max_iter=1500, n_iter_no_change=1500, random_state=0)
        model.fit(x_train, TARGETS[target](x_train).ravel())
    return model.predict(np.linspace(*_X_RANGE, 301)[:, None])


def draw_approximation(ax, target="sin 2x", n_units=8):
    """The target, the hand-built bumps and a trained network with ``n_units`` hidden units."""
    x = np.linspace(*_X_RANGE, 301)
    y, built, trained = TARGETS[target](x), bumps(target, x, n_units), _trained_fit(target, n_units)
    ax.plot(x, y, color="0.6", lw=4, label="target")
    units = f"{n_units} unit{'s' if n_units > 1 else ''}"
    ax.plot(x, built, color=viz.COLORS[0], lw=1.8, ls="--", label=f"bumps ({units}, by hand)")
    ax.plot(x, trained, color=viz.COLORS[1], lw=1.8, label=f"trained ({units}, tanh)")
    ax.set(xlabel="x", ylabel="y", ylim=(-1.6, 2.4), title=f"{target}, {n_units} hidden units")
    ax.legend(frameon=False, loc="upper left", fontsize="small")
    error_built, error_trained = np.max(np.abs(built - y)), np.max(np.abs(trained - y))
    return (f"The target {target} on [-3, 3] (thick grey), sigmoid bumps built by hand from "
            f"{units} (dashed; largest error {error_built:.2f}) and a network of {units} "
            f"trained on 200 samples (solid; largest error {error_trained:.2f}).")


def approximation_panel():
    """Universal approximation: hidden units against the fit, hand-built bumps beside a trained network."""
    return Panel(draw_approximation, {
        "target": Choice("target", list(TARGETS)),
        "n_units": Choice("hidden units", [1, 2, 4, 8, 16, 32], 8, kind="slider"),
    })
