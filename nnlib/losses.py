r"""Loss functions: a number that says how wrong the network is, and its gradient.

Each loss is averaged over the :math:`n` samples of a batch and takes the network's
raw output. The cross-entropies take **logits** :math:`z` (the output before sigmoid or
softmax) and fold the output activation into the loss: that is what makes them stable
for any :math:`z` and gives the famously simple gradient
:math:`\partial L/\partial z = (\hat y - y)/n`. The Poisson deviance does the same
with the log of the predicted rate.

Every loss object has ``loss(output, y)`` (a 0-d array) and ``gradient(output, y)``
(:math:`\partial L/\partial\,\text{output}`, same shape as the output).
"""

from . import functional
from .backend import array_namespace, as_array
from .validation import check

__all__ = [
    "Loss", "MeanSquaredError", "HalfSquaredError", "BinaryCrossEntropy",
    "CategoricalCrossEntropy", "PoissonDeviance", "get_loss", "LOSSES",
    "mean_squared_error", "binary_cross_entropy", "categorical_cross_entropy",
]


def _check_shapes(output, y):
    """Both as arrays (lists and numbers welcome), of one shape."""
    output, y = as_array(output), as_array(y)
    if output.shape != y.shape:
        raise ValueError(
            f"the network output has shape {tuple(output.shape)} but the targets "
            f"have shape {tuple(y.shape)}; they must match (one-hot encode class labels)"
        )
    return output, y


