"""Grading helpers for the graded exercises: checks that say what is wrong.

The exercises' tests (``exercises/tests/``) are built from these helpers. A failed check
raises an ``AssertionError`` whose message says what was expected, what was found and,
for the mistakes an exercise anticipates, names the mistake. A learner's function that
raises, exits, runs forever, modifies its inputs or calls nnlib's own version is reported
as such, never as a crash of the check. No message shows a line of a check's source:
importing this module stops otter from echoing the failing line of a test.
"""

import copy
import contextlib
import inspect
import pathlib
import signal
import sys
import threading

import numpy as np

__all__ = ["NOT_DONE", "Unavailable", "answered", "call", "same", "choose", "unpack"]

NOT_DONE = "not done yet: replace the ... with your answer"
_NNLIB = pathlib.Path(__file__).resolve().parent


class Unavailable:
    """Stands for a learner's name that the grader could not obtain; says why."""

    def __init__(self, reason):
        self.reason = reason


def answered(value, name):
    """``value`` itself, unless it is still the ``...`` placeholder, None or unavailable."""
    _hide_check_source()
    if value is ...:
        raise AssertionError(f"{name} is {NOT_DONE}.")
    if isinstance(value, Unavailable):
        raise AssertionError(f"{name} {value.reason}")
    if value is None:
        raise AssertionError(f"{name} has no value: run the cell that defines it "
                             "(if that cell raised an error, fix the error first).")
    return value


class _TimeUp(BaseException):
    """Not an ``Exception``, so that a learner's ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the code inside after ``seconds`` (Unix main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _watch_for_nnlib(found):
    """Record in ``found`` the first nnlib function (other than this module) called inside."""
    own = pathlib.Path(__file__).resolve()

    def profile(frame, event, arg):
        if event == "call" and len(found) < 5:
            path = pathlib.Path(frame.f_code.co_filename)
            if (path.parent == _NNLIB or _NNLIB in path.parents) and path.resolve() != own:
                found.append(f"nnlib.{path.stem}.{frame.f_code.co_name}")

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(previous)


def _snapshot(value):
    """A deep copy of ``value`` to compare with after a call (None if it cannot be copied)."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return None


def _unchanged(before, after):
    """Whether ``after`` still equals the copy ``before`` (arrays, lists, dicts, numbers)."""
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and np.array_equal(
            before, after, equal_nan=before.dtype.kind in "fc")
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_unchanged(b, a) for b, a in zip(before, after))
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(_unchanged(before[k], after[k]) for k in before)
    return True


def _argument_names(function, count):
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(count)]


def call(function, *args, name=None, timeout=5.0, own_code=False, **kwargs):
    """Call a learner's function; report an exception, an exit, a time-out, a missing
    return, a modified input and (with ``own_code=True``) a call to nnlib's own version.

    The function receives copies of the arrays, lists and dicts among ``args``, so what the
    check compares with cannot change; the copies are compared with the originals after
    the call to catch a function that modifies its inputs in place.
    """
    name = name or getattr(function, "__name__", "your function")
    answered(function, name)
    if not callable(function):
        raise AssertionError(f"{name} should be a function, got a {type(function).__name__}.")
    given = [copy.deepcopy(a) if isinstance(a, (np.ndarray, list, dict)) else a for a in args]
    before = [_snapshot(a) if isinstance(a, (np.ndarray, list, dict)) else None for a in given]
    found, failure = [], None
    try:
        with _time_limit(timeout), (_watch_for_nnlib(found) if own_code else contextlib.nullcontext()):
            result = function(*given, **kwargs)
    except _TimeUp:
        failure = f"{name} did not finish within {timeout:g} s: is there an endless loop?"
    except BaseException as error:  # the learner's code failed or exited: say how, do not crash the check
        failure = f"{name} raised {type(error).__name__}: {error}"
    if found:  # name the function called, not a decorator's wrapper around it
        called = next((f for f in found if not f.startswith("nnlib.backend.")
                       and not f.endswith((".wrapper", ".<lambda>"))), found[0])
        raise AssertionError(f"{name} calls {called}: write it yourself with NumPy, "
                             "without nnlib's own version.")
    if failure:
        raise AssertionError(failure)
    for argument, old, new in zip(_argument_names(function, len(given)), before, given):
        if old is not None and not _unchanged(old, new):
            raise AssertionError(f"{name} modified its input {argument} in place: "
                                 "compute new arrays instead of changing the ones passed in.")
    if result is None or result is ...:
        raise AssertionError(f"{name} returned {result!r}: it is {NOT_DONE} "
                             "(or a return statement is missing).")
    return result


