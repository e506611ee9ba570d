"""Sequential: layers applied one after the other.

The forward pass feeds each layer's output to the next; the backward pass walks the
layers in reverse, each turning the gradient of its output into the gradient of its
input (the chain rule, one layer at a time).
"""

from .backend import array_namespace, as_array, asarray, get_namespace, to_numpy
from .layers import Layer
from .parameters import ParameterStorage

__all__ = ["Sequential"]


class Sequential:
    """A stack of layers.

    Parameters
    ----------
    layers : list of Layer

    Examples
    --------
    >>> from nnlib import Sequential, Dense, Activation
    >>> net = Sequential([Dense(2, 3, random_state=0), Activation("relu"), Dense(3, 1, random_state=1)])
    >>> net.count_params()
    13
    """

    def __init__(self, layers=()):
        self.layers = []
        for layer in layers:
            self.add(layer)
        self._storage = ParameterStorage(self.layers)

    def add(self, layer):
        """Append a layer."""
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential takes nnlib layers, got {type(layer).__name__}")
        self.layers.append(layer)
        self._storage = ParameterStorage(self.layers)
        return self

    def __len__(self):
        return len(self.layers)

    def __getitem__(self, index):
        return self.layers[index]

    def __iter__(self):
        return iter(self.layers)

    # --- passes ----------------------------------------------------------------
    def forward(self, x, training=False):
        """Output of the network for the batch ``x``."""
        x = as_array(x)
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    __call__ = forward

    def backward(self, grad, input_grad=True):
        """Backpropagate ``grad`` (dL/d output); fills every trainable layer's ``grads``.

        Returns dL/d input; with ``input_grad=False`` the first layer skips computing it
        (training never needs it) and None is returned.
        """
        last = len(self.layers) - 1
        for i, layer in enumerate(reversed(self.layers)):
            grad = layer.backward(grad, input_grad=input_grad or i < last)
        return grad

    # --- parameters --------------------------------------------------------------
    def trainable_layers(self):
        return [layer for layer in self.layers if layer.trainable and layer.params]

    def storage(self):
        """The model's :class:`~nnlib.parameters.ParameterStorage`, rebuilt if a layer was
        frozen, unfrozen or given a new array since it was made."""
        if not self._storage.matches(self.layers):
            self._storage = ParameterStorage(self.layers)
        return self._storage

    def parameters(self):
        """The trainable parameters as an optimizer updates them: ``[vector]``, one flat
        vector that every layer's arrays are views of (or, for a library without views,
        every array)."""
        return self.storage().params

    def gradients(self):
        """The gradients of :meth:`parameters` (filled by :meth:`backward`), laid out alike."""
        return self.storage().grads

    def get_weights(self):
        """Copies of every parameter (trainable or not), in layer order."""
        return [_copy(p) for layer in self.layers for p in layer.params.values()]

    def set_weights(self, weights):
        """Overwrite every parameter with ``weights`` (as returned by :meth:`get_weights`)."""
        slots = [(layer, name) for layer in self.layers for name in layer.params]
        if len(weights) != len(slots):
            raise ValueError(f"expected {len(slots)} arrays, got {len(weights)}")
        for (layer, name), w in zip(slots, weights):
            if tuple(w.shape) != tuple(layer.params[name].shape):
                raise ValueError(
                    f"{layer!r}.{name} has shape {tuple(layer.params[name].shape)}, got {tuple(w.shape)}"
                )
        for (layer, name), w in zip(slots, weights):
            layer.params[name][...] = w  # in place: views and optimizer state stay valid

    def to(self, backend=None, dtype=None, device=None):
        """Move every parameter to ``backend`` (a name such as ``"cupy"`` or a namespace),
        ``dtype`` and ``device``; returns ``self``."""
        for layer in self.layers:
            for name, p in layer.params.items():
                xp = array_namespace(p) if backend is None else (
                    get_namespace(backend) if isinstance(backend, str) else backend)
                layer.params[name] = asarray(p if backend is None else to_numpy(p), xp,
                                             dtype=dtype, device=device)
                layer.grads[name] = xp.zeros_like(layer.params[name])
        self._storage = ParameterStorage(self.layers)
        return self

    # --- freezing ----------------------------------------------------------------
    def _select(self, layers):
        if layers is None:
            return self.layers
        if isinstance(layers, (int, Layer)):
            layers = [layers]
        chosen = []
        for item in layers:
            if isinstance(item, Layer):
                if item not in self.layers:
                    raise ValueError(f"{item!r} is not a layer of this model")
                chosen.append(item)
            else:
                chosen.append(self.layers[item])
        return chosen

    def freeze(self, layers=None):
        """Stop training ``layers`` (indices or Layer objects; all by default).

        Their parameters stay bit-identical through training: no gradient is
        computed for them and no optimizer touches them.
        """
        for layer in self._select(layers):
            layer.trainable = False
        self._storage = ParameterStorage(self.layers)
        return self

    def unfreeze(self, layers=None):
        """Make ``layers`` trainable again (all by default)."""
        for layer in self._select(layers):
            layer.trainable = True
        self._storage = ParameterStorage(self.layers)
        return self

    # --- summary -----------------------------------------------------------------
    def count_params(self, trainable_only=False):
        """Number of scalar parameters (of trainable layers only, if asked)."""
        return sum(layer.n_params for layer in self.layers
                   if layer.trainable or not trainable_only)

    def summary(self, input_shape=None):
        """A table of the layers, their output shapes and parameter counts.

        Parameters
        ----------
        input_shape : tuple, optional
            Shape of one sample, to show each layer's output shape.
        """
        rows = [("#", "layer", "output shape", "params", "trainable")]
        shape = tuple(input_shape) if input_shape is not None else None
        for i, layer in enumerate(self.layers):
            if shape is not None:
                shape = tuple(layer.output_shape(shape))
            rows.append((str(i), repr(layer), "?" if shape is None else str(shape),
                         f"{layer.n_params:,}", "yes" if layer.trainable else "no"))
        widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        rule = "-" * len(max(lines, key=len))
        total, trainable = self.count_params(), self.count_params(trainable_only=True)
        return "\n".join([lines[0], rule, *lines[1:], rule,
                          f"total parameters: {total:,}",
                          f"trainable: {trainable:,}   frozen: {total - trainable:,}"])

    def __getstate__(self):
        state = dict(vars(self))
        del state["_storage"]  # a pickle or a deep copy stores arrays, not views of a buffer
        return state

    def __setstate__(self, state):
        vars(self).update(state)
        self._storage = ParameterStorage(self.layers)

    def __repr__(self):
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"Sequential([{inner}])"


def _copy(p):
    xp = array_namespace(p)
    return xp.asarray(p, copy=True)

