"""Small data sets, generated on the spot or shipped with scikit-learn: nothing is downloaded.

Every generator takes ``random_state`` and returns ``(X, y)``: ``X`` a float64
array of shape (n_samples, n_features), ``y`` integer class labels.
"""

import numpy as np

from .initializers import check_random_state
from .validation import NON_NEGATIVE, Interval, check

__all__ = ["xor_table", "xor", "spirals", "circles", "moons", "iris", "digits"]


def _check_count(value, name, minimum=1):
    return check(value, name, Interval(int, minimum))


def _check_noise(noise):
    return check(noise, "noise", NON_NEGATIVE)


def xor_table():
    """The four points of the XOR truth table: inputs in {0, 1}², label x1 XOR x2."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def xor(n_samples=200, noise=0.2, random_state=None):
    """Noisy copies of the XOR truth table: Gaussian clouds around the four corners.

    Parameters
    ----------
    n_samples : int
    noise : float
        Standard deviation of the clouds.
    """
    n_samples = _check_count(n_samples, "n_samples")
    rng = check_random_state(random_state)
    corners, labels = xor_table()
    which = np.arange(n_samples) % 4
    X = corners[which] + _check_noise(noise) * rng.normal(size=(n_samples, 2))
    return X, labels[which]


def spirals(n_samples=300, n_classes=2, noise=0.1, turns=1.0, random_state=None):
    """Interleaved spiral arms, one per class (not separable by any straight line).

    Arm :math:`k` follows :math:`r = t`, :math:`\\theta = 2\\pi(\\text{turns}\\cdot t + k/K)`
    for :math:`t \\in [0.05, 1]`, plus Gaussian noise of std ``noise``.
    """
    n_samples = _check_count(n_samples, "n_samples")
    n_classes = _check_count(n_classes, "n_classes", minimum=2)
    rng = check_random_state(random_state)
    y = np.arange(n_samples) % n_classes
    t = rng.uniform(0.05, 1.0, size=n_samples)
    theta = 2 * np.pi * (turns * t + y / n_classes)
    X = np.column_stack([t * np.cos(theta), t * np.sin(theta)])
    return X + _check_noise(noise) * rng.normal(size=X.shape), y


def circles(n_samples=200, noise=0.1, factor=0.5, random_state=None):
    """Two concentric circles (``sklearn.datasets.make_circles``)."""
    from sklearn.datasets import make_circles
    return make_circles(n_samples=_check_count(n_samples, "n_samples"), noise=_check_noise(noise),
                        factor=factor, random_state=random_state)


def moons(n_samples=200, noise=0.1, random_state=None):
    """Two interleaving half-moons (``sklearn.datasets.make_moons``)."""
    from sklearn.datasets import make_moons
    return make_moons(n_samples=_check_count(n_samples, "n_samples"), noise=_check_noise(noise),
                      random_state=random_state)


def iris(as_frame=False):
    """Fisher's Iris data (150 flowers, 4 measurements in cm, 3 species), bundled with scikit-learn.

    Returns ``(X, y)``, or with ``as_frame=True`` a pandas DataFrame with a
    ``species`` column.
    """
    from sklearn.datasets import load_iris
    data = load_iris(as_frame=as_frame)
    if as_frame:
        frame = data.frame.rename(columns={"target": "species"})
        frame["species"] = frame["species"].map(dict(enumerate(data.target_names)))
        return frame
    return data.data, data.target


def digits():
    """8×8 images of handwritten digits (1,797 samples, values 0-16), bundled with scikit-learn.

    Returns ``(X, y)`` with ``X`` of shape (1797, 64); ``X.reshape(-1, 8, 8)`` gives images.
    """
    from sklearn.datasets import load_digits
    data = load_digits()
    return data.data, data.target
