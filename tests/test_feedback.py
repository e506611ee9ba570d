"""nnlib.grading: the messages a learner sees when a check fails."""

import numpy as np
import pytest

from nnlib.grading import answered, call, choose, same


def test_placeholders_are_reported_as_not_done():
    with pytest.raises(AssertionError, match="not done yet"):
        answered(..., "y_hat")
    with pytest.raises(AssertionError, match="returned None: it is not done yet"):
        call(lambda x: None, 1, name="f")


def test_a_learners_exception_or_endless_loop_is_reported_not_raised():
    def broken(x):
        return x @ np.ones((3, 3))

    with pytest.raises(AssertionError, match=r"broken raised ValueError: .*matmul"):
        call(broken, np.ones((2, 2)))

    def forever():
        while True:
            pass

    with pytest.raises(AssertionError, match="did not finish within 0.2 s"):
        call(forever, timeout=0.2)


def test_call_passes_copies_so_inputs_cannot_be_changed():
    x = np.zeros(3)

    def mutate(a):
        a += 1
        return a

    call(mutate, x)
    assert np.all(x == 0)


def test_same_explains_shape_value_and_known_mistakes():
    with pytest.raises(AssertionError, match=r"has shape \(3, 1\), expected shape \(3,\)"):
        same(np.ones((3, 1)), np.ones(3), "z")
    with pytest.raises(AssertionError, match=r"at index \(1,\): expected 2, got 5"):
        same([1.0, 5.0], [1.0, 2.0], "z")
    with pytest.raises(AssertionError, match="it looks like the bias is missing"):
        same([1.0, 2.0], [1.5, 2.5], "z", mistakes=[("the bias is missing", [1.0, 2.0])])
    with pytest.raises(AssertionError) as error:
        same(2.2, 2.5, "y_hat", reveal=False)
    assert "2.5" not in str(error.value)  # the answer to work out by hand is not given away
    with pytest.raises(AssertionError, match="NaN or infinity"):
        same([np.nan], [1.0], "p")
    same([1.0, 2.0 + 1e-12], [1.0, 2.0], "z")  # within tolerance: passes


def test_choose_checks_names_and_sets():
    choose([1.0], {1.0}, "diverged")
    with pytest.raises(AssertionError, match="not among the choices"):
        choose(3.0, 0.1, "fastest", options=[0.1, 1.0])
    with pytest.raises(AssertionError, match="fastest is not right"):
        choose(1.0, 0.1, "fastest", options=[0.1, 1.0])
