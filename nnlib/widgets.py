"""Interactive panels: thin ipywidgets layers over plain drawing functions.

A :class:`Panel` has two faces, shown from one notebook output:

* **with a kernel** (Jupyter, Binder, Colab) it is an ipywidgets panel: every change of a
  control calls the drawing function again;
* **without one** (the rendered book) it is a small self-contained HTML page: every
  figure of the control grid was drawn when the notebook ran, and a few lines of
  JavaScript show the one matching the controls. The book prefers this ``text/html``
  form (``nb_mime_priority_overrides`` in ``_config.yml``); Jupyter shows the widgets.

The drawing functions (``draw_*`` below) are plain functions of the control values:
they draw on a matplotlib ``Axes`` and return a sentence describing the figure, which
is printed under it and becomes its alt text.
"""

import base64
import hashlib
import html
import io
import itertools
import json

import matplotlib.pyplot as plt
import numpy as np

from . import viz

__all__ = ["Choice", "Panel", "activation_panel", "architecture_panel",
           "draw_activation", "draw_architecture"]

_PANEL_NUMBERS = itertools.count(1)  # tells two panels of one page apart


class Choice:
    """One control of a panel: a label, the values it offers, and where it starts.

    Parameters
    ----------
    label : str
    values : sequence
        Every value the control offers. The static page holds a figure for each
        combination of the panel's controls, so keep this short.
    value : optional
        The starting value (default: the first).
    kind : {"dropdown", "slider"}
        A menu, or a slider stepping through ``values``.
    redraws : bool, default True
        False for a control that changes only the figure's description, not the
        figure: the static page then draws one figure for all of its values.
    """

    def __init__(self, label, values, value=None, kind="dropdown", redraws=True):
        self.label, self.values = label, list(values)
        if not self.values:
            raise ValueError(f"control {label!r} needs at least one value")
        self.value = self.values[0] if value is None else value
        if self.value not in self.values:
            raise ValueError(f"control {label!r}: start value {value!r} is not among {self.values}")
        if kind not in ("dropdown", "slider"):
            raise ValueError(f"kind must be 'dropdown' or 'slider', got {kind!r}")
        self.kind, self.redraws = kind, bool(redraws)

    def widget(self):
        """The ipywidgets control."""
        import ipywidgets as widgets
        options = [(_text(v), v) for v in self.values]
        cls = widgets.Dropdown if self.kind == "dropdown" else widgets.SelectionSlider
        return cls(options=options, value=self.value, description=self.label,
                   style={"description_width": "initial"})


