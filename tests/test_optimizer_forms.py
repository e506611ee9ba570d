"""An optimizer's formula and its in-place form compute the same numbers, bit for bit.

`update` is the formula a student reads; `update_in_place` is what `step` runs, chunk by
chunk, on parameter vectors longer than `optimizers.CHUNK` (a model's flat vector).
"""

import numpy as np
import pytest

import nnlib
from nnlib import optimizers

OPTIMIZERS = {
    "sgd": lambda: nnlib.SGD(0.1),
    "momentum": lambda: nnlib.SGD(0.1, momentum=0.9),
    "nesterov": lambda: nnlib.SGD(0.1, momentum=0.9, nesterov=True),
    "rmsprop": lambda: nnlib.RMSprop(0.01),
    "adam": lambda: nnlib.Adam(0.01),
    "adam, scikit-learn's form": lambda: nnlib.Adam(0.01, fold_bias_correction=True),
}


def _run(optimizer, method, dtype, steps=5, size=1000, seed=0):
    """``steps`` updates of one vector through ``method`` ("update" or "update_in_place")."""
    rng = np.random.default_rng(seed)
    p = rng.standard_normal(size).astype(dtype)
    state = optimizer._new_state(p)
    for _ in range(steps):
        g = rng.standard_normal(size).astype(dtype)
        optimizer.iterations += 1
        getattr(optimizer, method)(p, g, optimizer.learning_rate, state)
    return p, state


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_the_in_place_form_is_the_formula_bit_for_bit(name, dtype):
    p_formula, state_formula = _run(OPTIMIZERS[name](), "update", dtype)
    p_fused, state_fused = _run(OPTIMIZERS[name](), "update_in_place", dtype)
    np.testing.assert_array_equal(p_fused, p_formula)
    for key in state_formula:
        np.testing.assert_array_equal(state_fused[key], state_formula[key])
    assert p_fused.dtype == dtype


def test_adam_has_its_own_in_place_form():
    # the one optimizer whose fused form is measurably faster (benchmarks/bench.py, W1)
    assert nnlib.Adam.update_in_place is not optimizers.Optimizer.update_in_place
    assert nnlib.SGD.update_in_place is optimizers.Optimizer.update_in_place


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_a_long_vector_updated_in_chunks_gets_the_formulas_numbers(name):
    rng = np.random.default_rng(1)
    size = 2 * optimizers.CHUNK + 123  # three chunks, the last one short
    chunked, whole = rng.standard_normal(size), None
    whole = chunked.copy()
    by_step, by_formula = OPTIMIZERS[name](), OPTIMIZERS[name]()
    state = by_formula._new_state(whole)
    for _ in range(4):
        g = rng.standard_normal(size)
        by_step.step([chunked], [g])           # chunk by chunk, update_in_place
        by_formula.iterations += 1
        by_formula.update(whole, g, by_formula.learning_rate, state)  # the formula, at once
    np.testing.assert_array_equal(chunked, whole)


def test_adam_formula_is_the_papers_algorithm():
    """Algorithm 1 of Kingma & Ba written out with NumPy, against Adam.update."""
    rng = np.random.default_rng(2)
    p = rng.standard_normal(50)
    theta, m, v = p.copy(), np.zeros(50), np.zeros(50)
    adam = nnlib.Adam(0.01)
    for t in range(1, 6):
        g = rng.standard_normal(50)
        adam.step([p], [g])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta = theta - 0.01 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    np.testing.assert_allclose(p, theta, rtol=1e-13)
