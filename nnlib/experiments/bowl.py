r"""An optimizer's path down the bowl :math:`L(\theta) = \tfrac12(\theta_1^2 + 10\,\theta_2^2)`."""

import numpy as np

BOWL_CURVATURE = (1.0, 10.0)
"""The bowl's curvatures :math:`c_1, c_2`: plain SGD with a constant rate is stable on
it only below :math:`2 / c_2 = 0.2`."""


def _learning_rate(schedule, learning_rate):
    from ..schedules import Constant, ExponentialDecay, InverseTimeDecay, StepDecay

    return {"constant": Constant, "step decay": lambda r: StepDecay(r, factor=0.5, step_size=10),
            "exponential": lambda r: ExponentialDecay(r, decay_rate=0.05),
            "1/t": lambda r: InverseTimeDecay(r, decay_rate=0.1)}[schedule](learning_rate)


def _optimizer(name, rate):
    from ..optimizers import SGD, Adam, RMSprop

    return {"SGD": lambda: SGD(rate), "momentum": lambda: SGD(rate, momentum=0.9),
            "RMSprop": lambda: RMSprop(rate), "Adam": lambda: Adam(rate)}[name]()


def descend_bowl(optimizer="SGD", schedule="constant", learning_rate=0.1, steps=40,
                 start=(-4.0, 2.0)):
    r"""Minimise the bowl :math:`L(\theta) = \tfrac12 \sum_i c_i \theta_i^2` with
    :math:`c = (1, 10)`, whose gradient is :math:`\nabla L = c \odot \theta`, with one
    of nnlib's optimizers and schedules (one step per "epoch").

    Parameters
    ----------
    optimizer : {"SGD", "momentum", "RMSprop", "Adam"}
    schedule : {"constant", "step decay", "exponential", "1/t"}
    learning_rate : float
    steps : int
    start : (float, float)

    Returns
    -------
    path : array of shape (k + 1, 2)
    losses : array of shape (k + 1,)
    diverged : int or None
        The step at which the loss exceeded 1,000 times its start (or stopped being
        finite), where the run stops; None if it never did.
    """
    opt = _optimizer(optimizer, _learning_rate(schedule, learning_rate))
    curvature = np.array(BOWL_CURVATURE)
    theta = np.array(start, dtype=float)
    path, losses = [theta.copy()], [0.5 * float(curvature @ theta**2)]
    for t in range(steps):
        opt.epoch = t
        opt.step([theta], [curvature * theta])
        path.append(theta.copy())
        losses.append(0.5 * float(curvature @ theta**2))
        if not np.isfinite(losses[-1]) or losses[-1] > 1e3 * losses[0]:
            return np.array(path), np.array(losses), t + 1
    return np.array(path), np.array(losses), None