class Panel:
    """An interactive figure: controls that redraw it live, and a static copy of it.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **values)`` draws one setting of the controls; returns its description.
    controls : dict of name -> Choice
    figsize : (float, float)
    dpi : int
        Resolution of the static figures (kept low: the page holds all of them).
    """

    def __init__(self, draw, controls, figsize=(6.5, 4.0), dpi=90):
        self.draw, self.controls = draw, dict(controls)
        self.figsize, self.dpi = figsize, dpi

    def grid(self):
        """Every combination of the control values, as dicts."""
        names = list(self.controls)
        for combo in itertools.product(*(c.values for c in self.controls.values())):
            yield dict(zip(names, combo))

    def render(self, fig=None, png=True, **values):
        """One figure as PNG bytes (a 64-colour palette: small, and exact for line art)
        and its description. ``fig``: a figure to draw on (cleared first), to save
        making a new one for every state of the grid; ``png=False`` only describes."""
        from PIL import Image

        own = fig is None
        fig = plt.figure(figsize=self.figsize) if own else fig
        try:
            fig.clear()
            description = self.draw(fig.add_subplot(), **values)
            buffer = io.BytesIO()
            if png:
                fig.savefig(buffer, format="png", dpi=self.dpi)
        finally:
            if own:
                plt.close(fig)
        if not png:
            return None, description
        buffer.seek(0)
        image = Image.open(buffer).convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
        out = io.BytesIO()
        image.save(out, format="png", optimize=True)
        return out.getvalue(), description

    def static_html(self):
        """The panel as self-contained HTML: native controls, every distinct figure of the
        grid embedded once, its description shown below it (and as its alt text), and a
        script that shows the figure the controls select."""
        images, descriptions, index = [], [], {}
        drawn = {}  # figure (as base64 PNG) by the values of the controls that redraw
        fig = plt.figure(figsize=self.figsize)
        try:
            for values in self.grid():
                figure_key = tuple(values[n] for n, c in self.controls.items() if c.redraws)
                png, description = self.render(fig, png=figure_key not in drawn, **values)
                if png is not None:
                    drawn[figure_key] = base64.b64encode(png).decode("ascii")
                encoded = drawn[figure_key]
                self._add_state(values, encoded, description, images, descriptions, index)
        finally:
            plt.close(fig)
        data = json.dumps({"images": images, "descriptions": descriptions, "index": index})
        uid = f"nnlib-panel-{hashlib.sha1(data.encode()).hexdigest()[:10]}-{next(_PANEL_NUMBERS)}"
        start = index[",".join(str(c.values.index(c.value)) for c in self.controls.values())]
        image, description = images[start[0]], html.escape(descriptions[start[1]])
        controls = "\n".join(_static_control(uid, name, c) for name, c in self.controls.items())
        return f"""<div class="nnlib-panel" id="{uid}">
<div class="nnlib-panel-controls" style="display:flex;flex-wrap:wrap;gap:0.5em 1.5em;margin-bottom:0.5em">
{controls}
</div>
<img src="data:image/png;base64,{image}" alt="{description}" style="max-width:100%;height:auto">
<p class="nnlib-panel-description" aria-live="polite">{description}</p>
<script>
(function () {{
  var data = {data};
  var root = document.getElementById("{uid}");
  var image = root.querySelector("img");
  var description = root.querySelector(".nnlib-panel-description");
  var controls = Array.prototype.slice.call(root.querySelectorAll("[data-control]"));
  function show() {{
    var entry = data.index[controls.map(function (c) {{ return c.value; }}).join(",")];
    image.src = "data:image/png;base64," + data.images[entry[0]];
    image.alt = description.textContent = data.descriptions[entry[1]];
    controls.forEach(function (c) {{
      var out = root.querySelector("output[for='" + c.id + "']");
      if (out) {{ out.textContent = JSON.parse(c.dataset.labels)[c.value]; }}
    }});
  }}
  controls.forEach(function (c) {{ c.addEventListener("input", show); c.addEventListener("change", show); }});
}})();
</script>
</div>"""

    def _add_state(self, values, image, description, images, descriptions, index):
        """Record one state of the grid, storing each distinct image and description once."""
        for item, store in ((image, images), (description, descriptions)):
            if item not in store:
                store.append(item)
        key = ",".join(str(c.values.index(values[n])) for n, c in self.controls.items())
        index[key] = [images.index(image), descriptions.index(description)]

    def widget(self):
        """The live ipywidgets panel (needs a kernel to redraw)."""
        import ipywidgets as widgets
        from IPython.display import display

        controls = {name: c.widget() for name, c in self.controls.items()}

        def redraw(**values):
            fig, ax = plt.subplots(figsize=self.figsize)
            description = self.draw(ax, **values)
            display(fig)
            plt.close(fig)
            print(description)

        output = widgets.interactive_output(redraw, controls)
        row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([row, output])

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        return bundle


def _text(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _static_control(uid, name, choice):
    """A labelled native control whose value is the index of the chosen value."""
    ident = f"{uid}-{name}"
    start = choice.values.index(choice.value)
    labels = html.escape(json.dumps([_text(v) for v in choice.values]))
    label = f'<label for="{ident}">{html.escape(choice.label)}</label>'
    if choice.kind == "dropdown":
        options = "".join(f'<option value="{i}"{" selected" if i == start else ""}>{html.escape(_text(v))}</option>'
                          for i, v in enumerate(choice.values))
        return (f'<span>{label} <select id="{ident}" data-control="{name}" '
                f'data-labels="{labels}">{options}</select></span>')
    return (f'<span>{label} <input type="range" id="{ident}" data-control="{name}" '
            f'data-labels="{labels}" min="0" max="{len(choice.values) - 1}" step="1" value="{start}"> '
            f'<output for="{ident}">{html.escape(_text(choice.value))}</output></span>')


# --- 1. activation explorer ------------------------------------------------------------
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "step"]


