"""Chapter 9's conclusions, re-checked on other seeds (data and initial weights) with
the chapter's own experiment code (its cells tagged ``experiment``)."""

import ast
import re

import numpy as np
import pytest

import claims
from claims import SEEDS, chapter_namespace, default, notebook_cells

CHAPTER = "09_challenges"


def figure_metadata(name):
    return claims.figure_metadata(CHAPTER, name)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.fixture(scope="module")
def cells():
    return notebook_cells(CHAPTER)


@pytest.fixture(scope="module", params=SEEDS)
def gradients(request, ns):
    return ns["run_gradients"](request.param)


@pytest.fixture(scope="module", params=SEEDS)
def clipping(request, ns):
    return request.param, ns["run_clipping"](request.param)


def test_predicted_gains_match_the_measured_growth(ns, gradients):
    """'Layer by layer within 30 % on five other seeds, and on average more closely.'"""
    for name, r in gradients.items():
        assert np.all(np.abs(r["growth"] / r["gains"] - 1) < 0.3), name
        assert ns["geometric_mean"](r["growth"]) == pytest.approx(
            ns["geometric_mean"](r["gains"]), rel=0.15), name


def test_sigmoid_vanishes_and_large_weights_explode(ns, gradients):
    """Sigmoid: gain about 1/4, first layer's gradient ~1e-5 of the last's. tanh with
    N(0, 1): gain about 2, the gradient grows toward the input (by ~100 over the layers)."""
    sigmoid, normal = gradients["sigmoid, Xavier"], gradients["tanh, N(0, 1)"]
    assert 0.2 < ns["geometric_mean"](sigmoid["gains"]) < 0.25
    assert sigmoid["weight_grads"][0] / sigmoid["weight_grads"][-1] < 1e-4
    assert np.all(np.diff(sigmoid["weight_grads"]) > 0)  # shrinks toward the input
    assert 1.8 < ns["geometric_mean"](normal["gains"]) < 2.5
    assert normal["weight_grads"][0] / normal["weight_grads"][-1] > 50
    assert np.all(np.diff(normal["weight_grads"][:-1]) < 0)  # grows toward the input


def test_xavier_and_he_keep_the_gradient_level(ns, gradients):
    """'Xavier with tanh ... and He with ReLU keep the product near 1; their weight
    gradients differ between layers by at most a factor of 20 on the other seeds.'"""
    for name in ("tanh, Xavier", "ReLU, He"):
        r = gradients[name]
        assert 0.8 < ns["geometric_mean"](r["gains"]) < 1.1, name
        assert r["weight_grads"].max() / r["weight_grads"].min() < 20, name


def test_clipping_stops_divergence_but_does_not_cure_it(ns, clipping):
    """The table's outcomes and their order, on every seed."""
    seed, runs = clipping
    loss = {key: h["loss"][-1] for key, h in runs.items()}
    diverged = {key for key, h in runs.items() if h.diverged}
    assert diverged == {("N(0, 1)", 0.1, None), ("Xavier", 0.5, None)}
    # clipped N(0, 1): more than a hundred times above the same network unclipped at 0.02,
    # and worse than predicting 0 (the mean square of the targets)
    assert loss[("N(0, 1)", 0.1, 1.0)] > 100 * loss[("N(0, 1)", 0.02, None)]
    assert loss[("N(0, 1)", 0.1, 1.0)] > np.mean(ns["make_task"](seed)[1] ** 2)
    assert loss[("N(0, 1)", 0.1, 1.0)] < runs[("N(0, 1)", 0.1, 1.0)]["loss"][0]
    # clipped Xavier trains well, unclipped at 0.1 better still
    assert loss[("Xavier", 0.1, None)] < loss[("Xavier", 0.5, 1.0)] < 1e-2
    epochs = default(ns, "train_tanh", "epochs")
    assert all(h.epochs == epochs for key, h in runs.items() if key not in diverged)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_large_weights_start_with_a_huge_gradient(ns, seed):
    """'Its first steps are thousands of times shorter than unclipped' (c = 1)."""
    assert ns["initial_gradient_norm"]("normal", seed) > 1000
    assert ns["initial_gradient_norm"]("xavier_normal", seed) < 10


def test_captions_match_the_experiments(ns, cells):
    vanishing = figure_metadata("fig-vanishing")["figure"]["caption"]
    depth, width = default(ns, "deep_net", "depth"), default(ns, "deep_net", "width")
    assert f"four {depth + 1}-layer networks ({depth} hidden layers of {width} units" in vanishing
    assert f"batch of {default(ns, 'make_task', 'n_samples')} samples" in vanishing
    assert len(ns["NETWORKS"]) == 4
    clipping = figure_metadata("fig-clipping")
    text = clipping["figure"]["caption"] + clipping["image"]["alt"]
    assert f"for {default(ns, 'train_tanh', 'epochs')} epochs" in text
    assert f"{depth + 1}-layer tanh network" in text
    assert "global norm of 1" in text and {clip for _, (_, runs) in ns["RUNS"].items()
                                           for _, clip in runs} == {None, 1.0}


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
def speeds(request, ns):
    return request.param, ns["run_speeds"](request.param)


def test_the_imbalance_lasts_through_training(ns, speeds):
    """'The sigmoid network's first layer stays below a thousandth of its last and its loss
    above the tanh and ReLU networks'; with tanh and Xavier or ReLU and He the
    layers' weight gradients differ by less than 20 at every checkpoint.'"""
    seed, runs = speeds
    epochs, norms, sigmoid_loss = runs["sigmoid, Xavier"]
    assert epochs[-1] == default(ns, "layer_speeds", "epochs") and len(epochs) > 5
    assert np.all(norms[:, 0] / norms[:, -1] < 1e-3)
    # no better than predicting 0 everywhere
    assert sigmoid_loss > 0.9 * np.mean(ns["make_task"](seed)[1] ** 2)
    for name in ("tanh, Xavier", "ReLU, He"):
        _, norms, loss = runs[name]
        assert np.all(norms.max(axis=1) / norms.min(axis=1) < 20), name
        assert loss < sigmoid_loss, name


def test_training_caption_matches_the_experiment(ns):
    meta = figure_metadata("fig-vanishing-training")
    epochs, every = default(ns, "layer_speeds", "epochs"), default(ns, "layer_speeds", "every")
    assert f"SGD for {epochs} epochs, measured every {every} epochs" in meta["figure"]["caption"]
    assert f"epoch, 0 to {epochs}" in meta["image"]["alt"]
    assert set(ns["TRAINED"]) == {"sigmoid, Xavier", "tanh, Xavier", "ReLU, He"}