class Loss:
    """Base class: ``loss(output, y)`` and ``gradient(output, y)``."""


    def __call__(self, output, y):
        return self.loss(output, y)

    def value_and_gradient(self, output, y):
        """``(loss(output, y), gradient(output, y))``; subclasses share work between the two."""
        return self.loss(output, y), self.gradient(output, y)

    def __repr__(self):
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    r"""Mean squared error over all entries.

    .. math:: L = \frac{1}{nk}\sum_{i=1}^{n}\sum_{j=1}^{k} (\hat y_{ij} - y_{ij})^2,
              \qquad \frac{\partial L}{\partial \hat y} = \frac{2}{nk}(\hat y - y)

    For one output (:math:`k = 1`) this is the textbook :math:`\frac1n\sum_i(y_i-\hat y_i)^2`.
    """

    def loss(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        return xp.mean((output - y) ** 2)

    def gradient(self, output, y):
        output, y = _check_shapes(output, y)
        return (2.0 / _size(output)) * (output - y)


class HalfSquaredError(Loss):
    r"""Half the squared error, summed over outputs and averaged over samples.

    .. math:: L = \frac{1}{2n}\sum_{i=1}^{n}\lVert \hat y_i - y_i \rVert^2,
              \qquad \frac{\partial L}{\partial \hat y} = \frac{1}{n}(\hat y - y)

    The factor :math:`\tfrac12` cancels the 2 of the derivative. This is the loss
    scikit-learn's ``MLPRegressor`` minimizes, so :class:`nnlib.MLPRegressor` uses it.
    """

    def loss(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        return xp.sum((output - y) ** 2) / (2.0 * output.shape[0])

    def gradient(self, output, y):
        output, y = _check_shapes(output, y)
        return (output - y) / float(output.shape[0])


class BinaryCrossEntropy(Loss):
    r"""Binary cross-entropy of independent sigmoid outputs, from logits :math:`z`.

    .. math:: L = -\frac{1}{n}\sum_{i,j}\big[y_{ij}\log\sigma(z_{ij})
                  + (1-y_{ij})\log(1-\sigma(z_{ij}))\big]
                = \frac1n\sum_{i,j}\big[\operatorname{softplus}(z_{ij}) - y_{ij} z_{ij}\big]

    The right-hand form never takes the log of 0, so it is finite for any logit.
    Gradient: :math:`\partial L/\partial z = (\sigma(z) - y)/n`.
    """

    def loss(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        return xp.sum(functional.softplus(output) - y * output) / float(output.shape[0])

    def gradient(self, output, y):
        output, y = _check_shapes(output, y)
        return (functional.sigmoid(output) - y) / float(output.shape[0])


class CategoricalCrossEntropy(Loss):
    r"""Categorical cross-entropy of a softmax output, from logits :math:`z`.

    .. math:: L = -\frac{1}{n}\sum_{i=1}^{n}\sum_{k=1}^{K} y_{ik}\log\operatorname{softmax}(z_i)_k
              = \frac1n\sum_i\Big[\operatorname{logsumexp}(z_i) - \sum_k y_{ik} z_{ik}\Big]

    ``y`` is one-hot (or any probability vector per row). Gradient:
    :math:`\partial L/\partial z = (\operatorname{softmax}(z) - y)/n`.
    """

    def loss(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        return -xp.sum(y * functional.log_softmax(output, axis=-1)) / float(output.shape[0])

    def gradient(self, output, y):
        output, y = _check_shapes(output, y)
        return (functional.softmax(output, axis=-1) - y) / float(output.shape[0])

    def value_and_gradient(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        log_p = functional.log_softmax(output, axis=-1)
        n = float(output.shape[0])
        return -xp.sum(y * log_p) / n, (xp.exp(log_p) - y) / n


class PoissonDeviance(Loss):
    r"""Half the Poisson deviance of counts :math:`y \ge 0`, from the log-rate :math:`z`.

    The network outputs :math:`z` and predicts the rate :math:`\mu = e^{z}` (always
    positive):

    .. math:: L = \frac{1}{n}\sum_{i,j}\Big[y_{ij}\log\frac{y_{ij}}{\mu_{ij}} - y_{ij} + \mu_{ij}\Big],
              \qquad \frac{\partial L}{\partial z} = \frac{\mu - y}{n}

    with :math:`0 \log 0 = 0`. It is 0 exactly when :math:`\mu = y`, and minimizing it
    is maximizing the Poisson likelihood. Taking :math:`z` rather than :math:`\mu`
    keeps the exponential inside the loss (as the cross-entropies take logits), which
    makes the gradient this simple. ``MLPRegressor(loss="poisson")`` trains on it.
    """

    def loss(self, output, y):
        output, y = _check_shapes(output, y)
        xp = array_namespace(output, y)
        positive = y > 0
        y_log_y = xp.where(positive, y * xp.log(xp.where(positive, y, xp.ones_like(y))),
                           xp.zeros_like(y))
        return xp.sum(y_log_y - y * output - y + xp.exp(output)) / float(output.shape[0])

    def gradient(self, output, y):
        output, y = _check_shapes(output, y)
        return (array_namespace(output).exp(output) - y) / float(output.shape[0])


def _size(a):
    size = 1
    for dim in a.shape:
        size *= dim
    return float(size)


LOSSES = {
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
    "half_squared_error": HalfSquaredError,
    "binary_cross_entropy": BinaryCrossEntropy,
    "categorical_cross_entropy": CategoricalCrossEntropy,
    "poisson": PoissonDeviance,
}


def get_loss(name):
    """Return a loss object by name (or the object itself)."""
    if isinstance(name, Loss):
        return name
    check(name, "loss", set(LOSSES))
    return LOSSES[name]()


def mean_squared_error(y_pred, y_true):
    """Functional form of :class:`MeanSquaredError`."""
    return MeanSquaredError().loss(y_pred, y_true)


def binary_cross_entropy(logits, y_true):
    """Functional form of :class:`BinaryCrossEntropy` (takes logits)."""
    return BinaryCrossEntropy().loss(logits, y_true)


def categorical_cross_entropy(logits, y_true):
    """Functional form of :class:`CategoricalCrossEntropy` (takes logits, one-hot ``y_true``)."""
    return CategoricalCrossEntropy().loss(logits, y_true)
