r"""Rosenblatt's perceptron (1958).

A single neuron with a step activation, trained one sample at a time. With labels
:math:`t \in \{-1, +1\}` and score :math:`z = x \cdot w + b`, a sample is a *mistake*
when :math:`t z \le 0` (wrong side of the boundary, or on it), and then

.. math:: w \leftarrow w + \eta\, t\, x, \qquad b \leftarrow b + \eta\, t .

Nothing changes for samples already on the right side. On linearly separable data
the rule stops making mistakes after finitely many updates (Novikoff, 1962); on data
such as XOR it never does.

With several classes, one perceptron per class learns "this class or not"
(one-vs-rest), all updated on the same pass; the prediction is the class with the
largest score. These are the rules of scikit-learn's ``Perceptron(shuffle=False,
tol=None)``, so both give the same weights.
"""

import numpy as np

from .initializers import check_random_state
from .validation import POSITIVE, POSITIVE_INT, check

__all__ = ["Perceptron"]


class Perceptron:
    """The perceptron learning rule.

    Parameters
    ----------
    eta0 : float, default 1.0
        Learning rate :math:`\\eta`.
    max_iter : int, default 1000
        Maximum number of epochs (passes over the data).
    shuffle : bool, default False
        Visit the samples in a new random order every epoch.
    random_state : None or int
        Seed of the shuffling.
    fit_intercept : bool, default True
        Learn a bias :math:`b` (otherwise it stays 0).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features, n_perceptrons)
        Weights, one column per perceptron (1 for two classes).
    intercept_ : ndarray of shape (n_perceptrons,)
    classes_ : ndarray
    n_iter_ : int
        Epochs run. Training stops after the first epoch with no mistake: from then
        on nothing would change.
    mistakes_ : list of int
        Number of mistakes (updates) in each epoch.
    """

    def __init__(self, eta0=1.0, max_iter=1000, shuffle=False, random_state=None,
                 fit_intercept=True):
        self.eta0 = eta0
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Learn the weights from ``X`` (n_samples, n_features) and labels ``y``."""
        eta = check(self.eta0, "eta0", POSITIVE)
        check(self.max_iter, "max_iter", POSITIVE_INT)
        X, y = _check_X_y(X, y)
        classes, y_index = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(f"y must hold at least 2 classes, got {len(classes)} ({classes})")
        # targets t in {-1, +1}: one column for two classes, one per class otherwise
        if len(classes) == 2:
            targets = np.where(y_index == 1, 1.0, -1.0)[:, None]
        else:
            targets = np.where(y_index[:, None] == np.arange(len(classes)), 1.0, -1.0)
        w = np.zeros((X.shape[1], targets.shape[1]))
        b = np.zeros(targets.shape[1])
        rng = check_random_state(self.random_state)
        self.mistakes_ = []
        for epoch in range(self.max_iter):
            order = rng.permutation(len(X)) if self.shuffle else range(len(X))
            mistakes = 0
            for i in order:
                wrong = targets[i] * (X[i] @ w + b) <= 0  # one flag per perceptron
                if wrong.any():
                    step = eta * targets[i] * wrong
                    w += np.outer(X[i], step)
                    if self.fit_intercept:
                        b += step
                    mistakes += int(wrong.sum())
            self.mistakes_.append(mistakes)
            if mistakes == 0:
                break
        self.coef_, self.intercept_, self.classes_ = w, b, classes
        self.n_iter_ = epoch + 1
        return self

    def decision_function(self, X):
        """Scores :math:`z = Xw + b`, shape (n_samples,) for two classes."""
        self._check_fitted()
        X = _check_X(X, self.coef_.shape[0])
        scores = X @ self.coef_ + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X):
        """The class on the positive side (two classes) or with the largest score."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

    def score(self, X, y):
        """Accuracy on ``(X, y)``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

    def _check_fitted(self):
        if not hasattr(self, "coef_"):
            raise RuntimeError("this Perceptron is not fitted yet: call fit(X, y) first")


def _check_X(X, n_features=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X is empty: at least one sample is needed")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but the perceptron was fitted with {n_features}")
    return X


def _check_X_y(X, y):
    X = _check_X(X)
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (n_samples,), got shape {y.shape}")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    return X, y
