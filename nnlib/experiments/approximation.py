r"""Universal approximation (chapter 11): one hidden layer of sigmoids built by hand,
and one trained.

A steep sigmoid is nearly a step; the difference of a step up at :math:`a` and one
down at :math:`b` is a *bump*, about 1 on :math:`[a, b]` and 0 elsewhere. Bumps with
the heights of a function :math:`g` add up to a bar chart of it:

.. math:: \hat g(x) = \sum_{k=1}^{K} g(c_k)\,[\sigma(s(x - a_k)) - \sigma(s(x - b_k))],

a network with one hidden layer of :math:`2K` sigmoid units and a linear output.
"""

import warnings

import numpy as np


def bumps(f, x, n_bumps, lo=-3.5, hi=3.5, sharpness=20.0):
    r"""The sum of ``n_bumps`` sigmoid bumps that traces ``f`` on ``[lo, hi]``.

    .. math:: \hat f(x) = \sum_{k=1}^{K} f(c_k)\,[\sigma(s(x - e_{k-1})) - \sigma(s(x - e_k))]

    with the edges :math:`e_k = lo + k\,(hi - lo)/K`, the centres
    :math:`c_k = (e_{k-1} + e_k)/2` and the steepness :math:`s =` ``sharpness`` / bump
    width, so that the steps stay sharp as the bumps narrow. A hidden layer of
    :math:`2K` units.

    Parameters
    ----------
    f : callable
        The function to trace, vectorized.
    x : array
        Where to evaluate the sum.
    n_bumps : int
        :math:`K \ge 1`.
    lo, hi : float
        The interval the bumps cover (a little wider than the one drawn, so that its
        ends are not at a half-step).
    sharpness : float
        Steepness times bump width.
    """
    from ..functional import sigmoid

    edges = np.linspace(lo, hi, n_bumps + 1)
    steepness = sharpness * n_bumps / (hi - lo)
    centres = (edges[:-1] + edges[1:]) / 2
    total = np.zeros_like(x, dtype=float)
    for a, b, height in zip(edges[:-1], edges[1:], f(centres)):
        total += height * (sigmoid(steepness * (x - a)) - sigmoid(steepness * (x - b)))
    return total


def hand_built(f, x, n_units, lo=-3.5, hi=3.5, sharpness=20.0):
    r"""What ``n_units`` hidden sigmoid units do by hand: :func:`bumps` with
    ``n_units // 2`` bumps, or, for a single unit, one step from :math:`f(lo)` to
    :math:`f(hi)` at the interval's middle :math:`m`:
    :math:`f(lo) + (f(hi) - f(lo))\,\sigma(s(x - m))` with :math:`s =` ``sharpness`` /
    (hi - lo)."""
    from ..functional import sigmoid

    if n_units >= 2:
        return bumps(f, x, n_units // 2, lo, hi, sharpness)
    left, right = f(np.array(lo)), f(np.array(hi))
    return left + (right - left) * sigmoid(sharpness / (hi - lo) * (x - (lo + hi) / 2))


def fit_one_hidden_layer(f, width, x, n_samples=200, lo=-3.0, hi=3.0, seed=0):
    r"""Train a 1-``width``-1 tanh network, :math:`\hat f(x) = \sum_j v_j \tanh(w_j x + b_j) + c`,
    on ``n_samples`` points drawn uniformly from ``[lo, hi]`` (squared error, L-BFGS,
    scikit-learn's solver for small data sets); return its predictions at ``x``.

    ``seed`` draws the samples and the initial weights.
    """
    from ..estimators import MLPRegressor

    x_train = np.random.default_rng(seed).uniform(lo, hi, (n_samples, 1))
    model = MLPRegressor(hidden_layer_sizes=(width,), activation="tanh", solver="lbfgs",
                         max_iter=2000, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: the iteration budget is fixed
        model.fit(x_train, f(x_train).ravel())
    return model.predict(np.reshape(x, (-1, 1)))
