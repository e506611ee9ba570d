"""Interactive panels: thin ipywidgets layers over the plain functions of :mod:`nnlib.viz`.

Each ``*_panel()`` returns a widget box; every control change redraws by calling the
underlying plotting function, which is tested on its own.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt

from . import viz

__all__ = ["activation_panel", "architecture_panel"]

_ELEMENTWISE = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "step", "identity"]


def _panel(controls, draw):
    def redraw(**values):
        fig, ax = plt.subplots(figsize=(6.5, 4))
        draw(ax, **values)
        plt.show()
        plt.close(fig)

    output = widgets.interactive_output(redraw, controls)
    return widgets.VBox([widgets.HBox(list(controls.values())), output])


def activation_panel(name="sigmoid"):
    """Activation explorer: choose the function, α, the input range; see f, f' and saturation."""
    controls = {
        "name": widgets.Dropdown(options=_ELEMENTWISE, value=name, description="activation"),
        "alpha": widgets.FloatSlider(value=0.1, min=0.0, max=1.0, step=0.05, description="α"),
        "z_max": widgets.FloatSlider(value=5.0, min=1.0, max=10.0, step=0.5, description="range ±"),
    }

    def draw(ax, name, alpha, z_max):
        params = {"alpha": alpha} if name in ("leaky_relu", "elu") else {}
        viz.plot_activation(name, -z_max, z_max, ax=ax, **params)

    return _panel(controls, draw)


def architecture_panel():
    """Architecture visualizer: inputs, hidden layers, neurons per layer, outputs; shows the
    drawing and the number of parameters."""
    controls = {
        "n_inputs": widgets.IntSlider(value=4, min=1, max=10, description="inputs"),
        "n_hidden_layers": widgets.IntSlider(value=2, min=0, max=5, description="hidden layers"),
        "width": widgets.IntSlider(value=6, min=1, max=16, description="neurons"),
        "n_outputs": widgets.IntSlider(value=3, min=1, max=10, description="outputs"),
    }

    def draw(ax, n_inputs, n_hidden_layers, width, n_outputs):
        sizes = [n_inputs] + [width] * n_hidden_layers + [n_outputs]
        viz.draw_network(sizes, ax=ax)
        total = sum(w + b for _, _, w, b in viz.layer_parameter_counts(sizes))
        ax.set_title(f"{' → '.join(map(str, sizes))}: {total:,} parameters")

    return _panel(controls, draw)

