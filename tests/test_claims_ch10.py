"""Chapter 10's conclusions, re-checked on other seeds (data, initial weights, dropout
masks and shuffling) with the chapter's own experiment code (its cells tagged
``experiment``)."""

import ast
import inspect
import re

import numpy as np
import pytest
from scipy.stats import spearmanr

import claims
from claims import SEEDS, chapter_namespace, default, notebook_cells

CHAPTER = "10_regularization"


def figure_metadata(name):
    return claims.figure_metadata(CHAPTER, name)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.fixture(scope="module")
def cells():
    return notebook_cells(CHAPTER)


@pytest.fixture(scope="module", params=SEEDS)
def sweep(request, ns):
    return ns["run_sweep"](request.param)


@pytest.fixture(scope="module", params=SEEDS)
def dropout(request, ns):
    return request.param, ns["run_dropout"](request.param)


def test_validation_loss_is_u_shaped_in_width(sweep):
    """'A minimum at a width between 2 and 8 and a rise beyond it.'"""
    val = sweep["validation loss"]
    assert val.idxmin() in (2, 4, 8)
    assert val[1] > val.min() + 0.08  # bias: the straight boundary is worse
    assert val[128] > 1.5 * val.min()  # variance: the widest is far worse


def test_training_loss_falls_by_orders_of_magnitude(sweep):
    train = sweep["training loss"]
    assert train[128] < train[1] / 10
    assert spearmanr(train.index, train.values).statistic < -0.9


def test_the_straight_boundary_fits_new_data_as_well_as_its_own(sweep):
    """Width 1: validation loss close to training loss, error well above the best."""
    assert abs(sweep.loc[1, "validation loss"] - sweep.loc[1, "training loss"]) < 0.06
    best = sweep["validation loss"].idxmin()
    assert sweep.loc[1, "validation error"] > sweep.loc[best, "validation error"] + 0.05


def test_wide_networks_make_confident_mistakes(sweep):
    """Widths 32-128: at most a few points more error than the best network, but well
    above its loss."""
    best = sweep["validation loss"].idxmin()
    wide = sweep[sweep.index >= 32]
    extra_error = wide["validation error"].mean() - sweep.loc[best, "validation error"]
    assert abs(extra_error) < 0.035
    assert wide["validation loss"].mean() > 1.5 * sweep.loc[best, "validation loss"]


def test_dropout_delays_overfitting_without_lowering_the_minimum(dropout):
    seed, runs = dropout
    rates = sorted(runs)
    final = [runs[r]["val_loss"][-1] for r in rates]
    lowest = [min(runs[r]["val_loss"]) for r in rates]
    when = [int(np.argmin(runs[r]["val_loss"])) for r in rates]
    climb = [f - m for f, m in zip(final, lowest)]
    training = [runs[r]["loss"][-1] for r in rates]
    assert final == sorted(final, reverse=True), final
    assert climb == sorted(climb, reverse=True), climb
    assert when == sorted(when), when
    assert training == sorted(training), training
    assert max(lowest) - min(lowest) < 0.05, lowest


def test_early_stopping_keeps_the_best_epoch(ns, dropout):
    seed, runs = dropout
    patience = default(ns, "run_early_stopping", "patience")
    _, history, restored = ns["run_early_stopping"](seed)
    full = runs[0.0]
    assert history.stopped_early and history.epochs == history.best_epoch + 1 + patience
    assert restored == pytest.approx(min(history["val_loss"]))
    assert restored < full["val_loss"][-1]
    # the early-stopped run follows the full one until it stops
    assert history["val_loss"] == pytest.approx(full["val_loss"][:history.epochs])
    # about as good as the dropout networks at their best
    assert restored < min(min(runs[rate]["val_loss"]) for rate in (0.2, 0.5)) + 0.06


