r"""Gradient clipping: keep one bad batch from throwing the weights far away.

Both act on the list of gradients an optimizer is about to use and return new arrays
(the originals are left as the backward pass wrote them).
"""

import math

from .backend import array_namespace

__all__ = ["global_norm", "clip_by_value", "clip_by_global_norm", "clip_gradients"]


def global_norm(grads):
    r"""The norm of all gradients taken as one vector,
    :math:`\sqrt{\sum_i \lVert g_i \rVert^2}`."""
    if not grads:
        return 0.0
    xp = array_namespace(*grads)
    return math.sqrt(sum(float(xp.sum(g * g)) for g in grads))


def clip_by_value(grads, clip_value):
    r"""Clip every gradient entry to :math:`[-c, c]`."""
    xp = array_namespace(*grads)
    c = float(clip_value)
    return [xp.clip(g, -c, c) for g in grads]


def clip_by_global_norm(grads, max_norm):
    r"""Rescale all gradients together so their global norm is at most ``max_norm``.

    .. math:: g_i \leftarrow g_i \cdot \min\!\Big(1, \frac{c}{\lVert g \rVert}\Big)

    Unlike clipping by value, this keeps the direction of the update.
    Returns the clipped gradients and the norm before clipping.
    """
    norm = global_norm(grads)
    if norm > max_norm:
        scale = float(max_norm) / norm
        grads = [g * scale for g in grads]
    return grads, norm


def clip_gradients(grads, clip_value=None, clip_norm=None):
    """Clip by value, then by global norm, each only if its threshold is given."""
    if clip_value is not None:
        grads = clip_by_value(grads, clip_value)
    if clip_norm is not None:
        grads, _ = clip_by_global_norm(grads, clip_norm)
    return grads
