"""Numerically stable building blocks shared by activations and losses.

Every function works on arrays of any array-API library and keeps their dtype.
"""

from .backend import accepts_array_like, array_namespace

__all__ = ["sigmoid", "logsumexp", "softmax", "log_softmax", "log_sigmoid", "softplus"]


@accepts_array_like
def sigmoid(z):
    r"""Logistic sigmoid, computed without overflow.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    ``exp`` is only ever applied to :math:`-|z| \le 0`, so it never overflows:
    for :math:`z \ge 0` we use :math:`1/(1+e^{-z})`, for :math:`z < 0` the equal
    :math:`e^{z}/(1+e^{z})`.
    """
    xp = array_namespace(z)
    e = xp.exp(-xp.abs(z))
    return xp.where(z >= 0, 1 / (1 + e), e / (1 + e))


@accepts_array_like
def softplus(z):
    r"""Softplus :math:`\log(1 + e^{z})`, stable for large :math:`|z|`.

    Uses :math:`\log(1+e^{z}) = \max(z, 0) + \log(1 + e^{-|z|})`.
    """
    xp = array_namespace(z)
    return xp.maximum(z, xp.zeros_like(z)) + xp.log1p(xp.exp(-xp.abs(z)))


@accepts_array_like
def log_sigmoid(z):
    r""":math:`\log \sigma(z) = -\operatorname{softplus}(-z)`, stable for large :math:`|z|`."""
    return -softplus(-z)


@accepts_array_like
def logsumexp(z, axis=-1, keepdims=False):
    r"""Log of the sum of exponentials along ``axis``, without overflow.

    .. math:: \operatorname{logsumexp}(z) = m + \log \sum_j e^{z_j - m},
              \quad m = \max_j z_j

    Subtracting the maximum makes every exponent :math:`\le 0`.
    """
    xp = array_namespace(z)
    m = xp.max(z, axis=axis, keepdims=True)
    out = m + xp.log(xp.sum(xp.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else xp.squeeze(out, axis=axis)


@accepts_array_like
def softmax(z, axis=-1):
    r"""Softmax along ``axis`` (each row of a batch sums to 1).

    .. math:: \operatorname{softmax}(z)_j = \frac{e^{z_j - m}}{\sum_k e^{z_k - m}},
              \quad m = \max_k z_k

    Shifting by :math:`m` changes nothing mathematically (softmax is
    shift-invariant) but keeps :math:`e^{z_j - m} \le 1`.
    """
    xp = array_namespace(z)
    e = xp.exp(z - xp.max(z, axis=axis, keepdims=True))
    return e / xp.sum(e, axis=axis, keepdims=True)


@accepts_array_like
def log_softmax(z, axis=-1):
    r"""Log of the softmax, :math:`z_j - \operatorname{logsumexp}(z)`, stable."""
    return z - logsumexp(z, axis=axis, keepdims=True)