def test_panel_text_matches_the_panel():
    """'More dropout keeps the validation loss lower at the end and narrows its gap to the
    training loss. A longer patience only trains longer: in these runs every patience
    restores the same best epoch.' (The panel has one fixed seed.)"""
    from nnlib.experiments import early_stopping_point, regularization_curves

    curves = {rate: regularization_curves(rate) for rate in (0.0, 0.2, 0.5)}
    final = [val[-1] for _, val in curves.values()]
    gap = [val[-1] - train[-1] for train, val in curves.values()]
    assert final == sorted(final, reverse=True) and gap == sorted(gap, reverse=True)
    assert all(len(train) == 300 for train, _ in curves.values())
    patiences = (5, 10, 20, 50)
    points = {rate: [early_stopping_point(val, p) for p in patiences]
              for rate, (_, val) in curves.items()}
    for rate, stops in points.items():
        assert [stop for stop, _ in stops] == sorted(stop for stop, _ in stops)
        assert len({best for _, best in stops}) == 1, (rate, stops)


def test_captions_match_the_experiments(ns, cells):
    split = inspect.signature(ns["moons_split"]).parameters
    n_train, n_val = split["n_train"].default, split["n_val"].default
    intro = "".join(cells[0]["source"])
    assert f"Here: {n_train} training points" in intro
    assert f"and {n_val:,} fresh points" in intro
    assert f"standard deviation {ns['SWEEP_NOISE']}" in intro
    assert f"dropout and\nearly stopping use {ns['DROPOUT_NOISE']}" in intro
    bias = figure_metadata("fig-bias-variance")
    epochs = default(ns, "run_sweep", "epochs")
    assert f"for {epochs:,} epochs on {n_train} two-moons points with noise " \
           f"{ns['SWEEP_NOISE']}" in bias["figure"]["caption"]
    assert "2-w-w-1 tanh" in bias["figure"]["caption"]
    assert f"from 1 to {ns['WIDTHS'][-1]}" in bias["image"]["alt"]
    epochs = default(ns, "train_wide", "epochs")
    width = default(ns, "wide_net", "width")
    drop = figure_metadata("fig-dropout")
    assert f"2-{width}-{width}-2 ReLU network on {n_train} two-moons points with noise " \
           f"{ns['DROPOUT_NOISE']} over {epochs} epochs" in drop["figure"]["caption"]
    assert f"curves over {epochs} epochs" in drop["image"]["alt"]
    stop = figure_metadata("fig-early-stopping")
    patience = default(ns, "run_early_stopping", "patience")
    assert f"patience {patience}" in stop["figure"]["caption"]
    assert f"all {epochs} epochs" in stop["figure"]["caption"]
    assert f"curve over {epochs} epochs" in stop["image"]["alt"]
    assert f"ends {patience} epochs after" in stop["image"]["alt"]


def test_every_glued_number_exists_and_formats(cells):
    """Every {glue:text} in the prose has a stored value that myst-nb can format."""
    glued = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            if "application/papermill.record/text/plain" in output.get("data", {}):
                key = output["metadata"]["scrapbook"]["name"]
                glued[key] = output["data"]["application/papermill.record/text/plain"]
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    used = re.findall(r"\{glue:text\}`([^`:]+):([^`]+)`", prose)
    assert used
    for key, spec in used:
        assert key in glued, key
        format(ast.literal_eval(glued[key]), spec)


@pytest.fixture(scope="module", params=SEEDS)
def bias_variance(request, ns):
    fits = ns["resampled_fits"](request.param)
    return {width: ns["bias_variance"](p) for width, p in fits.items()}


def test_bias_falls_and_variance_rises_with_width(bias_variance):
    """'Width 1's bias^2 is always several times every wider network's, and the variance
    of widths 8 and 64 is above that of widths 1 and 2.'"""
    bias = {width: b for width, (b, _) in bias_variance.items()}
    variance = {width: v for width, (_, v) in bias_variance.items()}
    assert all(bias[1] > 3 * bias[width] for width in bias if width > 1), bias
    assert min(variance[8], variance[64]) > max(variance[1], variance[2]), variance


