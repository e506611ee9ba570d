r"""Numerical gradient checking.

Backpropagation is easy to get subtly wrong. A centred finite difference gives an
independent estimate of every partial derivative:

.. math:: \frac{\partial f}{\partial \theta_i} \approx
          \frac{f(\theta + h e_i) - f(\theta - h e_i)}{2h}

whose error is :math:`O(h^2)`. Compare the two with the relative error

.. math:: \text{rel}(a, b) = \frac{\max_i |a_i - b_i|}{\max(\max_i |a_i| + |b_i|,\ \varepsilon)}

In float64 with :math:`h = 10^{-5}` a correct gradient gives about
:math:`10^{-7}` or less on smooth functions; near a kink (ReLU at 0, a tie in a max)
a few :math:`10^{-5}`; a bug gives :math:`10^{-2}` or worse. Use float64: in float32
the rounding error swamps the difference.
"""

import numpy as np

from .backend import to_numpy
from .losses import get_loss

__all__ = ["numerical_gradient", "relative_error", "check_layer", "check_model"]


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of the scalar function ``f`` at the float64 NumPy array ``x``.

    ``x`` is perturbed in place one entry at a time and restored afterwards.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError("numerical_gradient needs a float64 NumPy array")
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + h
        f_plus = float(f())
        flat[i] = original - h
        f_minus = float(f())
        flat[i] = original
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(analytic, numeric, eps=1e-12):
    """Largest absolute difference scaled by the size of the gradients (0 when equal)."""
    a, b = np.asarray(to_numpy(analytic), float), np.asarray(to_numpy(numeric), float)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), eps))


def check_layer(layer, x, seed=0, h=1e-5, **forward_kwargs):
    """Check a layer's backward pass against finite differences.

    Uses the scalar :math:`L = \\sum_{ij} r_{ij}\\, y_{ij}` with fixed random weights
    :math:`r`, so that every output entry matters. Returns a dict of relative errors:
    ``"input"`` and one entry per parameter name.
    """
    rng = np.random.default_rng(seed)
    out = layer.forward(x, training=True, **forward_kwargs)
    r = rng.standard_normal(out.shape)

    def objective():
        return np.sum(r * layer.forward(x, training=True, **forward_kwargs))

    layer.forward(x, training=True, **forward_kwargs)
    grad_x = layer.backward(r, input_grad=True)
    errors = {"input": relative_error(grad_x, numerical_gradient(objective, x, h))}
    for name, p in layer.params.items():
        layer.forward(x, training=True, **forward_kwargs)
        layer.backward(r, input_grad=True)
        errors[name] = relative_error(layer.grads[name], numerical_gradient(objective, p, h))
    return errors


def check_model(model, X, y, loss, h=1e-5):
    """Check a whole network's gradients (every parameter and the input) for a loss.

    Returns a dict ``{"layer{i}.{name}": relative error, ..., "input": ...}``.
    """
    loss = get_loss(loss)

    def objective():
        return loss.loss(model.forward(X, training=False), y)

    output = model.forward(X, training=False)
    grad_x = model.backward(loss.gradient(output, y), input_grad=True)
    analytic = {f"layer{i}.{name}": layer.grads[name]
                for i, layer in enumerate(model.layers) if layer.trainable
                for name in layer.params}
    errors = {"input": relative_error(grad_x, numerical_gradient(objective, X, h))}
    for i, layer in enumerate(model.layers):
        for name, p in layer.params.items():
            key = f"layer{i}.{name}"
            if key in analytic:
                errors[key] = relative_error(analytic[key], numerical_gradient(objective, p, h))
    return errors
