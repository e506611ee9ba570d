"""nnlib: a small, readable, vectorized neural-network library.

Written for the book *Neural Networks Fundamentals*: one module per concept, the
formula of every computation in its docstring, and nothing hidden.

>>> from nnlib import MLPClassifier          # scikit-learn's API
>>> from nnlib import Sequential, Dense, Activation, Adam, fit   # the parts
"""

from . import (activations, backend, batching, builders, callbacks, clipping, datasets,
               functional, gradcheck, initializers, layers, losses, model, optimizers,
               parameters, pooling, schedules, training, validation)
from .builders import mlp
from .layers import Activation, Dense, Dropout, Flatten, PReLU
from .pooling import AvgPool1D, AvgPool2D, MaxPool1D, MaxPool2D
from .losses import (BinaryCrossEntropy, CategoricalCrossEntropy, HalfSquaredError,
                     MeanSquaredError, PoissonDeviance)
from .model import Sequential
from .optimizers import SGD, Adam, RMSprop
from .perceptron import Perceptron
from .schedules import Constant, ExponentialDecay, InverseTimeDecay, StepDecay
from .callbacks import DivergenceError, DivergenceWarning, EarlyStopping, History
from .training import fit

__version__ = "0.1.0"

__all__ = [
    "activations", "backend", "batching", "builders", "callbacks", "clipping",
    "datasets", "functional", "gradcheck", "initializers", "layers", "losses", "model",
    "optimizers", "parameters", "pooling", "schedules", "training", "validation", "mlp",
    "Activation", "AvgPool1D", "AvgPool2D", "Dense", "Dropout", "Flatten", "MaxPool1D",
    "MaxPool2D", "PReLU", "BinaryCrossEntropy", "CategoricalCrossEntropy",
    "HalfSquaredError", "MeanSquaredError", "PoissonDeviance", "Sequential", "SGD",
    "Adam", "RMSprop", "Perceptron", "Constant", "ExponentialDecay", "InverseTimeDecay",
    "StepDecay", "DivergenceError", "DivergenceWarning", "EarlyStopping", "History",
    "fit", "MLPClassifier", "MLPRegressor",
]


def __getattr__(name):
    # Modules that import scikit-learn, matplotlib or ipywidgets load only when asked for.
    import importlib
    if name in ("estimators", "mlp_base", "solvers", "viz", "widgets"):
        return importlib.import_module(f"nnlib.{name}")
    if name in ("MLPClassifier", "MLPRegressor"):
        return getattr(importlib.import_module("nnlib.estimators"), name)
    raise AttributeError(f"module 'nnlib' has no attribute {name!r}")
