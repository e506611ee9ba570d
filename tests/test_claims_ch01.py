"""Chapter 01's conclusions about the perceptron, re-checked on other seeds.

Each test runs the chapter's own experiment code (its cells tagged ``experiment``) with
the seeds of :data:`claims.SEEDS`.
"""

import re

import numpy as np
import pytest

from claims import SEEDS, chapter_namespace, notebook_cells

CHAPTER = "01_neuron"


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.fixture(scope="module")
def runs(ns):
    return {seed: ns["perceptron_runs"](seed) for seed in SEEDS}


def caption(cell_id):
    cells = notebook_cells(CHAPTER)
    cell = next(c for c in cells if c.get("id") == cell_id)
    return cell["metadata"]["mystnb"]["figure"]["caption"]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_perceptron_separates_the_clouds_and_stops(runs, seed):
    perceptron, X, y = runs[seed]["separable"]
    assert perceptron.mistakes_[-1] == 0 and perceptron.n_iter_ < perceptron.max_iter
    assert perceptron.score(X, y) == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_on_xor_about_half_the_samples_are_mistakes_every_epoch(runs, seed):
    perceptron, X, y = runs[seed]["xor"]
    assert perceptron.n_iter_ == perceptron.max_iter  # it never stops
    assert min(perceptron.mistakes_) >= 0.25 * len(X)
    assert max(perceptron.mistakes_) <= 0.75 * len(X)
    assert 0.4 * len(X) <= sum(perceptron.mistakes_) / perceptron.n_iter_ <= 0.6 * len(X)


@pytest.mark.parametrize("seed", SEEDS)
def test_in_the_stored_cyclic_order_it_is_worse_than_guessing(runs, seed):
    perceptron, X, y = runs[seed]["xor, stored order"]
    assert min(perceptron.mistakes_) > 0.5 * len(X)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_best_line_gets_three_of_four_xor_clusters(ns, runs, seed):
    perceptron, X, y = runs[seed]["xor"]
    best = ns["best_line_accuracy"](X, y)
    assert best == pytest.approx(0.75, abs=0.02)
    assert perceptron.score(X, y) <= best


def test_best_line_accuracy_finds_a_separating_line(ns, runs):
    _, X, y = runs[SEEDS[0]]["separable"]
    assert ns["best_line_accuracy"](X, y) == 1.0
    assert ns["best_line_accuracy"](X, 1 - y) == 1.0  # either class may be above the line


def test_the_caption_states_the_run_settings(runs):
    text = caption("c3853bfc")
    perceptron, X, _ = runs[SEEDS[0]]["xor"]
    assert f"{len(X)} points" in text
    assert set(re.findall(r"(\d+) epochs", text)) == {str(perceptron.max_iter)}


@pytest.mark.parametrize("seed", SEEDS)
def test_one_update_raises_the_score_by_norm_squared_plus_one_and_turns_w(ns, seed):
    X, y = ns["two_clouds"](seed)
    w, b = np.array([1.0, -1.0]), 0.0
    i, w_new, b_new = ns["first_update"](X, y, w, b)
    t = 2 * y[i] - 1
    assert t * (X[i] @ w + b) <= 0  # it was a mistake
    assert t * (X[i] @ w_new + b_new) - t * (X[i] @ w + b) == pytest.approx(X[i] @ X[i] + 1)
    assert ns["angle"](w_new, t * X[i]) < ns["angle"](w, t * X[i])  # turned toward t x


@pytest.mark.parametrize("seed", SEEDS)
def test_the_step_loss_is_a_staircase_with_zero_gradient(ns, seed):
    X, y = ns["two_clouds"](seed)
    along = ns["loss_along_w1"](X, y, ns["W1_GRID"])
    steps = np.diff(along["step"]["loss"])
    assert np.mean(steps == 0) > 0.9
    jumps = np.abs(steps[steps != 0]) * len(y)
    np.testing.assert_allclose(jumps, np.round(jumps), atol=1e-9)  # whole samples
    assert np.all(along["step"]["gradient"] == 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_sigmoid_loss_changes_on_every_step_and_its_gradient_is_never_zero(ns, seed):
    X, y = ns["two_clouds"](seed)
    along = ns["loss_along_w1"](X, y, ns["W1_GRID"])
    assert np.all(np.diff(along["sigmoid"]["loss"]) != 0)
    assert np.all(np.abs(along["sigmoid"]["gradient"]) > 0)
