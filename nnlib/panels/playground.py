"""Playground: a small network on 2-D toy data, every training setting a control."""

import numpy as np

from .. import viz
from .base import Choice, Panel, _text


PLAYGROUND_DATASETS = ["xor", "circles", "spiral", "moons"]
PLAYGROUND_DEFAULTS = {"data": "moons", "noise": 0.1, "test": 0.3, "hidden": "8,8", "activation": "tanh",
                       "lr": 0.03, "batch": 16, "dropout": 0.0, "l2": 0.0, "epochs": 150, "seed": 0}


def playground_state(**values):
    """The short string that reproduces a playground setup, e.g.
    ``"data=moons;noise=0.1;test=0.3;hidden=8,8;activation=tanh;lr=0.03;batch=16;dropout=0;l2=0;epochs=150;seed=0"``."""
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


def train_playground(data="moons", noise=0.2, test=0.3, hidden="8,8", activation="tanh", lr=0.03,
                     batch=16, dropout=0.0, l2=0.0, epochs=150, seed=0, progress=False):
    """Train the playground's network; returns (model, (X_train, y_train), (X_test, y_test), history)."""
    from sklearn.model_selection import train_test_split

    from .. import datasets
    from ..layers import Activation, Dense, Dropout
    from ..model import Sequential
    from ..optimizers import Adam
    from ..training import fit

    make = {"xor": datasets.xor, "circles": datasets.circles, "moons": datasets.moons,
            "spiral": lambda **kw: datasets.spirals(turns=1.25, **kw)}[data]
    X, y = make(n_samples=300, noise=noise, random_state=seed)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test, random_state=seed, stratify=y)
    sizes = [2] + [int(n) for n in str(hidden).split(",") if n] + [2]
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-2], sizes[1:-1])):
        layers += [Dense(a, b, weight_init="he_uniform" if activation == "relu" else "xavier_uniform",
                         random_state=seed + i), Activation(activation)]
        if dropout:
            layers.append(Dropout(dropout, random_state=seed + 100 + i))
    model = Sequential(layers + [Dense(sizes[-2], 2, random_state=seed + 99)])
    history = fit(model, X_train, np.eye(2)[y_train], loss="categorical_cross_entropy",
                  optimizer=Adam(lr), epochs=epochs, batch_size=batch, l2=l2, random_state=seed,
                  validation_data=(X_test, np.eye(2)[y_test]), progress=progress)
    return model, (X_train, y_train), (X_test, y_test), history


def draw_playground(axes, **values):
    """Decision boundary with the training and test points (left), training and test loss (right)."""
    settings = {**PLAYGROUND_DEFAULTS, **values}
    model, (X_train, y_train), (X_test, y_test), history = train_playground(**settings)
    boundary, curves = axes

    def predict(points):
        return np.argmax(model.forward(points), axis=1)

    viz.plot_decision_boundary(predict, np.vstack([X_train, X_test]), np.concatenate([y_train, y_test]),
                               ax=boundary, resolution=60)
    boundary.scatter(X_test[:, 0], X_test[:, 1], s=40, facecolors="none", edgecolors="k", linewidths=0.8,
                     label="test points (ringed)")
    boundary.legend(loc="lower right", fontsize="x-small", frameon=True)
    boundary.set_title(f"{settings['data']}: {settings['hidden']} {settings['activation']}", fontsize=10)
    viz.plot_loss_curves({"training": history["loss"], "test": history["val_loss"]}, ax=curves, log=True)
    curves.set_title("loss per epoch", fontsize=10)
    train_accuracy = float(np.mean(predict(X_train) == y_train))
    test_accuracy = float(np.mean(predict(X_test) == y_test))
    return (f"The {settings['data']} data set with a network of hidden layers {settings['hidden']} "
            f"({settings['activation']}): its decision regions with the training points and the "
            f"ringed test points (left) and the training and test loss per epoch (right). "
            f"Accuracy: training {train_accuracy:.0%}, test {test_accuracy:.0%}. "
            f"State: {playground_state(**settings)}")


def playground_panel(state=""):
    """Playground on 2-D toy data. The data set, the hidden layers and the activation also
    work in the static book; every control works with a kernel. ``state``: a string from
    :func:`playground_state` (printed under the figure) to start from."""
    start = parse_playground_state(state)
    hidden_options = sorted({"2", "8", "8,8", "16,16,16", start["hidden"]}, key=lambda h: (h.count(","), h))
    number = lambda label, values, key, **kw: Choice(label, sorted(set(values) | {start[key]}), start[key],
                                                     kind="slider", **kw)
    return Panel(draw_playground, {
        "data": Choice("data", PLAYGROUND_DATASETS, start["data"]),
        "hidden": Choice("hidden layers", hidden_options, start["hidden"]),
        "activation": Choice("activation", ["tanh", "relu", "sigmoid"], start["activation"]),
        "noise": number("noise", [0.0, 0.1, 0.2, 0.3, 0.5], "noise", static=False),
        "test": number("test fraction", [0.2, 0.3, 0.5], "test", static=False),
        "lr": number("learning rate", [0.001, 0.003, 0.01, 0.03, 0.1, 0.3], "lr", static=False),
        "batch": number("batch size", [1, 4, 16, 64, 210], "batch", static=False),
        "dropout": number("dropout", [0.0, 0.1, 0.2, 0.5], "dropout", static=False),
        "l2": number("L2", [0.0, 0.001, 0.01, 0.1], "l2", static=False),
        "epochs": number("epochs", [50, 150, 300], "epochs", static=False),
        "seed": number("seed", [0, 1, 2], "seed", static=False),
    }, figsize=(9.0, 3.8), ncols=2, dpi=72)