def draw_activation(ax, name="sigmoid", alpha=0.1, z_max=5.0):
    """Draw ``name`` and its derivative on [-z_max, z_max], saturated inputs shaded;
    return a description of the figure."""
    params = {"alpha": alpha} if name in ("leaky_relu", "elu") else {}
    viz.plot_activation(name, -z_max, z_max, ax=ax, **params)
    with_alpha = f" with α = {alpha:g}" if params else ""
    ax.set_title(f"{name}{with_alpha}")
    z = np.linspace(-z_max, z_max, 801)
    shaded = viz.saturated_regions(name, z, **params) if name != "step" else np.zeros_like(z, bool)
    share = f"{shaded.mean():.0%} of the inputs shaded as saturated" if shaded.any() else "no region shaded as saturated"
    return (f"The {name} activation{with_alpha} (solid line) and its derivative (dashed) for "
            f"inputs from {-z_max:g} to {z_max:g}, with {share}.")


def activation_panel(name="sigmoid"):
    """Activation explorer: the function, α (leaky ReLU and ELU), the input range; f, f' and saturation."""
    return Panel(draw_activation, {
        "name": Choice("activation", ACTIVATIONS, name),
        "alpha": Choice("α (leaky ReLU, ELU)", [0.01, 0.1, 0.3, 0.5, 1.0], 0.1, kind="slider"),
        "z_max": Choice("input range ±", [2.0, 5.0, 10.0], 5.0, kind="slider"),
    })


# --- 2. architecture visualizer --------------------------------------------------------
def draw_architecture(ax, n_inputs=4, n_hidden_layers=2, width=4, n_outputs=3, output="softmax", seed=0):
    """Draw a fully connected network with Xavier-initialized weights (colour: sign,
    thickness: size) and its parameter counts per layer; return a description."""
    from .initializers import get_initializer

    sizes = [n_inputs] + [width] * n_hidden_layers + [n_outputs]
    rng = np.random.default_rng(seed)
    weights = [get_initializer("xavier_uniform")((a, b), rng) for a, b in zip(sizes[:-1], sizes[1:])]
    viz.draw_network(sizes, weights=weights, ax=ax)
    per_layer = [w + b for _, _, w, b in viz.layer_parameter_counts(sizes)]
    total, terms = sum(per_layer), " + ".join(map(str, per_layer))
    ax.set_title(f"{' → '.join(map(str, sizes))}: {total:,} parameters ({terms})", fontsize=10)
    hidden = (f"{n_hidden_layers} hidden layer{'s' if n_hidden_layers != 1 else ''} of {width} neurons"
              if n_hidden_layers else "no hidden layer")
    return (f"A network with {n_inputs} inputs, {hidden} and {n_outputs} output"
            f"{'s' if n_outputs != 1 else ''} with {output} activation. Connections are blue for "
            f"positive and orange for negative weights, thicker for larger ones. Parameters per "
            f"layer (weights + biases): {terms}; {total:,} in total.")


def architecture_panel():
    """Architecture visualizer: inputs, hidden layers, neurons per layer, outputs and their
    activation; draws the network with its weights and counts its parameters."""
    return Panel(draw_architecture, {
        "n_inputs": Choice("inputs", [2, 4, 8], 4, kind="slider"),
        "n_hidden_layers": Choice("hidden layers", [0, 1, 2, 3], 2, kind="slider"),
        "width": Choice("neurons per hidden layer", [2, 4, 8], 4, kind="slider"),
        "n_outputs": Choice("outputs", [1, 3], 3, kind="slider"),
        "output": Choice("output activation", ["softmax", "sigmoid", "identity"], redraws=False),
    }, figsize=(6.5, 3.6))
