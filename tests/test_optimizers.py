"""One- and two-step closed forms for every optimizer and schedule."""

import math

import numpy as np
import pytest

import nnlib
from nnlib import SGD, Adam, RMSprop, schedules

P0 = np.array([1.0, -2.0, 0.5])
G1 = np.array([0.5, -1.0, 2.0])
G2 = np.array([-0.25, 0.5, 1.0])


def two_steps(optimizer):
    p = P0.copy()
    optimizer.step([p], [G1.copy()])
    after_one = p.copy()
    optimizer.step([p], [G2.copy()])
    return after_one, p


def test_plain_sgd():
    one, two = two_steps(SGD(0.1))
    np.testing.assert_allclose(one, P0 - 0.1 * G1)
    np.testing.assert_allclose(two, P0 - 0.1 * G1 - 0.1 * G2)


def test_sgd_momentum():
    one, two = two_steps(SGD(0.1, momentum=0.9))
    v1 = -0.1 * G1                    # v = mu v - lr g, from v = 0
    v2 = 0.9 * v1 - 0.1 * G2
    np.testing.assert_allclose(one, P0 + v1)
    np.testing.assert_allclose(two, P0 + v1 + v2)


def test_sgd_nesterov():
    one, two = two_steps(SGD(0.1, momentum=0.9, nesterov=True))
    v1 = -0.1 * G1
    v2 = 0.9 * v1 - 0.1 * G2
    np.testing.assert_allclose(one, P0 + 0.9 * v1 - 0.1 * G1)
    np.testing.assert_allclose(two, P0 + 0.9 * v1 - 0.1 * G1 + 0.9 * v2 - 0.1 * G2)


def test_rmsprop():
    one, two = two_steps(RMSprop(0.01, rho=0.9, epsilon=1e-8))
    s1 = 0.1 * G1 ** 2
    s2 = 0.9 * s1 + 0.1 * G2 ** 2
    step1 = 0.01 * G1 / (np.sqrt(s1) + 1e-8)
    np.testing.assert_allclose(one, P0 - step1)
    np.testing.assert_allclose(two, P0 - step1 - 0.01 * G2 / (np.sqrt(s2) + 1e-8))


def test_adam_as_in_the_papers_algorithm_1():
    eps = 1e-3  # large enough that where it enters shows
    one, two = two_steps(Adam(0.01, epsilon=eps))
    m1, v1 = 0.1 * G1, 0.001 * G1 ** 2
    m2, v2 = 0.9 * m1 + 0.1 * G2, 0.999 * v1 + 0.001 * G2 ** 2
    step1 = 0.01 * (m1 / 0.1) / (np.sqrt(v1 / 0.001) + eps)
    step2 = 0.01 * (m2 / (1 - 0.9 ** 2)) / (np.sqrt(v2 / (1 - 0.999 ** 2)) + eps)
    np.testing.assert_allclose(one, P0 - step1)
    np.testing.assert_allclose(two, P0 - step1 - step2)


def test_adam_with_the_bias_correction_folded_into_the_step():
    one, two = two_steps(Adam(0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-8, fold_bias_correction=True))
    m1, v1 = 0.1 * G1, 0.001 * G1 ** 2
    m2, v2 = 0.9 * m1 + 0.1 * G2, 0.999 * v1 + 0.001 * G2 ** 2
    lr1 = 0.01 * math.sqrt(1 - 0.999) / (1 - 0.9)
    lr2 = 0.01 * math.sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2)
    np.testing.assert_allclose(one, P0 - lr1 * m1 / (np.sqrt(v1) + 1e-8))
    np.testing.assert_allclose(two, P0 - lr1 * m1 / (np.sqrt(v1) + 1e-8) - lr2 * m2 / (np.sqrt(v2) + 1e-8))


@pytest.mark.parametrize("fold", [False, True])
def test_adam_first_step_is_the_learning_rate_per_coordinate(fold):
    p = P0.copy()
    Adam(0.01, fold_bias_correction=fold).step([p], [G1.copy()])
    np.testing.assert_allclose(np.abs(p - P0), 0.01, rtol=1e-6)


@pytest.mark.parametrize("optimizer", [SGD(0.1), SGD(0.1, momentum=0.9, nesterov=True),
                                       RMSprop(0.01), Adam(0.01)], ids=repr)
