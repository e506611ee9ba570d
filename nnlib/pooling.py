r"""Pooling layers: each output summarises a window of neighbouring inputs.

Max pooling keeps a window's largest value, average pooling its mean; both shrink the
input and make the output change less when the input shifts by a little. They have no
parameters. Channels come last: an input is ``(n, *spatial, channels)`` (or
``(n, *spatial)`` for one channel), as for :class:`nnlib.layers.Dense`'s rows.
"""

import itertools

import numpy as np

from .backend import array_namespace
from .backend import device as _device
from .layers import Layer

__all__ = ["MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D"]


class _Pool(Layer):
    r"""Pooling over ``ndim`` spatial axes, channels last.

    Input ``(n, *spatial, channels)``, or ``(n, *spatial)`` for a single channel. Each
    output position summarises a window of ``pool_size`` inputs; windows start every
    ``stride`` positions (default: ``pool_size``, windows that do not overlap). Only
    whole windows are used ("valid" padding):
    :math:`\text{out} = \lfloor(\text{in} - \text{pool})/\text{stride}\rfloor + 1`.

    The windows are gathered with one strided slice per offset inside the window, so
    the work is vectorised over the batch, the positions and the channels; the loop
    only runs over the few cells of one window.
    """

    ndim = None

    def __init__(self, pool_size=2, stride=None):
        super().__init__()
        self.pool_size = self._tuple(pool_size, "pool_size")
        self.stride = self.pool_size if stride is None else self._tuple(stride, "stride")

    def _tuple(self, value, name):
        values = (value,) * self.ndim if isinstance(value, (int, np.integer)) else tuple(value)
        if len(values) != self.ndim or any(
            isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1 for v in values
        ):
            raise ValueError(f"{name} must be a positive int or {self.ndim} positive ints, got {value!r}")
        return tuple(int(v) for v in values)

    def _out_sizes(self, spatial):
        sizes = []
        for size, pool, stride in zip(spatial, self.pool_size, self.stride):
            if size < pool:
                raise ValueError(f"pooling window {self.pool_size} is larger than the input {spatial}")
            sizes.append((size - pool) // stride + 1)
        return tuple(sizes)

    def _slices(self, offsets, out_sizes):
        """Index selecting, for one offset inside the window, that cell of every window."""
        return (slice(None),) + tuple(
            slice(k, k + s * (o - 1) + 1, s) for k, s, o in zip(offsets, self.stride, out_sizes)
        ) + (Ellipsis,)

    def _windows(self, x):
        """The cells of every window, stacked on a new last axis."""
        xp = array_namespace(x)
        self.input_shape = x.shape
        self.out_sizes = self._out_sizes(x.shape[1:1 + self.ndim])
        self.offsets = list(itertools.product(*(range(p) for p in self.pool_size)))
        return xp.stack([x[self._slices(k, self.out_sizes)] for k in self.offsets], axis=-1)

    def _scatter(self, grad_per_offset):
        """Add each offset's gradient back to the input cells it came from."""
        xp = array_namespace(grad_per_offset)
        grad_in = xp.zeros(self.input_shape, dtype=grad_per_offset.dtype)
        for i, k in enumerate(self.offsets):
            index = self._slices(k, self.out_sizes)
            grad_in[index] = grad_in[index] + grad_per_offset[..., i]
        return grad_in

    def output_shape(self, input_shape):
        return self._out_sizes(input_shape[:self.ndim]) + tuple(input_shape[self.ndim:])

    def __repr__(self):
        return f"{type(self).__name__}(pool_size={self.pool_size}, stride={self.stride})"


class _MaxPool(_Pool):
    r"""Max pooling: each window's largest value.

    The gradient flows only to the cell that held the maximum (the first one on a tie):
    :math:`\partial y/\partial x_j = 1` if :math:`x_j` is the window's max, else 0.
    """

    def forward(self, x, training=False):
        xp = array_namespace(x)
        windows = self._windows(x)
        self.argmax = xp.argmax(windows, axis=-1)
        return xp.max(windows, axis=-1)

    def backward(self, grad, input_grad=True):
        if not input_grad:
            return None
        xp = array_namespace(grad)
        n_cells = len(self.offsets)
        winner = self.argmax[..., None] == xp.arange(n_cells, device=_device(grad))
        return self._scatter(grad[..., None] * xp.astype(winner, grad.dtype))


class _AvgPool(_Pool):
    r"""Average pooling: each window's mean; the gradient is shared equally,
    :math:`\partial y/\partial x_j = 1/|\text{window}|`."""

    def forward(self, x, training=False):
        return array_namespace(x).mean(self._windows(x), axis=-1)

    def backward(self, grad, input_grad=True):
        if not input_grad:
            return None
        xp = array_namespace(grad)
        n_cells = len(self.offsets)
        shared = grad[..., None] / float(n_cells)
        return self._scatter(xp.broadcast_to(shared, grad.shape + (n_cells,)))


class MaxPool1D(_MaxPool):
    """Max pooling along one axis: input ``(n, length, channels)`` or ``(n, length)``."""

    ndim = 1


class MaxPool2D(_MaxPool):
    """Max pooling over height and width: input ``(n, height, width, channels)`` or ``(n, height, width)``."""

    ndim = 2


class AvgPool1D(_AvgPool):
    """Average pooling along one axis: input ``(n, length, channels)`` or ``(n, length)``."""

    ndim = 1


class AvgPool2D(_AvgPool):
    """Average pooling over height and width: input ``(n, height, width, channels)`` or ``(n, height, width)``."""

    ndim = 2

