"""nnlib.grading: the messages a learner sees when a check fails."""

import numpy as np
import pytest

from nnlib.grading import Unavailable, answered, call, choose, same, unpack


def test_placeholders_missing_names_and_unavailable_values_say_which():
    with pytest.raises(AssertionError, match="not done yet"):
        answered(..., "y_hat")
    with pytest.raises(AssertionError, match="returned None: it is not done yet"):
        call(lambda x: None, 1, name="f")
    with pytest.raises(AssertionError, match="has no value: run the cell that defines it"):
        answered(None, "z1")
    with pytest.raises(AssertionError, match="z1 is not defined: the notebook raised"):
        answered(Unavailable("is not defined: the notebook raised NameError"), "z1")


def test_a_learners_exception_exit_or_endless_loop_is_reported_not_raised():
    def broken(x):
        return x @ np.ones((3, 3))

    with pytest.raises(AssertionError, match=r"broken raised ValueError: .*matmul"):
        call(broken, np.ones((2, 2)))

    def leaves():
        raise SystemExit("bye")

    with pytest.raises(AssertionError, match="leaves raised SystemExit: bye"):
        call(leaves)

    def forever():
        while True:
            try:
                pass
            except Exception:  # a learner's handler does not swallow the time limit
                continue

    with pytest.raises(AssertionError, match="did not finish within 0.2 s"):
        call(forever, timeout=0.2)


def test_call_passes_copies_and_says_which_input_was_modified():
    x, w = np.zeros(3), [np.ones(2)]

    def mutate(a, weights):
        weights[0] += 1
        return a

    with pytest.raises(AssertionError, match="modified its input weights in place"):
        call(mutate, x, w)
    assert np.all(w[0] == 1)  # the check's own arrays are untouched
    call(lambda a, weights: a + 1, x, w)  # a function that leaves its inputs alone passes


def test_calling_nnlibs_own_version_is_caught_only_where_forbidden():
    import nnlib.functional

    def borrowed(z):
        return nnlib.functional.softmax(z)

    with pytest.raises(AssertionError, match="calls nnlib.functional.softmax: write it yourself"):
        call(borrowed, np.zeros((1, 2)), own_code=True)
    call(borrowed, np.zeros((1, 2)))


def test_same_explains_shape_value_and_known_mistakes():
    with pytest.raises(AssertionError, match=r"has shape \(3, 2\), expected shape \(3,\)"):
        same(np.ones((3, 2)), np.ones(3), "z")
    with pytest.raises(AssertionError, match=r"at index \(1,\): expected 2, got 5"):
        same([1.0, 5.0], [1.0, 2.0], "z")
    with pytest.raises(AssertionError, match="it looks like the bias is missing"):
        same([1.0, 2.0], [1.5, 2.5], "z", mistakes=[("the bias is missing", [1.0, 2.0])])
    with pytest.raises(AssertionError, match="it looks like A \\(or B\\)"):
        same(1.0, 2.0, "z", mistakes=[("A", 1.0), ("B", 1.0)])
    with pytest.raises(AssertionError, match="grad_W is transposed"):  # named before the shape is
        same(np.ones((2, 3)), np.zeros((3, 2)), "grad_W", mistakes=[("grad_W is transposed", np.ones((2, 3)))])
    with pytest.raises(AssertionError) as error:
        same(2.2, 2.5, "y_hat", reveal=False)
    assert "2.5" not in str(error.value)  # the answer to work out by hand is not given away
    same([1.0, 2.0 + 1e-12], [1.0, 2.0], "z")  # within tolerance: passes


def test_nan_is_reported_without_guessing_a_cause_unless_the_check_knows_it():
    with pytest.raises(AssertionError) as error:
        same([np.nan], [1.0], "p")
    assert str(error.value) == "p contains NaN or infinity."
    with pytest.raises(AssertionError, match="subtract the maximum"):
        same([np.inf], [1.0], "p", nonfinite_hint="subtract the maximum")


def test_float32_row_layouts_and_lists_are_accepted():
    exact = np.array([0.0796281234, 1.5, -2.25])
    same(exact.astype(np.float32), exact, "p")
    with pytest.raises(AssertionError):
        same((exact * 1.001).astype(np.float32), exact, "p")  # float32 is not a licence to be wrong
    same(exact.reshape(1, 3), exact, "z1")
    same([[2.5]], 2.5, "y_hat")
    assert unpack([1, 2], 2, "f") == (1, 2)
    with pytest.raises(AssertionError, match="should return 3 values, got 2"):
        unpack((1, 2), 3, "dense_backward")
    with pytest.raises(AssertionError, match="should return 2 values, got a ndarray"):
        unpack(np.zeros(2), 2, "dropout_forward")


def test_choose_checks_names_and_sets_in_any_container():
    choose([1.0], {1.0}, "diverged")
    choose(np.array(["He", "Xavier"]), {"Xavier", "He"}, "saturating", options=["He", "Xavier"])
    choose(np.str_("He"), "He", "best")
    with pytest.raises(AssertionError, match="not among the choices"):
        choose(3.0, 0.1, "fastest", options=[0.1, 1.0])
    with pytest.raises(AssertionError, match="fastest is not right"):
        choose(1.0, 0.1, "fastest", options=[0.1, 1.0])


def test_otter_shows_the_message_and_not_the_failing_line_of_the_check(tmp_path):
    from otter.test_files.exception_test import ExceptionTestFile

    test = tmp_path / "q.py"
    test.write_text('from otter.test_files import test_case\n\nOK_FORMAT = False\nname = "q"\npoints = 1\n\n'
                    '@test_case(points=None, hidden=False)\ndef test_q(y_hat):\n'
                    '    from nnlib.grading import same\n'
                    '    same(y_hat, 2.0 + 0.5, "y_hat", reveal=False)\n')
    test_file = ExceptionTestFile.from_file(str(test))
    test_file.run({"y_hat": 2.2})
    (result,) = test_file.test_case_results
    assert not result.passed and "y_hat is not right" in result.message
    assert "2.0 + 0.5" not in result.message and "Error at line" not in result.message
