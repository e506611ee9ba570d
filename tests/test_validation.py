"""nnlib.validation: argument checks as tables of constraints.

A bad argument gets one kind of message, naming the argument, what was expected and
what came; booleans, NaN and infinities are never numbers of an interval.
"""

import math
import re

import numpy as np
import pytest

from nnlib.validation import (FINITE, NON_NEGATIVE, NON_NEGATIVE_INT, POSITIVE, POSITIVE_INT,
                              UNIT_INTERVAL, Interval, ListOf, check, check_all)


# --- Interval -------------------------------------------------------------------------

@pytest.mark.parametrize("closed, low_in, high_in", [
    ("both", True, True), ("left", True, False), ("right", False, True), ("neither", False, False),
])
def test_interval_ends_belong_as_closed_says(closed, low_in, high_in):
    interval = Interval(float, 0, 1, closed=closed)
    assert (0 in interval, 1 in interval) == (low_in, high_in)
    assert 0.5 in interval and -1e-12 not in interval and 1 + 1e-12 not in interval


@pytest.mark.parametrize("value", [True, False, math.nan, math.inf, -math.inf, np.nan,
                                   np.float32("inf"), "1", None, [1], 1 + 0j])
def test_booleans_nan_infinities_and_non_numbers_are_in_no_interval(value):
    assert value not in Interval(float) and value not in Interval(int)


def test_integer_intervals_take_integers_of_any_kind_and_no_floats():
    assert 3 in POSITIVE_INT and np.int64(3) in POSITIVE_INT and np.uint8(3) in POSITIVE_INT
    assert 3.0 not in POSITIVE_INT and 2.5 not in POSITIVE_INT
    assert 0 not in POSITIVE_INT and 0 in NON_NEGATIVE_INT and -1 not in NON_NEGATIVE_INT


def test_number_intervals_take_ints_and_numpy_floats():
    assert 2 in POSITIVE and np.float32(0.5) in UNIT_INTERVAL and np.int64(0) in NON_NEGATIVE
    assert 0 not in POSITIVE and 0 in NON_NEGATIVE and 1 not in UNIT_INTERVAL and 0 in UNIT_INTERVAL
    assert -1e300 in FINITE and 1e300 in FINITE


def test_a_missing_end_is_unbounded():
    assert 1e300 in Interval(float, 0) and -1e300 in Interval(float, None, 0)
    assert -1e300 not in Interval(float, 0) and 1e-300 not in Interval(float, None, 0, closed="left")


@pytest.mark.parametrize("interval, says", [
    (UNIT_INTERVAL, r"number in \[0, 1\)$"), (Interval(float, 0, 1, "neither"), r"number in \(0, 1\)$"),
    (Interval(int, 2, 5), r"integer in \[2, 5\]$"), (Interval(float, -1, 1, "right"), r"number in \(-1, 1\]$"),
    (POSITIVE_INT, r"(positive integer|integer >= 1)$"),
    (NON_NEGATIVE_INT, r"(non-negative integer|integer >= 0)$"),
    (POSITIVE, r"number > 0$"), (NON_NEGATIVE, r"number >= 0$"),
    (Interval(float, None, 3), r"number <= 3$"), (Interval(float, None, 3, "left"), r"number < 3$"),
    (FINITE, r"^a finite number$"), (Interval(int), r"^an integer$"),
])
def test_an_interval_says_what_it_holds(interval, says):
    """Its kind, and its ends with the brackets of the ends that belong to it."""
    assert re.search(says, str(interval)), str(interval)


# --- ListOf ---------------------------------------------------------------------------

def test_list_of_takes_sequences_of_good_items_of_the_least_length():
    sizes = ListOf(POSITIVE_INT, min_length=2)
    for good in ([3, 4], (3, 4, 5), np.array([3, 4]), range(1, 4)):
        assert good in sizes, good
    for bad in ([3], [], [3, 0], [3, 2.5], [3, True], "34", b"34", iter([3, 4]), 34, None):
        assert bad not in sizes, bad
    assert [] in ListOf(POSITIVE_INT)  # min_length 0 by default


