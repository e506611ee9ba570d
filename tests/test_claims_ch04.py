"""Chapter 04's conclusions about the forward pass, re-checked on other seeds.

Each test runs the chapter's own experiment code (its cells tagged ``experiment``) with
the seeds of :data:`claims.SEEDS`.
"""

import numpy as np
import pytest

from claims import SEEDS, chapter_namespace

CHAPTER = "04_forward"


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def batch_of(seed, m=1000):
    return np.random.default_rng(seed).normal(size=(m, 2))


@pytest.mark.parametrize("seed", SEEDS)
def test_row_by_row_and_batch_give_the_same_outputs(ns, seed):
    assert ns["rows_match_batch"](ns["random_network"](seed), batch_of(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_forward_pass_keeps_each_layers_input_and_pre_activation(ns, seed):
    net, X = ns["random_network"](seed), batch_of(seed, 7)
    net.forward(X)
    dense, relu = net.layers[0], net.layers[1]
    assert np.array_equal(dense.x, X)
    assert np.allclose(relu.z, X @ dense.params["W"] + dense.params["b"])


def test_the_batch_speed_up_is_the_per_call_cost(ns):
    """Timing, but only conclusions that hold on any machine: one call on 1,000 rows
    costs little more than one call on one row, and the loop costs about 1,000 calls."""
    net, batch = ns["random_network"](SEEDS[0]), batch_of(SEEDS[0])
    times = ns["forward_times"](net, batch)
    assert times["whole batch"] < 5 * times["one row"]
    assert times["row by row"] > 0.5 * len(batch) * times["one row"]
    assert times["row by row"] > 50 * times["whole batch"]