def test_float32_parameters_stay_float32(optimizer):
    p = P0.astype(np.float32)
    optimizer.step([p], [G1.astype(np.float32)])
    optimizer.step([p], [G2.astype(np.float32)])
    assert p.dtype == np.float32
    assert all(v.dtype == np.float32 for _, state in optimizer.state.values() for v in state.values())


def test_long_buffers_updated_in_chunks_give_the_same_result():
    rng = np.random.default_rng(0)
    p = rng.standard_normal(3 * nnlib.optimizers.CHUNK + 5)
    grads = [rng.standard_normal(p.shape) for _ in range(3)]
    whole, chunked = p.reshape(1, -1).copy(), p.copy()  # 2-D: never chunked
    for make in (lambda: Adam(0.01), lambda: Adam(0.01, fold_bias_correction=True),
                 lambda: RMSprop(0.01), lambda: SGD(0.1, momentum=0.9)):
        a, b = make(), make()
        x, y = whole.copy(), chunked.copy()
        for g in grads:
            a.step([x], [g.reshape(1, -1)])
            b.step([y], [g])
        np.testing.assert_allclose(y, x.ravel(), rtol=1e-15, atol=0)


def test_state_is_kept_per_parameter():
    a, b = np.zeros(2), np.zeros(3)
    opt = SGD(1.0, momentum=0.5)
    opt.step([a, b], [np.ones(2), np.ones(3)])
    opt.step([a, b], [np.ones(2), np.zeros(3)])
    np.testing.assert_allclose(a, -1 - 1.5)   # v2 = 0.5 * (-1) - 1
    np.testing.assert_allclose(b, -1 - 0.5)   # v2 = 0.5 * (-1) - 0


@pytest.mark.parametrize("make, name", [
    (lambda: SGD(0.0), "learning_rate"), (lambda: SGD(-1), "learning_rate"),
    (lambda: SGD(float("nan")), "learning_rate"), (lambda: SGD(0.1, momentum=1.5), "momentum"),
    (lambda: Adam(beta_1=1.0), "beta_1"), (lambda: Adam(beta_2=-0.1), "beta_2"),
    (lambda: Adam(epsilon=0), "epsilon"), (lambda: RMSprop(rho=1.0), "rho"),
])
def test_invalid_hyperparameters_name_the_parameter(make, name):
    with pytest.raises(ValueError, match=name):
        make()


def test_mismatched_params_and_grads():
    with pytest.raises(ValueError, match="gradients"):
        SGD(0.1).step([np.zeros(2)], [])


# --- schedules -----------------------------------------------------------------------

@pytest.mark.parametrize("t", [0, 1, 4, 5, 9, 10, 23])
def test_schedules_closed_forms(t):
    assert schedules.Constant(0.1)(t) == 0.1
    assert schedules.StepDecay(0.1, factor=0.5, step_size=5)(t) == pytest.approx(0.1 * 0.5 ** (t // 5))
    assert schedules.ExponentialDecay(0.1, decay_rate=0.2)(t) == pytest.approx(0.1 * math.exp(-0.2 * t))
    assert schedules.InverseTimeDecay(0.1, decay_rate=0.5)(t) == pytest.approx(0.1 / (1 + 0.5 * t))


def test_schedule_drives_the_optimizer_by_epoch():
    opt = SGD(schedules.StepDecay(1.0, factor=0.1, step_size=2))
    p = np.zeros(1)
    for epoch, expected in enumerate([1.0, 1.0, 0.1, 0.1, 0.01]):
        opt.epoch = epoch
        assert opt.learning_rate == pytest.approx(expected)
        before = p.copy()
        opt.step([p], [np.ones(1)])
        np.testing.assert_allclose(before - p, expected)


@pytest.mark.parametrize("make, match", [
    (lambda: schedules.StepDecay(0.1, factor=0), "factor"),
    (lambda: schedules.StepDecay(0.1, step_size=0), "step_size"),
    (lambda: schedules.ExponentialDecay(0.1, decay_rate=-1), "decay_rate"),
    (lambda: schedules.InverseTimeDecay(-0.1), "learning rate"),
])
def test_invalid_schedules(make, match):
    with pytest.raises(ValueError, match=match):
        make()
