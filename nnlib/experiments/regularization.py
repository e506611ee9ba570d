"""Dropout against the loss curves, and where early stopping stops."""

import functools

import numpy as np


@functools.lru_cache(maxsize=None)
def regularization_curves(dropout, epochs=300):
    """Training and validation loss per epoch of a 2-64-64-2 ReLU network (He-uniform
    weights, dropout with rate ``dropout`` after each hidden layer) trained by Adam in
    batches of 16 on 80 noisy two-moons points, validated on 500 others.

    The training loss is the one the updates see, measured with dropout active.
    Cached: the panel asks for the same few rates again and again.

    Returns
    -------
    train, val : arrays of shape (epochs,)
    """
    from .. import datasets
    from ..builders import mlp
    from ..optimizers import Adam
    from ..training import fit

    X, y = datasets.moons(n_samples=80, noise=0.35, random_state=0)
    X_val, y_val = datasets.moons(n_samples=500, noise=0.35, random_state=1)
    net = mlp([2, 64, 64, 2], "relu", dropout=dropout, weight_init="he_uniform", random_state=0)
    history = fit(net, X, np.eye(2)[y], loss="categorical_cross_entropy", optimizer=Adam(0.002),
                  epochs=epochs, batch_size=16, random_state=0,
                  validation_data=(X_val, np.eye(2)[y_val]))
    return np.array(history["loss"]), np.array(history["val_loss"])


def early_stopping_point(val_loss, patience):
    r"""Where :class:`~nnlib.EarlyStopping` with this ``patience`` ends training on the
    validation losses ``val_loss``: after the first epoch :math:`t` with
    :math:`\min_{s \le t} L_{val}(s)` unchanged for ``patience`` epochs.

    Returns
    -------
    stop, best : int
        The epoch (1-based) after which training ends, and the best epoch, whose
        weights early stopping restores.
    """
    from ..training import EarlyStopping

    stopper = EarlyStopping(patience=patience, restore_best_weights=False)
    for epoch, value in enumerate(val_loss):
        if stopper.update(epoch, float(value), None):
            return epoch + 1, stopper.best_epoch + 1
    return len(val_loss), stopper.best_epoch + 1
