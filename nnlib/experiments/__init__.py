"""The computations behind the book's experiments and interactive panels.

Plain functions of NumPy arrays and nnlib's models, one module per concept; none of
them imports matplotlib or ipywidgets, so a chapter, a test or a graded exercise can
call them without loading a plotting library. The panels (:mod:`nnlib.panels`) draw
what these functions compute.

- :mod:`~nnlib.experiments.bowl`: an optimizer's path down a quadratic bowl;
- :mod:`~nnlib.experiments.signal_propagation`: activations and gradients of every
  layer at initialization, and their spread;
- :mod:`~nnlib.experiments.approximation`: sigmoid bumps by hand, a trained 1-n-1 network;
- :mod:`~nnlib.experiments.regularization`: dropout's loss curves, where early stopping stops;
- :mod:`~nnlib.experiments.playground`: the playground's data, network and training run.
"""

from .approximation import bumps, fit_one_hidden_layer, hand_built
from .bowl import BOWL_CURVATURE, descend_bowl
from .playground import (PLAYGROUND_DATASETS, PLAYGROUND_DEFAULTS, parse_playground_state,
                         playground_state, train_playground)
from .regularization import early_stopping_point, regularization_curves
from .signal_propagation import LayerSignals, layer_signals, layer_statistics, trend

__all__ = ["BOWL_CURVATURE", "descend_bowl", "LayerSignals", "layer_signals", "layer_statistics",
           "trend", "bumps", "hand_built", "fit_one_hidden_layer", "regularization_curves",
           "early_stopping_point", "PLAYGROUND_DATASETS", "PLAYGROUND_DEFAULTS",
           "playground_state", "parse_playground_state", "train_playground"]
