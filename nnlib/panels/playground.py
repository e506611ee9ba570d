"""Playground: a small network on 2-D toy data, every training setting a control."""

import numpy as np

from .. import viz
from ..experiments.playground import (PLAYGROUND_DATASETS, PLAYGROUND_DEFAULTS,
                                     parse_playground_state, playground_run, playground_state)
from .base import Choice, Panel


def draw_playground(axes, **values):
    """Decision boundary with the training and test points (left), training and test loss (right)."""
    settings = {**PLAYGROUND_DEFAULTS, **values}
    model, (X_train, y_train), (X_test, y_test), history = playground_run(
        *(settings[key] for key in PLAYGROUND_DEFAULTS))
    boundary, curves = axes

    def predict(points):
        return np.argmax(model.forward(points), axis=1)

    viz.plot_decision_boundary(predict, np.vstack([X_train, X_test]), np.concatenate([y_train, y_test]),
                               ax=boundary, resolution=60)
    boundary.scatter(X_test[:, 0], X_test[:, 1], s=40, facecolors="none", edgecolors="k", linewidths=0.8,
                     label="test points (ringed)")
    boundary.legend(loc="lower right", fontsize="x-small", frameon=True)
    # plain-text axis labels: typesetting viz's "$x_1$" took a tenth of a redraw
    # no tick marks on the standardized features: a redraw then builds no tick objects
    boundary.set(xlabel="x₁", ylabel="x₂", xticks=[], yticks=[])
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
        "batch": number("batch size", [1, 4, 16, 64, 140], "batch", static=False),
        "dropout": number("dropout", [0.0, 0.1, 0.2, 0.5], "dropout", static=False),
        "l2": number("L2", [0.0, 0.001, 0.01, 0.1], "l2", static=False),
        "epochs": number("epochs", [50, 100, 200], "epochs", static=False),
        "seed": number("seed", [0, 1, 2], "seed", static=False),
    }, figsize=(9.0, 3.8), ncols=2, dpi=72)
