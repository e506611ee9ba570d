"""The playground's run (chapter 12): a toy data set, a network and its training,
all set by a short state string."""

import functools

import numpy as np

PLAYGROUND_DATASETS = ["xor", "circles", "spiral", "moons"]
PLAYGROUND_DEFAULTS = {"data": "moons", "noise": 0.1, "test": 0.3, "hidden": "8,8", "activation": "tanh",
                       "lr": 0.03, "batch": 16, "dropout": 0.0, "l2": 0.0, "epochs": 100, "seed": 0}
N_SAMPLES = 200
"""Points of the data set, before the split into training and test points (few enough
that a run of the default setting trains within a redraw's tenth of a second)."""


def _text(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def playground_state(**values):
    """The short string that reproduces a playground setup, e.g.
    ``"data=moons;noise=0.1;test=0.3;hidden=8,8;activation=tanh;lr=0.03;batch=16;dropout=0;l2=0;epochs=100;seed=0"``."""
    settings = {**PLAYGROUND_DEFAULTS, **values}
    return ";".join(f"{key}={_text(settings[key])}" for key in PLAYGROUND_DEFAULTS)


def parse_playground_state(state):
    """The settings of a :func:`playground_state` string, as a dict (unknown keys are an error)."""
    settings = dict(PLAYGROUND_DEFAULTS)
    for item in filter(None, state.split(";")):
        key, sep, value = item.partition("=")
        if not sep or key not in settings:
            raise ValueError(f"state: expected key=value pairs with keys {list(settings)}, got {item!r}")
        kind = type(PLAYGROUND_DEFAULTS[key])
        settings[key] = value if kind is str else kind(float(value)) if kind is int else float(value)
    return settings


def playground_data(data="moons", noise=0.1, test=0.3, seed=0):
    """The data set ``data`` with ``noise`` (standardized: mean 0, std 1 per feature),
    split into a stratified ``test`` fraction and the rest.

    Returns (X_train, y_train), (X_test, y_test).
    """
    from sklearn.model_selection import train_test_split

    from .. import datasets

    make = {"xor": datasets.xor, "circles": datasets.circles, "moons": datasets.moons,
            "spiral": lambda **kw: datasets.spirals(turns=1.25, **kw)}[data]
    X, y = make(n_samples=N_SAMPLES, noise=noise, random_state=seed)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test, random_state=seed,
                                                        stratify=y)
    return (X_train, y_train), (X_test, y_test)


def train_playground(data="moons", noise=0.1, test=0.3, hidden="8,8", activation="tanh", lr=0.03,
                     batch=16, dropout=0.0, l2=0.0, epochs=100, seed=0, progress=False):
    """Train the playground's network: hidden layers ``hidden`` (e.g. ``"8,8"``) of
    ``activation`` (He-uniform weights for ReLU, Xavier-uniform otherwise), 2 softmax
    outputs, cross-entropy with an L2 penalty ``l2``, Adam with rate ``lr``, minibatches
    of ``batch``, dropout ``dropout``, ``epochs`` epochs; ``seed`` draws the data, the
    split, the weights and the batches.

    Returns
    -------
    model, (X_train, y_train), (X_test, y_test), history
    """
    from ..builders import mlp
    from ..optimizers import Adam
    from ..training import fit

    (X_train, y_train), (X_test, y_test) = playground_data(data, noise, test, seed)
    sizes = [2] + [int(n) for n in str(hidden).split(",") if n] + [2]
    model = mlp(sizes, activation, dropout=dropout, random_state=seed,
                weight_init="he_uniform" if activation == "relu" else "xavier_uniform")
    history = fit(model, X_train, np.eye(2)[y_train], loss="categorical_cross_entropy",
                  optimizer=Adam(lr), epochs=epochs, batch_size=batch, l2=l2, random_state=seed,
                  validation_data=(X_test, np.eye(2)[y_test]), progress=progress)
    return model, (X_train, y_train), (X_test, y_test), history


@functools.lru_cache(maxsize=64)
def playground_run(data, noise, test, hidden, activation, lr, batch, dropout, l2, epochs, seed):
    """:func:`train_playground` for one setting, remembered: a reader who moves a
    control back to a setting seen before gets its run at once."""
    return train_playground(data, noise, test, hidden, activation, lr, batch, dropout, l2,
                            epochs, seed)
