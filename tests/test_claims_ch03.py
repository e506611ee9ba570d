"""Chapter 03's conclusions about network architecture, re-checked on other seeds.

Each test runs the chapter's own experiment code (its cells tagged ``experiment``) with
the seeds of :data:`claims.SEEDS`.
"""


import numpy as np
import pytest

from claims import SEEDS, chapter_namespace, notebook_cells

CHAPTER = "03_architecture"


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def cells():
    return notebook_cells(CHAPTER)


def caption(cell_id):
    cell = next(c for c in cells() if c.get("id") == cell_id)
    return cell["metadata"]["mystnb"]["figure"]["caption"]


def sizes_of(model, X):
    return "-".join(str(n) for n in [X.shape[1]] + [W.shape[1] for W in model.coefs_])


@pytest.mark.parametrize("seed", SEEDS)
def test_four_hidden_neurons_solve_xor_and_the_perceptron_does_not(ns, seed):
    X, y = ns["xor_data"](seed)
    assert ns["xor_mlp"](seed).score(X, y) >= 0.98
    perceptron = ns["nnlib"].Perceptron(max_iter=50, shuffle=True, random_state=seed)
    assert perceptron.fit(X, y).score(X, y) <= 0.8  # one line: at most 3 of 4 corners


def test_two_hidden_neurons_solve_xor_on_some_seeds_only(ns):
    solved = [ns["xor_mlp"](seed, 2).score(*ns["xor_data"](seed)) >= 0.98 for seed in SEEDS]
    assert 0 < sum(solved) < len(SEEDS)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_second_layer_builds_a_ring_detector_from_straight_cuts(ns, seed):
    model, X, y = ns["circles_network"](seed)
    assert model.score(X, y) >= 0.97
    first, second = (ns["sign_accuracies"](H, y) for H in ns["hidden_outputs"](model, X))
    assert first.max() < 0.75  # one straight cut cannot separate a disc from a ring
    assert second.max() >= 0.95


def test_sign_accuracies_reads_either_sign_as_either_class(ns):
    y = np.array([0, 0, 1, 1])
    H = np.array([[-1.0, 1.0], [-0.5, 0.5], [0.5, -0.5], [1.0, 0.2]])
    assert ns["sign_accuracies"](H, y).tolist() == [1.0, 0.75]


def test_captions_and_text_name_the_networks_trained(ns):
    model, X, _ = ns["circles_network"](SEEDS[0])
    assert sizes_of(model, X) + " tanh network" in caption("4e6a8c0f")
    mlp = ns["xor_mlp"](SEEDS[0])
    X_xor, _ = ns["xor_data"](SEEDS[0])
    assert mlp.coefs_[0].shape[1] == 4 and "four tanh neurons" in caption("214380b7")
    text = "".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown")
    assert f"a {sizes_of(mlp, X_xor)} network" in text
    assert f"Train a {sizes_of(model, X)} network" in text
