r"""Learning-rate schedules: :math:`\eta(t)` for epoch :math:`t = 0, 1, 2, \dots`

==========================  ===============================================
schedule                    :math:`\eta(t)`
==========================  ===============================================
:class:`Constant`           :math:`\eta_0`
:class:`StepDecay`          :math:`\eta_0 \cdot \gamma^{\lfloor t / N \rfloor}`
:class:`ExponentialDecay`   :math:`\eta_0 \, e^{-k t}`
:class:`InverseTimeDecay`   :math:`\eta_0 / (1 + k t)`
==========================  ===============================================

A schedule is a callable; the training loop asks it for the rate at the start of
every epoch and hands that to the optimizer.
"""

import math

from .validation import NON_NEGATIVE, POSITIVE, POSITIVE_INT, Interval, check

__all__ = ["Schedule", "Constant", "StepDecay", "ExponentialDecay", "InverseTimeDecay",
           "as_schedule"]


class Schedule:
    """Base class: ``schedule(t)`` returns the learning rate (a Python float) at epoch ``t``."""

    def __init__(self, initial_rate):
        self.initial_rate = check(initial_rate, "learning rate", POSITIVE)

    def __call__(self, t):
        raise NotImplementedError

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"


class Constant(Schedule):
    r""":math:`\eta(t) = \eta_0`."""

    def __call__(self, t):
        return self.initial_rate


class StepDecay(Schedule):
    r"""Multiply the rate by ``factor`` every ``step_size`` epochs: :math:`\eta_0\gamma^{\lfloor t/N\rfloor}`.

    Parameters
    ----------
    initial_rate : float
    factor : float in (0, 1]
        :math:`\gamma`, e.g. 0.1 or 0.5.
    step_size : int
        :math:`N`, epochs between drops.
    """

    def __init__(self, initial_rate, factor=0.5, step_size=10):
        super().__init__(initial_rate)
        self.factor = check(factor, "factor", Interval(float, 0, 1, closed="right"))
        self.step_size = check(step_size, "step_size", POSITIVE_INT)

    def __call__(self, t):
        return self.initial_rate * self.factor ** (t // self.step_size)


class ExponentialDecay(Schedule):
    r""":math:`\eta(t) = \eta_0 e^{-kt}` with decay constant :math:`k` = ``decay_rate``."""

    def __init__(self, initial_rate, decay_rate=0.1):
        super().__init__(initial_rate)
        self.decay_rate = check(decay_rate, "decay_rate", NON_NEGATIVE)

    def __call__(self, t):
        return self.initial_rate * math.exp(-self.decay_rate * t)


class InverseTimeDecay(Schedule):
    r""":math:`\eta(t) = \eta_0 / (1 + kt)` (the "1/t" schedule) with :math:`k` = ``decay_rate``."""

    def __init__(self, initial_rate, decay_rate=0.1):
        super().__init__(initial_rate)
        self.decay_rate = check(decay_rate, "decay_rate", NON_NEGATIVE)

    def __call__(self, t):
        return self.initial_rate / (1.0 + self.decay_rate * t)


def as_schedule(learning_rate):
    """A :class:`Schedule` from a schedule or a constant number."""
    if isinstance(learning_rate, Schedule):
        return learning_rate
    return Constant(check(learning_rate, "learning_rate", POSITIVE))