def test_bias_variance_is_the_squared_error_of_the_fits(ns):
    """Equation (bias-variance): bias^2 + variance = mean squared error against the truth."""
    predictions = ns["resampled_fits"](0, widths=(2,), max_iter=20)[2]
    bias, variance = ns["bias_variance"](predictions)
    error = np.mean((predictions - ns["truth"](ns["GRID"][:, 0])) ** 2)
    assert bias + variance == pytest.approx(error)


@pytest.fixture(scope="module", params=SEEDS)
def decay(request, ns):
    return ns["run_decay"](request.param)


def test_weight_decay_shrinks_the_weights_and_trades_fit_for_generalization(decay):
    """'The weights shrink and the training loss rises with every step of alpha, and the
    validation minimum lies at 0.1 or 1, below both ends.'"""
    assert np.all(np.diff(decay["squared weight norm"]) < 0)
    assert np.all(np.diff(decay["training loss"]) > 0)
    val = decay["validation loss"]
    assert val.idxmin() in (0.1, 1.0)
    assert val.iloc[0] > val.min() + 0.02  # too little: overfits
    assert val.iloc[-1] > val.min() + 0.05  # too much: underfits
    assert decay["training loss"].iloc[-1] > val.min()  # ... on its own training set too


def test_alpha_is_the_l2_penalty_in_both_libraries():
    """Same fit in nnlib and scikit-learn gives the same weights, and scikit-learn's loss_
    is the log-loss plus alpha / (2 m) * sum ||W||^2 (biases excluded)."""
    import warnings

    from sklearn.metrics import log_loss
    from sklearn.neural_network import MLPClassifier
    import nnlib

    X, y = nnlib.datasets.moons(100, noise=0.3, random_state=1)
    settings = dict(hidden_layer_sizes=(8,), alpha=0.5, solver="lbfgs", max_iter=50,
                    random_state=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = nnlib.MLPClassifier(**settings).fit(X, y), MLPClassifier(**settings).fit(X, y)
    for a, b in zip(ours.coefs_ + ours.intercepts_, theirs.coefs_ + theirs.intercepts_):
        np.testing.assert_array_equal(a, b)
    penalty = 0.5 * 0.5 * sum(np.sum(W ** 2) for W in theirs.coefs_) / len(X)
    assert theirs.loss_ == pytest.approx(log_loss(y, theirs.predict_proba(X)) + penalty, rel=1e-10)
    assert ours.loss_ == pytest.approx(theirs.loss_, rel=1e-12)


def test_new_captions_match_the_experiments(ns):
    fits = inspect.signature(ns["resampled_fits"]).parameters
    widths, n_sets = fits["widths"].default, fits["n_sets"].default
    bv = figure_metadata("fig-bias-variance-measured")
    assert f"to {n_sets} training sets" in bv["figure"]["caption"]
    assert f"({len(ns['X_FIT'])} points of sin(3x) plus noise of standard deviation " \
           f"{fits['noise'].default})" in bv["figure"]["caption"]
    assert f"width {widths[0]} and of width {widths[-1]}" in bv["figure"]["caption"]
    assert f"grid of {len(ns['GRID'])}" in bv["figure"]["caption"]
    assert ", ".join(map(str, widths[:-1])) + f" and {widths[-1]}" in bv["image"]["alt"]
    wd = figure_metadata("fig-weight-decay")
    width, epochs = default(ns, "run_decay", "width"), default(ns, "run_decay", "epochs")
    assert f"2-{width}-{width}-1 tanh network trained with Adam for {epochs} epochs on " \
           f"200 two-moons points with noise {ns['DROPOUT_NOISE']}" in wd["figure"]["caption"]
    assert f"alpha from {ns['ALPHAS'][0]:g} to {ns['ALPHAS'][-1]:g}" in wd["figure"]["caption"]
