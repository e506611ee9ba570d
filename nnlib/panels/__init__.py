"""Interactive panels: thin ipywidgets layers over plain drawing functions.

A :class:`Panel` (:mod:`nnlib.panels.base`) has two faces, shown from one notebook output:

* **with a kernel** (Jupyter, Binder, Colab; ipywidgets 7.7 or 8) it is an ipywidgets
  panel: every change of a control calls the drawing function again;
* **without one** (the rendered book) it is a small self-contained HTML page: every
  figure of the control grid was drawn when the notebook ran, and a few lines of
  JavaScript show the one matching the controls. The book prefers this ``text/html``
  form (``nb_mime_priority_overrides`` in ``_config.yml``); Jupyter shows the widgets.

Drawing every figure of the grid takes seconds, so the static copy is made only when
the environment variable ``NNLIB_STATIC_PANELS=1`` is set (``make notebooks`` sets it, so the stored outputs the book shows carry the copy).
Otherwise the HTML form only says how to make the panel live, and the panel shows
within a fraction of a second.

One module per panel. Its drawing function (``draw_*``) is a plain function of the
control values: it draws on a matplotlib ``Axes`` and returns a sentence describing
the figure, which is shown under it and becomes its alt text. The computations behind
the figures (``descend_bowl``, ``layer_signals``, ``bumps``, ``early_stopping_point``,
...) live in :mod:`nnlib.experiments`, which imports neither matplotlib nor ipywidgets.
``PANELS`` lists every panel.
"""

from ..experiments import (BOWL_CURVATURE, PLAYGROUND_DATASETS, PLAYGROUND_DEFAULTS,
                           descend_bowl, early_stopping_point, parse_playground_state,
                           playground_state, regularization_curves, train_playground, trend)
from .activation import ACTIVATIONS, activation_panel, draw_activation
from .approximation import TARGETS, approximation_panel, draw_approximation
from .architecture import NETWORKS, architecture_panel, draw_architecture
from .base import LIVE_NOTE, STATIC_PANELS_VARIABLE, Choice, Panel, static_copies_wanted
from .initialization import INITIALIZATIONS, draw_initialization, initialization_panel
from .learning_rate import draw_learning_rate, learning_rate_panel
from .playground import draw_playground, playground_panel
from .regularization import draw_regularization, regularization_panel

PANELS = {"activation explorer": activation_panel, "architecture visualizer": architecture_panel,
          "learning-rate explorer": learning_rate_panel, "initialization explorer": initialization_panel,
          "universal approximation": approximation_panel, "regularization": regularization_panel,
          "playground": playground_panel}
"""Every panel of the book, by name: the tests and the benchmark go through this list."""

__all__ = ["Choice", "Panel", "PANELS", "STATIC_PANELS_VARIABLE", "LIVE_NOTE", "static_copies_wanted",
           "activation_panel", "architecture_panel", "learning_rate_panel", "initialization_panel",
           "approximation_panel", "regularization_panel", "playground_panel",
           "draw_activation", "draw_architecture", "draw_learning_rate", "draw_initialization",
           "draw_approximation", "draw_regularization", "draw_playground",
           "ACTIVATIONS", "NETWORKS", "INITIALIZATIONS", "TARGETS",
           # the computations live in nnlib.experiments; these names stay for the callers
           # of nnlib.widgets.X (the playground's state string is printed by the panel)
           "BOWL_CURVATURE", "PLAYGROUND_DATASETS", "PLAYGROUND_DEFAULTS", "playground_state",
           "parse_playground_state", "train_playground", "trend", "descend_bowl",
           "early_stopping_point", "regularization_curves"]
