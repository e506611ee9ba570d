"""Cutting an epoch into batches, and taking a batch's rows out of the data."""

import numpy as np

from .backend import array_namespace, asarray, device, is_sparse

__all__ = ["iterate_minibatches", "take_rows"]


def iterate_minibatches(n_samples, batch_size, order=None):
    """Yield the batches of one epoch: slices of ``order`` (an index array), or plain
    slices of ``range(n_samples)`` when there is no ``order`` (no shuffling: no copy)."""
    for start in range(0, n_samples, batch_size):
        stop = min(start + batch_size, n_samples)
        yield slice(start, stop) if order is None else order[start:stop]


def take_rows(a, index):
    """Rows ``index`` (a slice or a NumPy index array) of ``a``; None stays None.

    NumPy arrays and SciPy sparse matrices index directly. The array API has no fancy
    indexing and wants every axis indexed, so other libraries go through ``xp.take``.
    """
    if a is None:
        return None
    if isinstance(a, np.ndarray) or is_sparse(a):
        return a[index]
    if isinstance(index, slice):
        return a[index, ...]
    xp = array_namespace(a)
    return xp.take(a, asarray(index, xp, device=device(a)), axis=0)