def test_list_of_converts_every_item_and_says_what_it_holds():
    sizes = ListOf(POSITIVE_INT, min_length=2)
    converted = sizes.convert(np.array([3, 4]))
    assert converted == [3, 4] and all(type(v) is int for v in converted)
    assert str(sizes) == f"a sequence of at least 2 items, each {POSITIVE_INT}"


# --- check ------------------------------------------------------------------------------

def test_check_returns_the_value_as_a_python_number():
    assert check(np.int64(3), "epochs", POSITIVE_INT) == 3
    assert type(check(np.int64(3), "epochs", POSITIVE_INT)) is int
    assert type(check(1, "momentum", FINITE)) is float  # an int given for a float stays a float
    assert type(check(np.float32(0.5), "rate", UNIT_INTERVAL)) is float


def must(name, constraint, value):
    """The one message of a bad argument, as a regular expression."""
    return rf"^{name} must be {re.escape(str(constraint))}, got {re.escape(repr(value))}$"


def test_the_message_names_the_argument_the_expectation_and_the_value():
    with pytest.raises(ValueError) as error:
        check(1.5, "rate", UNIT_INTERVAL)
    assert re.fullmatch(r"rate must be a .*number in \[0, 1\), got 1\.5", str(error.value))
    sizes = ListOf(POSITIVE_INT, min_length=2)
    for value, name, constraint in [(True, "epochs", POSITIVE_INT), (math.nan, "lr", POSITIVE),
                                    (math.inf, "scale", FINITE), ([3], "sizes", sizes),
                                    (-0.5, "rate", UNIT_INTERVAL), ("3", "epochs", POSITIVE_INT)]:
        with pytest.raises(ValueError, match=must(name, constraint, value)):
            check(value, name, constraint)


def test_sets_none_and_types_as_constraints():
    modes = {"min", "max"}
    assert check("min", "mode", modes) == "min"
    with pytest.raises(ValueError, match=r"^mode must be one of 'max', 'min', got 'low'$"):
        check("low", "mode", modes)
    with pytest.raises(ValueError, match=r"^mode must be one of 'max', 'min', got \['min'\]$"):
        check(["min"], "mode", modes)  # unhashable: in no set, and still the same message
    with pytest.raises(ValueError, match=r"^batch_size must be 'auto' or "):
        check("all", "batch_size", {"auto"}, POSITIVE_INT)
    assert check(None, "patience", None, POSITIVE_INT) is None
    assert check(4, "patience", None, POSITIVE_INT) == 4
    with pytest.raises(ValueError, match=rf"^patience must be None or {re.escape(str(POSITIVE_INT))}, got 0$"):
        check(0, "patience", None, POSITIVE_INT)
    assert check("relu", "activation", str) == "relu"
    with pytest.raises(ValueError, match=r"^activation must be a (builtins\.)?str or None, got 3$"):
        check(3, "activation", str, None)


def test_the_first_constraint_met_converts():
    # 3 is an integer >= 1 before it is a number: it comes back an int
    assert type(check(3, "batch_size", POSITIVE_INT, POSITIVE)) is int
    assert type(check(2.5, "batch_size", POSITIVE_INT, POSITIVE)) is float
    assert check("auto", "batch_size", {"auto"}, POSITIVE_INT) == "auto"


def test_check_all_checks_every_value_against_its_table():
    table = {"epochs": [POSITIVE_INT], "rate": [UNIT_INTERVAL], "patience": [None, POSITIVE_INT]}
    checked = check_all({"epochs": np.int64(5), "rate": 0, "patience": None}, table)
    assert checked == {"epochs": 5, "rate": 0.0, "patience": None}
    assert type(checked["epochs"]) is int and type(checked["rate"]) is float
    with pytest.raises(ValueError, match=must("rate", UNIT_INTERVAL, -0.1)):
        check_all({"epochs": 5, "rate": -0.1, "patience": None}, table)
