"""Feedback for the graded exercises: checks that say what is wrong.

The exercises' tests (``exercises/tests/``) are built from these helpers. A failed check
raises an ``AssertionError`` whose message says what was expected, what was found and,
for the common mistakes an exercise anticipates, a hint. A learner's function that raises
or runs forever is reported as such, never as a crash of the check; an answer still at
its ``...`` placeholder is reported as not done yet.
"""

import contextlib
import signal
import threading

import numpy as np

__all__ = ["NOT_DONE", "answered", "call", "same", "choose"]

NOT_DONE = "not done yet: replace the ... with your answer"


def answered(value, name):
    """``value`` itself, unless it is still the ``...`` placeholder (or None)."""
    if value is ... or value is None:
        raise AssertionError(f"{name} is {NOT_DONE}.")
    return value


@contextlib.contextmanager
def _time_limit(seconds, name):
    """Stop the code inside after ``seconds`` (Unix main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"{name} did not finish within {seconds:g} s: is there an endless loop?")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call(function, *args, name=None, timeout=10.0, **kwargs):
    """Call a learner's function; report an exception, a time-out or a missing return.

    Arrays among ``args`` are passed as copies, so a function that modifies its inputs
    cannot change what the check compares with.
    """
    name = name or getattr(function, "__name__", "your function")
    answered(function, name)
    if not callable(function):
        raise AssertionError(f"{name} should be a function, got a {type(function).__name__}.")
    args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        with _time_limit(timeout, name):
            result = function(*args, **kwargs)
    except Exception as error:  # the learner's code failed: say how, do not crash the check
        raise AssertionError(f"{name} raised {type(error).__name__}: {error}") from None
    if result is None or result is ...:
        raise AssertionError(f"{name} returned {result!r}: it is {NOT_DONE} "
                             "(or a return statement is missing).")
    return result


def _as_numbers(value, name):
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"{name} should be a number or an array of numbers, "
                             f"got {type(value).__name__} {str(value)[:80]}") from None
    return array


def same(got, expected, name, rtol=1e-6, atol=1e-8, mistakes=(), hint=None, reveal=True):
    """Check that ``got`` equals ``expected`` (numbers or arrays) within tolerance.

    Parameters
    ----------
    mistakes : sequence of (description, wrong_value)
        Answers that common mistakes produce: if ``got`` matches one, the message names
        the mistake.
    hint : str, optional
        Added to the message when the answer is wrong in some other way.
    reveal : bool
        Whether the message may show the expected value (not for answers to work out
        by hand, where it would give the answer away).
    """
    got = _as_numbers(answered(got, name), name)
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        if got.size == expected.size and got.size > 1:
            advice = " (the right numbers, arranged differently? check which axis is which)"
        else:
            advice = ""
        raise AssertionError(f"{name} has shape {got.shape}, expected shape {expected.shape}{advice}.")
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        raise AssertionError(f"{name} contains NaN or infinity: {np.array2string(got, precision=4)}. "
                             "Large exponentials overflow: subtract the maximum first?")
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return
    for description, wrong in mistakes:
        wrong = np.asarray(wrong, dtype=float)
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=rtol, atol=atol):
            raise AssertionError(f"{name} is not right: it looks like {description}.")
    difference = np.abs(got - expected)
    where = np.unravel_index(np.argmax(difference), got.shape)
    at = f" at index {tuple(int(i) for i in where)}" if got.ndim else ""
    if reveal:
        message = f"{name} is not right{at}: expected {expected[where]:.6g}, got {got[where]:.6g}."
    else:
        message = f"{name} is not right{at}: {got[where]:.6g} is not the value it should be."
    raise AssertionError(message + (f" Hint: {hint}" if hint else ""))


def choose(got, expected, name, options=None, hint=None):
    """Check a non-numeric answer (a name, a set of names): equal to ``expected``."""
    got = answered(got, name)
    if options is not None:
        unknown = [g for g in (got if isinstance(got, (list, set, tuple)) else [got]) if g not in options]
        if unknown:
            raise AssertionError(f"{name}: {unknown} {'is' if len(unknown) == 1 else 'are'} not among "
                                 f"the choices {list(options)}.")
    if isinstance(expected, (set, frozenset)):
        got, expected = set(got) if isinstance(got, (list, set, tuple)) else {got}, set(expected)
    if got != expected:
        raise AssertionError(f"{name} is not right: got {got!r}." + (f" Hint: {hint}" if hint else ""))
