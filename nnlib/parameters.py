"""Where a model keeps its trainable parameters: one flat vector, and one for their gradients.

Every trainable layer's arrays (``layer.params["W"]``, ``layer.grads["W"]``...) are
*views*: reshaped slices of the two vectors. A layer reads and writes its own arrays as
if they were its own; the optimizer sees one long vector and updates every parameter
of the network with one pass per formula, instead of one pass per array. For a small
network that removes most of the cost of a step (each NumPy call costs about a
microsecond whatever its size).

The weights an L2 penalty applies to come first, then the rest (biases, PReLU slopes),
each group in layer order: the penalty is then one slice, ``penalized``, and the
vector is laid out as scikit-learn packs its parameters for L-BFGS.

Libraries whose slices are copies, not views, and parameters of mixed dtypes keep the
layers' own arrays: then ``params`` and ``grads`` are lists of every array.
"""

import math

from .backend import array_namespace, has_views

__all__ = ["ParameterStorage"]


def _slots(layers):
    """``(layer, name)`` of every trainable parameter: penalized ones first."""
    trainable = [layer for layer in layers if layer.trainable]
    penalized = [(layer, name) for layer in trainable for name in layer.params
                 if name in layer.regularized]
    others = [(layer, name) for layer in trainable for name in layer.params
              if name not in layer.regularized]
    return penalized, others


class ParameterStorage:
    """The trainable parameters of ``layers`` and their gradients, in one vector each.

    Attributes
    ----------
    params, grads : list of arrays
        ``[vector]`` when the parameters share one buffer, else every array.
    penalized, penalized_grads : list of arrays
        The parameters an L2 penalty applies to, and their gradients (one slice of the
        vectors, or the arrays).
    """

    def __init__(self, layers):
        penalized, others = _slots(layers)
        self.slots = penalized + others
        arrays = [layer.params[name] for layer, name in self.slots]
        if arrays and has_views(array_namespace(*arrays)) and len({a.dtype for a in arrays}) == 1:
            self._share(arrays, n_penalized=len(penalized))
        else:
            self.params = arrays
            self.grads = [layer.grads[name] for layer, name in self.slots]
            self.penalized = [layer.params[name] for layer, name in penalized]
            self.penalized_grads = [layer.grads[name] for layer, name in penalized]
        self.layers = list(layers)
        self.trainable = [layer.trainable for layer in layers]
        self.views = [layer.params[name] for layer, name in self.slots]

    def _share(self, arrays, n_penalized):
        """Copy ``arrays`` into one vector and make every layer's arrays views of it."""
        xp = array_namespace(*arrays)
        params = xp.concat([xp.reshape(a, (-1,)) for a in arrays])
        grads = xp.zeros_like(params)
        start, penalized_end = 0, 0
        for i, ((layer, name), a) in enumerate(zip(self.slots, arrays)):
            stop = start + math.prod(a.shape)
            layer.params[name] = xp.reshape(params[start:stop], a.shape)
            layer.grads[name] = xp.reshape(grads[start:stop], a.shape)
            start = stop
            if i < n_penalized:
                penalized_end = stop
        self.params, self.grads = [params], [grads]
        self.penalized, self.penalized_grads = [params[:penalized_end]], [grads[:penalized_end]]

    def matches(self, layers):
        """Still the parameters of ``layers``: the same layers, equally trainable, and no
        array replaced? (Checked before every use: a few comparisons, no copy.)"""
        return (layers == self.layers
                and [layer.trainable for layer in layers] == self.trainable
                and all(layer.params[name] is view
                        for (layer, name), view in zip(self.slots, self.views)))
