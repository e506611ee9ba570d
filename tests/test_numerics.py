"""Property-based tests of the numerics: stable for any logit up to ±1e4, dtypes kept."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import activations, functional, losses

settings.register_profile("nnlib", max_examples=60, deadline=None, derandomize=True)
settings.load_profile("nnlib")

LOGITS = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 5)),
                elements=st.floats(-1e4, 1e4, allow_nan=False))
SMALL = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 5)),
               elements=st.floats(-30, 30, allow_nan=False))
ELEMENTWISE = activations.activation_names(elementwise=True)  # every entry but softmax
ROW_WISE = activations.activation_names(elementwise=False)


@given(LOGITS)
def test_softmax_rows_sum_to_one(z):
    np.testing.assert_allclose(functional.softmax(z).sum(axis=1), 1.0, atol=1e-12)


@given(LOGITS, arrays(np.float64, 6, elements=st.floats(-1e3, 1e3)))
def test_softmax_is_shift_invariant(z, shifts):
    shifted = z + shifts[: z.shape[0], None]
    np.testing.assert_allclose(functional.softmax(shifted), functional.softmax(z), atol=1e-12)


@given(SMALL)
def test_log_softmax_and_logsumexp_agree_with_naive_formulas(z):
    np.testing.assert_allclose(functional.log_softmax(z), np.log(functional.softmax(z)), atol=1e-10)
    np.testing.assert_allclose(functional.logsumexp(z), np.log(np.exp(z).sum(axis=1)), rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@given(z=LOGITS)
def test_activations_and_derivatives_finite_without_warnings(dtype, z):
    z = z.astype(dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for name in ELEMENTWISE:
            act = activations.get_activation(name)
            for out in (act(z), act.derivative(z)):
                assert np.all(np.isfinite(out)), name
                assert out.dtype == dtype, name
        for name in ROW_WISE:
            out = activations.get_activation(name)(z)
            assert np.all(np.isfinite(out)) and out.dtype == dtype, name


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@given(z=LOGITS, data=st.data())
def test_losses_finite_for_huge_logits(dtype, z, data):
    z = z.astype(dtype)
    y_bin = data.draw(arrays(np.float64, z.shape, elements=st.sampled_from([0.0, 1.0]))).astype(dtype)
    y_hot = np.eye(z.shape[1], dtype=dtype)[data.draw(st.integers(0, z.shape[1] - 1))]
    y_hot = np.broadcast_to(y_hot, z.shape)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for loss, y in [(losses.BinaryCrossEntropy(), y_bin), (losses.CategoricalCrossEntropy(), y_hot),
                        (losses.MeanSquaredError(), y_bin), (losses.HalfSquaredError(), y_bin)]:
            value, grad = loss.loss(z, y), loss.gradient(z, y)
            assert np.isfinite(value) and np.all(np.isfinite(grad)), loss
            assert grad.dtype == dtype and np.asarray(value).dtype == dtype, loss


@pytest.mark.parametrize("dtype, values", [
    (np.float64, [-1e300, -1e4, -800.0, 800.0, 1e4, 1e300]),
    (np.float32, [-1e30, -1e4, -80.0, 80.0, 1e4, 1e30]),
])
def test_sigmoid_never_overflows(dtype, values):
    z = np.array(values, dtype=dtype)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")  # underflow to 0 is harmless and allowed
        s = functional.sigmoid(z)
    assert s.dtype == dtype
    assert np.all(s[:3] < 1e-30) and np.all(s[:3] >= 0)
    np.testing.assert_array_equal(s[3:], 1)


@given(arrays(np.float64, 20, elements=st.floats(-40, 40)))
def test_sigmoid_is_a_monotone_symmetric_probability(z):
    s = functional.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    order = np.argsort(z)
    assert np.all(np.diff(s[order]) >= 0)
    np.testing.assert_allclose(functional.sigmoid(-z), 1 - s, atol=1e-15)


def test_largest_slopes_sigmoid_quarter_tanh_one():
    z = np.linspace(-6, 6, 12001)  # contains 0 exactly
    slope = activations.sigmoid_derivative(z)
    assert slope.max() == 0.25 and z[slope.argmax()] == 0
    assert activations.tanh_derivative(z).max() == 1.0


@given(LOGITS)
def test_float32_in_float32_out_for_functional_ops(z):
    z = z.astype(np.float32)
    for fn in (functional.sigmoid, functional.softmax, functional.log_softmax,
               functional.logsumexp, functional.softplus):
        assert fn(z).dtype == np.float32


def test_lists_and_numbers_are_accepted():
    assert activations.sigmoid(0) == 0.5
    np.testing.assert_array_equal(activations.relu([-1, 2]), [0.0, 2.0])
    np.testing.assert_array_equal(activations.step([-0.5, 0]), [0.0, 1.0])
    np.testing.assert_allclose(functional.softmax([0.0, 0.0]), [0.5, 0.5])
    assert losses.mean_squared_error([1.0, 2.0], [1, 3]) == 0.5
    assert losses.categorical_cross_entropy([[0.0, 0.0]], [[1, 0]]) == np.log(2)
