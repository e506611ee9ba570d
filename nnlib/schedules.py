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

__all__ = ["Schedule", "Constant", "StepDecay", "ExponentialDecay", "InverseTimeDecay",
           "as_schedule", "check_positive"]


def check_positive(value, name):
    """Return ``value`` as a Python float, or raise if it is not a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


class Schedule:
    """Base class: ``schedule(t)`` returns the learning rate (a Python float) at epoch ``t``."""

    def __init__(self, initial_rate):
        self.initial_rate = check_positive(initial_rate, "learning rate")

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
        if not 0 < factor <= 1:
            raise ValueError(f"factor must be in (0, 1], got {factor!r}")
        if isinstance(step_size, bool) or not isinstance(step_size, int) or step_size < 1:
            raise ValueError(f"step_size must be a positive integer, got {step_size!r}")
        self.factor, self.step_size = float(factor), step_size

    def __call__(self, t):
        return self.initial_rate * self.factor ** (t // self.step_size)


class ExponentialDecay(Schedule):
    r""":math:`\eta(t) = \eta_0 e^{-kt}` with decay constant :math:`k` = ``decay_rate``."""

    def __init__(self, initial_rate, decay_rate=0.1):
        super().__init__(initial_rate)
        if not decay_rate >= 0:
            raise ValueError(f"decay_rate must be >= 0, got {decay_rate!r}")
        self.decay_rate = float(decay_rate)

    def __call__(self, t):
        return self.initial_rate * math.exp(-self.decay_rate * t)


class InverseTimeDecay(Schedule):
    r""":math:`\eta(t) = \eta_0 / (1 + kt)` (the "1/t" schedule) with :math:`k` = ``decay_rate``."""

    def __init__(self, initial_rate, decay_rate=0.1):
        super().__init__(initial_rate)
        if not decay_rate >= 0:
            raise ValueError(f"decay_rate must be >= 0, got {decay_rate!r}")
        self.decay_rate = float(decay_rate)

    def __call__(self, t):
        return self.initial_rate / (1.0 + self.decay_rate * t)


def as_schedule(learning_rate):
    """A :class:`Schedule` from a schedule or a constant number."""
    if isinstance(learning_rate, Schedule):
        return learning_rate
    return Constant(check_positive(learning_rate, "learning_rate"))