def unpack(result, count, name):
    """The ``count`` values of a returned tuple (a list or another sequence unpacks the same)."""
    if isinstance(result, (str, bytes, dict, np.ndarray)) or not hasattr(result, "__len__"):
        raise AssertionError(f"{name} should return {count} values, got a {type(result).__name__}.")
    if len(result) != count:
        raise AssertionError(f"{name} should return {count} values, got {len(result)}.")
    return tuple(result)


def _as_numbers(value, name):
    try:
        array = np.asarray(value)
        if array.dtype.kind not in "biuf":
            array = array.astype(float)
    except (TypeError, ValueError):
        raise AssertionError(f"{name} should be a number or an array of numbers, "
                             f"got {type(value).__name__} {str(value)[:80]}") from None
    return array


def _close(got, expected, rtol, atol):
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def same(got, expected, name, rtol=1e-6, atol=1e-8, mistakes=(), hint=None, reveal=True,
         nonfinite_hint=None):
    """Check that ``got`` equals ``expected`` (numbers or arrays) within tolerance.

    A float32 (or float16) answer is compared at its own precision; an answer whose shape
    differs from the expected one only by axes of length 1 (a row ``(1, 3)`` for ``(3,)``)
    is accepted.

    Parameters
    ----------
    mistakes : sequence of (description, wrong_value)
        Answers that common mistakes produce: if ``got`` matches one, the message names
        the mistake (checked before the shape, so a transposed answer is named as such).
    hint : str, optional
        Added to the message when the answer is wrong in some other way.
    reveal : bool
        Whether the message may show the expected value (not for answers to work out
        by hand, where it would give the answer away).
    nonfinite_hint : str, optional
        What a NaN or an infinity in ``got`` most likely means in this check.
    """
    got = _as_numbers(answered(got, name), name)
    expected = np.asarray(expected, dtype=float)
    if got.dtype.kind == "f" and got.dtype.itemsize < 8:
        rtol, atol = max(rtol, 100 * float(np.finfo(got.dtype).eps)), max(atol, 1e-6)
    got = got.astype(float)
    if got.shape != expected.shape and got.size == expected.size and np.squeeze(got).shape == np.squeeze(expected).shape:
        got = got.reshape(expected.shape)
    if _close(got, expected, rtol, atol):
        return
    matches = [d for d, wrong in mistakes if _close(got, np.asarray(wrong, dtype=float), rtol, atol)]
    if matches:
        others = "".join(f" (or {m})" for m in matches[1:])
        raise AssertionError(f"{name} is not right: it looks like {matches[0]}{others}.")
    if got.shape != expected.shape:
        advice = " (the right numbers, arranged differently? check which axis is which)" if (
            got.size == expected.size and got.size > 1) else ""
        raise AssertionError(f"{name} has shape {got.shape}, expected shape {expected.shape}{advice}.")
    if not np.all(np.isfinite(got)):
        raise AssertionError(f"{name} contains NaN or infinity." + (f" {nonfinite_hint}" if nonfinite_hint else ""))
    difference = np.abs(got - expected)
    where = np.unravel_index(np.argmax(difference), got.shape)
    at = f" at index {tuple(int(i) for i in where)}" if got.ndim else ""
    if reveal:
        message = f"{name} is not right{at}: expected {expected[where]:.6g}, got {got[where]:.6g}."
    else:
        message = f"{name} is not right{at}: {got[where]:.6g} is not the value it should be."
    raise AssertionError(message + (f" Hint: {hint}" if hint else ""))


def _plain(value):
    """NumPy scalars and arrays as Python values, so that ``np.str_('He') == 'He'`` and
    an array of names compares as a list."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_plain(v) for v in value)
    return value


def choose(got, expected, name, options=None, hint=None):
    """Check a non-numeric answer (a name, a set of names): equal to ``expected``."""
    got = _plain(answered(got, name))
    several = isinstance(got, (list, set, tuple, frozenset))
    if options is not None:
        unknown = [g for g in (got if several else [got]) if g not in options]
        if unknown:
            raise AssertionError(f"{name}: {unknown} {'is' if len(unknown) == 1 else 'are'} not among "
                                 f"the choices {list(options)}.")
    if isinstance(expected, (set, frozenset)):
        got, expected = set(got) if several else {got}, set(expected)
    if got != expected:
        raise AssertionError(f"{name} is not right: got {got!r}." + (f" Hint: {hint}" if hint else ""))


def _message_without_source(self, excp, context=0):
    """otter's failure message with the test's failing line left out: that line may hold
    a reference value the learner has to work out."""
    return f"{type(excp).__name__}: {str(excp).strip(chr(39))}"


def _hide_check_source():
    otter_tests = sys.modules.get("otter.test_files.exception_test")
    if otter_tests is not None:
        otter_tests.ExceptionTestFile._generate_error_message = _message_without_source


_hide_check_source()
