"""Argument checks, written as tables of constraints (as scikit-learn's
``_parameter_constraints`` are).

Every public function and class of nnlib checks its arguments before it changes
anything, and a bad one gets one kind of message, naming the argument, what was
expected and what came::

    check(rate, "rate", Interval(float, 0, 1, closed="left"))
    # ValueError: rate must be a number in [0, 1), got 1.5

A constraint is an :class:`Interval`, a :class:`ListOf`, a set of allowed values,
``None`` (the value may be None) or a type (the value may be any instance of it).
"""

import math
import numbers

__all__ = ["Interval", "ListOf", "check", "check_all", "POSITIVE_INT", "NON_NEGATIVE_INT",
           "POSITIVE", "NON_NEGATIVE", "UNIT_INTERVAL", "FINITE"]


class Interval:
    """Numbers of one kind (``int`` or ``float``) between ``low`` and ``high``.

    ``closed`` says which ends belong to it: ``"both"``, ``"left"``, ``"right"`` or
    ``"neither"``; a missing end (None) is unbounded. NaN, infinities and booleans
    never belong to an interval.
    """

    def __init__(self, kind, low=None, high=None, closed="both"):
        self.kind, self.low, self.high, self.closed = kind, low, high, closed

    def __contains__(self, value):
        abstract = numbers.Integral if self.kind is int else numbers.Real
        if isinstance(value, bool) or not isinstance(value, abstract) or not math.isfinite(value):
            return False
        left_ok = self.low is None or value > self.low or (
            value == self.low and self.closed in ("both", "left"))
        right_ok = self.high is None or value < self.high or (
            value == self.high and self.closed in ("both", "right"))
        return left_ok and right_ok

    def convert(self, value):
        return int(value) if self.kind is int else float(value)

    def __str__(self):
        if self.kind is int and self.high is None and self.closed in ("both", "left") \
                and self.low in (0, 1):
            return "a positive integer" if self.low == 1 else "a non-negative integer"
        what = "an integer" if self.kind is int else "a finite number"
        if self.low is not None and self.high is not None:
            left = "[" if self.closed in ("both", "left") else "("
            right = "]" if self.closed in ("both", "right") else ")"
            return f"{what.replace('finite ', '')} in {left}{self.low}, {self.high}{right}"
        if self.low is not None:
            return f"{what} {'>=' if self.closed in ('both', 'left') else '>'} {self.low}"
        if self.high is not None:
            return f"{what} {'<=' if self.closed in ('both', 'right') else '<'} {self.high}"
        return "a finite number" if self.kind is float else what


class ListOf:
    """A sequence (not a string) of at least ``min_length`` items, each in ``item``."""

    def __init__(self, item, min_length=0):
        self.item, self.min_length = item, min_length

    def __contains__(self, value):
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
            return False
        return len(value) >= self.min_length and all(v in self.item for v in value)

    def convert(self, value):
        return [self.item.convert(v) for v in value]

    def __str__(self):
        at_least = f"at least {self.min_length} " if self.min_length else ""
        return f"a sequence of {at_least}items, each {self.item}"


POSITIVE_INT = Interval(int, 1)
NON_NEGATIVE_INT = Interval(int, 0)
POSITIVE = Interval(float, 0, closed="neither")
NON_NEGATIVE = Interval(float, 0)
UNIT_INTERVAL = Interval(float, 0, 1, closed="left")  # rates, momentum, betas: [0, 1)
FINITE = Interval(float)


def _satisfies(value, constraint):
    if constraint is None:
        return value is None
    if isinstance(constraint, type):
        return isinstance(value, constraint)
    if isinstance(constraint, (set, frozenset)):
        try:
            return value in constraint
        except TypeError:  # an unhashable value is in no set
            return False
    return value in constraint


def _describe(constraint):
    if constraint is None:
        return "None"
    if isinstance(constraint, type):
        return f"a {constraint.__module__}.{constraint.__name__}"
    if isinstance(constraint, (set, frozenset)):
        values = sorted(repr(v) for v in constraint)
        return values[0] if len(values) == 1 else "one of " + ", ".join(values)
    return str(constraint)


def check(value, name, *constraints):
    """Return ``value`` (an int or float for a number) if it meets one of ``constraints``.

    Raises
    ------
    ValueError
        ``"<name> must be <what the constraints allow>, got <value>"``.
    """
    for constraint in constraints:
        if _satisfies(value, constraint):
            return constraint.convert(value) if hasattr(constraint, "convert") else value
    expected = " or ".join(_describe(c) for c in constraints)
    raise ValueError(f"{name} must be {expected}, got {value!r}")


def check_all(values, constraints):
    """Check every ``name: value`` of ``values`` against ``constraints[name]`` (a list of
    constraints); returns the checked values."""
    return {name: check(value, name, *constraints[name]) for name, value in values.items()}
