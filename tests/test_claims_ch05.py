"""Chapter 5's conclusions, re-checked with the chapter's own code (other seeds, other logits)."""

import numpy as np
import pytest

from claims import SEEDS, chapter_namespace

CHAPTER = "05_losses"


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.mark.parametrize("seed", SEEDS)
def test_cross_entropy_gradient_is_p_minus_y(ns, seed):
    """'A centred finite difference confirms it', for other random logits and labels."""
    assert ns["check_ce_gradient"](seed) < 1e-8
    assert ns["check_ce_gradient"](seed, n=7, k=4) < 1e-8


def test_squared_error_gradient_is_what_the_chapter_says(ns):
    """The chapter's squared-error gradient is d/dz of (sigmoid(z) - y)^2 / 2, and its
    cross-entropy gradient is sigmoid(z) - y (centred differences, per sample)."""
    z = np.linspace(-10, 10, 41)
    for y in (0.0, 1.0):
        cross_entropy, squared = ns["logit_gradients"](z, y)
        sigmoid = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
        h = 1e-5
        se = lambda t: 0.5 * (sigmoid(t) - y) ** 2  # noqa: E731
        ce = lambda t: -(y * np.log(sigmoid(t)) + (1 - y) * np.log(1 - sigmoid(t)))  # noqa: E731
        np.testing.assert_allclose(squared, (se(z + h) - se(z - h)) / (2 * h), atol=1e-9)
        np.testing.assert_allclose(cross_entropy, (ce(z + h) - ce(z - h)) / (2 * h), atol=1e-7)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_confidently_wrong_squared_error_barely_pushes(ns, y):
    """'Exactly when the network most needs correcting, squared error hardly pushes, while
    cross-entropy pushes with its full strength of almost 1.'"""
    wrong = np.linspace(-20, -4, 33) * (1 if y == 1.0 else -1)  # logits on the wrong side
    cross_entropy, squared = ns["logit_gradients"](wrong, y)
    assert np.all(np.abs(cross_entropy) > 0.98)
    assert np.all(np.abs(squared) < 0.02 * np.abs(cross_entropy))
    # and the weaker the more confident the mistake
    order = np.argsort(np.abs(wrong))
    assert np.all(np.diff(np.abs(squared)[order]) < 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_training_race_cross_entropy_learns_ten_times_sooner(ns, seed):
    """'Cross-entropy always gets there in under 30 epochs, squared error always takes
    more than ten times as long' (both start confidently wrong, output above 0.98)."""
    race = ns["training_race"](seed)
    fast = ns["epochs_to_half"](race["cross-entropy"][1])
    slow = ns["epochs_to_half"](race["squared error"][1])
    assert race["cross-entropy"][1][0] > 0.98
    np.testing.assert_allclose(race["cross-entropy"][1][0], race["squared error"][1][0])
    assert fast is not None and fast < 30
    assert slow is not None and slow > 10 * fast, (fast, slow)


def test_training_race_recovers_the_output_from_the_loss(ns):
    """The outputs plotted are the neuron's real outputs: replaying cross-entropy's run
    by hand (z = w + b, step 0.15 (p - y) on both) gives the same curve."""
    race = ns["training_race"](0, epochs=50)
    w, b = np.random.default_rng(0).uniform(2, 3, size=2)
    outputs = []
    for _ in range(50):
        p = 1 / (1 + np.exp(-(w + b)))
        outputs.append(p)
        w, b = w - 0.15 * p, b - 0.15 * p
    np.testing.assert_allclose(race["cross-entropy"][1], outputs, rtol=1e-9)
    p = 1 / (1 + np.exp(-sum(np.random.default_rng(0).uniform(2, 3, size=2))))
    np.testing.assert_allclose(race["squared error"][1][0], p, rtol=1e-9)


def test_softmax_formula_and_its_stable_form(ns):
    """Softmax is shift-invariant and equals the sigmoid for two classes; the shifted
    form is finite where the raw formula overflows."""
    f = ns["functional"]
    z = np.random.default_rng(0).normal(size=(4, 5))
    np.testing.assert_allclose(f.softmax(z), np.exp(z) / np.exp(z).sum(1, keepdims=True))
    np.testing.assert_allclose(f.softmax(z + 700), f.softmax(z))
    pair = np.array([[1.3, -0.4]])
    np.testing.assert_allclose(f.softmax(pair)[0, 0], f.sigmoid(1.7))
    big = np.array([[1000.0, 999.0, 0.0]])
    assert np.all(np.isfinite(f.softmax(big)))
    np.testing.assert_allclose(f.logsumexp(big).item(), 1000 + np.log(1 + np.exp(-1)))
