"""Interactive panels: thin ipywidgets layers over plain drawing functions.

A :class:`Panel` has two faces, shown from one notebook output:

* **with a kernel** (Jupyter, Binder, Colab; ipywidgets 7.7 or 8) it is an ipywidgets
  panel: every change of a control calls the drawing function again;
* **without one** (the rendered book) it is a small self-contained HTML page: every
  figure of the control grid was drawn when the notebook ran, and a few lines of
  JavaScript show the one matching the controls. The book prefers this ``text/html``
  form (``nb_mime_priority_overrides`` in ``_config.yml``); Jupyter shows the widgets.

Drawing every figure of the grid takes seconds, so the static copy is made only when
the environment variable ``NNLIB_STATIC_PANELS=1`` is set (the book's build sets it).
Otherwise the HTML form only says how to make the panel live, and the panel shows
within a fraction of a second.

The drawing functions (``draw_*`` below) are plain functions of the control values:
they draw on a matplotlib ``Axes`` and return a sentence describing the figure, which
is printed under it and becomes its alt text. ``PANELS`` lists every panel.
"""

import base64
import functools
import hashlib
import html
import io
import itertools
import json
import os

import numpy as np
from matplotlib.figure import Figure

from . import viz
from .activations import ACTIVATIONS as _REGISTRY

__all__ = ["Choice", "Panel", "PANELS", "STATIC_PANELS_VARIABLE", "LIVE_NOTE",
           "activation_panel", "architecture_panel", "learning_rate_panel", "initialization_panel",
           "approximation_panel", "regularization_panel", "playground_panel",
           "draw_activation", "draw_architecture", "draw_learning_rate", "draw_initialization",
           "draw_approximation", "draw_regularization", "draw_playground",
           "playground_state", "parse_playground_state", "trend",
           "descend_bowl", "layer_statistics", "bumps", "early_stopping_point"]

STATIC_PANELS_VARIABLE = "NNLIB_STATIC_PANELS"
LIVE_NOTE = "Run this cell to make the panel live."
LIVE_DPI = 72  # matplotlib-inline's resolution: what a notebook figure would have
_PANEL_NUMBERS = itertools.count(1)  # tells two panels of one page apart


def static_copies_wanted():
    """True when ``NNLIB_STATIC_PANELS=1``: panels then carry their kernel-free copy."""
    return os.environ.get(STATIC_PANELS_VARIABLE) == "1"


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
    static : bool, default True
        False keeps the control out of the static page's grid (it stays at ``value``
        there, and the page says so): for panels whose full grid would take too long
        to precompute. With a kernel every control works.
    """

    def __init__(self, label, values, value=None, kind="dropdown", static=True):
        self.label, self.values = label, list(values)
        if not self.values:
            raise ValueError(f"control {label!r} needs at least one value")
        self.value = self.values[0] if value is None else value
        if self.value not in self.values:
            raise ValueError(f"control {label!r}: start value {value!r} is not among {self.values}")
        if kind not in ("dropdown", "slider"):
            raise ValueError(f"kind must be 'dropdown' or 'slider', got {kind!r}")
        self.kind, self.static = kind, bool(static)

    def widget(self):
        """The ipywidgets control (the same calls work on ipywidgets 7.7 and 8)."""
        import ipywidgets as widgets
        options = [(_text(v), v) for v in self.values]
        if self.kind == "dropdown":
            return widgets.Dropdown(options=options, value=self.value, description=self.label,
                                    style={"description_width": "initial"})
        return widgets.SelectionSlider(options=options, value=self.value, description=self.label,
                                       continuous_update=False, style={"description_width": "initial"})


class Panel:
    """An interactive figure: controls that redraw it live, and a static copy of it.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **values)`` draws one setting of the controls; returns its description.
        With ``ncols > 1`` it receives an array of ``ncols`` axes side by side.
    controls : dict of name -> Choice
    figsize : (float, float)
    ncols : int
    dpi : int
        Resolution of the static figures (kept low: the page holds all of them).
    inactive : callable, optional
        ``inactive(values)`` -> the names of the controls that do nothing for these
        values (e.g. α for the sigmoid). They are disabled, live and in the static copy.
    """

    def __init__(self, draw, controls, figsize=(6.5, 4.0), ncols=1, dpi=90, inactive=None):
        self.draw, self.controls = draw, dict(controls)
        self.figsize, self.ncols, self.dpi = figsize, ncols, dpi
        self.inactive = inactive or (lambda values: set())

    def start_values(self):
        return {name: c.value for name, c in self.controls.items()}

    def draw_figure(self, fig, values):
        """Clear ``fig`` and draw the state ``values`` on it; return its description."""
        fig.clear()
        with _one_blas_thread():
            description = self.draw(fig.subplots(1, self.ncols), **values)
        if self.ncols > 1:  # fixed margins: tight_layout would cost more than the drawing
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.88, wspace=0.25)
        return description

    def figure(self):
        """A figure of the panel's size, outside pyplot (so Jupyter never shows it twice)."""
        return Figure(figsize=self.figsize)

    def grid(self):
        """Every combination of the values of the static controls (the others at their
        start values), as dicts."""
        names = list(self.controls)
        choices = [c.values if c.static else [c.value] for c in self.controls.values()]
        for combo in itertools.product(*choices):
            yield dict(zip(names, combo))

    def render(self, fig=None, png=True, **values):
        """One figure as PNG bytes (a 64-colour palette: small, and exact for line art)
        and its description. ``fig``: a figure to draw on (cleared first), to save
        making a new one for every state of the grid; ``png=False`` only describes."""
        from PIL import Image

        fig = self.figure() if fig is None else fig
        description = self.draw_figure(fig, values)
        if not png:
            return None, description
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=self.dpi)
        buffer.seek(0)
        image = Image.open(buffer).convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
        out = io.BytesIO()
        image.save(out, format="png", optimize=True)
        return out.getvalue(), description

    def static_html(self):
        """The panel as self-contained HTML: native controls, every distinct figure of the
        grid embedded once, its description shown below it (and as its alt text), and a
        script that shows the figure the controls select.

        The controls start disabled, beside a note that says how to make the panel
        live; the script enables them and hides the note. Where scripts are stripped
        (an untrusted notebook in JupyterLab) the copy is a picture that says so."""
        images, descriptions, index, drawn = [], [], {}, {}
        static = [name for name, c in self.controls.items() if c.static]
        fig = self.figure()
        for values in self.grid():
            off = self.inactive(values)
            # a control that does nothing here cannot change the figure: draw it once
            figure_key = tuple(values[n] for n in self.controls if n not in off)
            png, description = self.render(fig, png=figure_key not in drawn, **values)
            if png is not None:
                drawn[figure_key] = base64.b64encode(png).decode("ascii")
            disabled = [k for k, name in enumerate(static) if name in off]
            self._add_state(values, drawn[figure_key], description, disabled, images, descriptions, index)
        data = json.dumps({"images": images, "descriptions": descriptions, "index": index})
        uid = f"nnlib-panel-{hashlib.sha1(data.encode()).hexdigest()[:10]}-{next(_PANEL_NUMBERS)}"
        start = index[",".join(str(c.values.index(c.value)) for c in self.controls.values() if c.static)]
        image, description = images[start[0]], html.escape(descriptions[start[1]])
        controls = "\n".join(_static_control(uid, name, c) for name, c in self.controls.items() if c.static)
        fixed = [f"{html.escape(c.label)} {html.escape(_text(c.value))}" for c in self.controls.values() if not c.static]
        note = (f'<p class="nnlib-panel-fixed">Fixed on this page: {", ".join(fixed)}. '
                f'Run the notebook to change them too.</p>' if fixed else "")
        return f"""<div class="nnlib-panel" id="{uid}">
<p class="nnlib-panel-live-note"><strong>{LIVE_NOTE}</strong> Until then this is a picture of its
first setting: its controls need a script that does not run here.</p>
<div class="nnlib-panel-controls" style="display:flex;flex-wrap:wrap;gap:0.5em 1.5em;margin-bottom:0.5em">
{controls}
</div>
{note}
<img src="data:image/png;base64,{image}" alt="{description}" style="max-width:100%;height:auto">
<p class="nnlib-panel-description" aria-live="polite" style="overflow-wrap:anywhere">{description}</p>
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
    controls.forEach(function (c, k) {{
      c.disabled = entry[2].indexOf(k) >= 0;
      var out = root.querySelector("output[for='" + c.id + "']");
      if (out) {{ out.textContent = JSON.parse(c.dataset.labels)[c.value]; }}
    }});
  }}
  controls.forEach(function (c) {{ c.addEventListener("input", show); c.addEventListener("change", show); }});
  root.querySelector(".nnlib-panel-live-note").hidden = true;
  show();
}})();
</script>
</div>"""

    def _add_state(self, values, image, description, disabled, images, descriptions, index):
        """Record one state of the grid, storing each distinct image and description once."""
        for item, store in ((image, images), (description, descriptions)):
            if item not in store:
                store.append(item)
        key = ",".join(str(c.values.index(values[n])) for n, c in self.controls.items() if c.static)
        index[key] = [images.index(image), descriptions.index(description), disabled]

    def widget(self):
        """The live ipywidgets panel: a row of controls, the figure (an ``Image``
        widget) and its description (an ``HTML`` widget). Every change of a control
        redraws; controls that do nothing for the current values are disabled."""
        import ipywidgets as widgets

        controls = {name: c.widget() for name, c in self.controls.items()}
        image = widgets.Image(format="png")
        text = widgets.HTML()
        fig = self.figure()

        def redraw(change=None):
            values = {name: control.value for name, control in controls.items()}
            off = self.inactive(values)
            for name, control in controls.items():
                control.disabled = name in off
            try:
                description = self.draw_figure(fig, values)
                buffer = io.BytesIO()
                fig.savefig(buffer, format="png", dpi=LIVE_DPI)
            except Exception as error:  # say so in the panel, not only in the kernel's log
                text.value = f'<p style="color:#b00020">Could not draw this setting: {html.escape(repr(error))}</p>'
                raise
            image.value = buffer.getvalue()
            text.value = _description_html(description)

        for control in controls.values():
            control.observe(redraw, names="value")
        redraw()
        row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([row, image, text])

    def mimebundle(self, box):
        """What the notebook stores for the live panel ``box``: the widget view (shown
        while its kernel lives), and for every other reader the static copy (with
        ``NNLIB_STATIC_PANELS=1``) or a note that says how to make the panel live."""
        return {
            "text/plain": LIVE_NOTE,
            "text/html": self.static_html() if static_copies_wanted() else f"<p><em>{LIVE_NOTE}</em></p>",
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": box.model_id},
        }

    def _ipython_display_(self):
        # displaying our own bundle works on ipywidgets 7.7 (Colab), whose widgets have
        # no _repr_mimebundle_, and on 8
        from IPython.display import display

        box = self.widget()
        display(self.mimebundle(box), raw=True)
        if hasattr(box, "_handle_displayed"):  # ipywidgets 7 runs its on_displayed callbacks here
            box._handle_displayed()


@functools.lru_cache(maxsize=None)
def _blas():
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


def _one_blas_thread():
    """The panels train and draw small networks: one BLAS thread is faster for their small
    matrix products (on 2 busy cores, a 500x64 by 64x64 product took 0.37 ms on one
    thread and 2.5 ms on two)."""
    return _blas().limit(limits=1, user_api="blas")


def _text(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _description_html(description):
    # overflow-wrap: a long token (the playground's state string) wraps instead of running off
    return f'<p style="overflow-wrap:anywhere">{html.escape(description)}</p>'


def _static_control(uid, name, choice):
    """A labelled native control whose value is the index of the chosen value (disabled
    until the page's script runs)."""
    ident = f"{uid}-{name}"
    start = choice.values.index(choice.value)
    labels = html.escape(json.dumps([_text(v) for v in choice.values]))
    label = f'<label for="{ident}">{html.escape(choice.label)}</label>'
    if choice.kind == "dropdown":
        options = "".join(f'<option value="{i}"{" selected" if i == start else ""}>{html.escape(_text(v))}</option>'
                          for i, v in enumerate(choice.values))
        return (f'<span>{label} <select id="{ident}" data-control="{name}" '
                f'data-labels="{labels}" disabled>{options}</select></span>')
    return (f'<span>{label} <input type="range" id="{ident}" data-control="{name}" '
            f'data-labels="{labels}" min="0" max="{len(choice.values) - 1}" step="1" value="{start}" disabled> '
            f'<output for="{ident}">{html.escape(_text(choice.value))}</output></span>')


def trend(ratio, what="spread"):
    """Words for how a quantity changed by the factor ``ratio`` (last / first).

    Within a factor of 2 it keeps its ``what``; up to 10 times smaller (larger) it
    shrinks (grows); beyond that it vanishes (explodes).
    """
    if ratio < 0.1:
        return "vanish"
    if ratio < 0.5:
        return "shrink"
    if ratio <= 2:
        return f"keep their {what}"
    return "grow" if ratio <= 10 else "explode"


# --- 1. activation explorer ------------------------------------------------------------
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "step"]


def _takes_alpha(name):
    return "alpha" in _REGISTRY[name][2]  # the activation registry's hyperparameters


def draw_activation(ax, name="sigmoid", alpha=0.1, z_max=5.0):
    """Draw ``name`` and its derivative on [-z_max, z_max], saturated inputs shaded;
    return a description of the figure. ``alpha`` is used only by the activations
    that take it (leaky ReLU, ELU)."""
    params = {"alpha": alpha} if _takes_alpha(name) else {}
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
    }, inactive=lambda values: set() if _takes_alpha(values["name"]) else {"alpha"})


# --- 2. architecture visualizer --------------------------------------------------------
NETWORKS = {"as set above": None, "Iris, chapter 12 (4-20-30-25-3)": (4, 20, 30, 25, 3)}


def _hidden_words(hidden):
    """'no hidden layer', '2 hidden layers of 4 neurons', '3 hidden layers of 20, 30 and 25 neurons'."""
    if not hidden:
        return "no hidden layer"
    layers = f"{len(hidden)} hidden layer{'s' if len(hidden) > 1 else ''}"
    if len(set(hidden)) == 1:
        return f"{layers} of {hidden[0]} neurons"
    return f"{layers} of {', '.join(map(str, hidden[:-1]))} and {hidden[-1]} neurons"


def draw_architecture(ax, n_inputs=4, n_hidden_layers=2, width=4, n_outputs=3,
                      network="as set above", seed=0):
    """Draw a fully connected network with Xavier-initialized weights (colour: sign,
    thickness: size) and its parameter counts per layer; return a description.
    ``network``: a key of ``NETWORKS``; one with fixed sizes overrides the others."""
    from .initializers import get_initializer

    sizes = list(NETWORKS[network] or [n_inputs] + [width] * n_hidden_layers + [n_outputs])
    rng = np.random.default_rng(seed)
    weights = [get_initializer("xavier_uniform")((a, b), rng) for a, b in zip(sizes[:-1], sizes[1:])]
    viz.draw_network(sizes, weights=weights, ax=ax)
    per_layer = [w + b for _, _, w, b in viz.layer_parameter_counts(sizes)]
    total, terms = sum(per_layer), " + ".join(map(str, per_layer))
    ax.set_title(f"{' → '.join(map(str, sizes))}: {total:,} parameters ({terms})", fontsize=10)
    outputs = f"{sizes[-1]} output{'s' if sizes[-1] != 1 else ''}"
    return (f"A network with {sizes[0]} inputs, {_hidden_words(sizes[1:-1])} and {outputs}. "
            f"Connections are blue for positive and orange for negative weights, thicker for "
            f"larger ones. Parameters per layer (weights + biases): {terms}; {total:,} in total.")


def architecture_panel():
    """Architecture visualizer: the book's Iris network, or inputs, hidden layers,
    neurons per layer and outputs of your choice; draws the network with its weights
    and counts its parameters."""
    return Panel(draw_architecture, {
        "n_inputs": Choice("inputs", [2, 4, 8], 4, kind="slider"),
        "n_hidden_layers": Choice("hidden layers", [0, 1, 2, 3], 2, kind="slider"),
        "width": Choice("neurons per hidden layer", [2, 4, 8], 4, kind="slider"),
        "n_outputs": Choice("outputs", [1, 3], 3, kind="slider"),
        "network": Choice("network", list(NETWORKS)),
    }, figsize=(6.5, 3.6), inactive=_architecture_inactive)


def _architecture_inactive(values):
    """A fixed network leaves nothing to choose; without hidden layers there is no width."""
    if NETWORKS[values["network"]]:
        return {"n_inputs", "n_hidden_layers", "width", "n_outputs"}
    return {"width"} if values["n_hidden_layers"] == 0 else set()


# --- 3. learning-rate explorer ---------------------------------------------------------
BOWL_CURVATURE = (1.0, 10.0)


def descend_bowl(optimizer="SGD", schedule="constant", learning_rate=0.1, steps=40, start=(-4.0, 2.0)):
    r"""Minimise the bowl :math:`L(\theta) = \tfrac12(\theta_1^2 + 10\,\theta_2^2)` with one of
    nnlib's optimizers and schedules (one step per "epoch").

    Returns the path (array of shape (k + 1, 2)), the losses along it, and the step at
    which the loss exceeded 1,000 times its start (the run diverged), or None.
    """
    from .optimizers import SGD, Adam, RMSprop
    from .schedules import Constant, ExponentialDecay, InverseTimeDecay, StepDecay

    rate = {"constant": Constant, "step decay": lambda r: StepDecay(r, factor=0.5, step_size=10),
            "exponential": lambda r: ExponentialDecay(r, decay_rate=0.05),
            "1/t": lambda r: InverseTimeDecay(r, decay_rate=0.1)}[schedule](learning_rate)
    opt = {"SGD": lambda: SGD(rate), "momentum": lambda: SGD(rate, momentum=0.9),
           "RMSprop": lambda: RMSprop(rate), "Adam": lambda: Adam(rate)}[optimizer]()
    curvature = np.array(BOWL_CURVATURE)
    theta = np.array(start, dtype=float)
    path, losses = [theta.copy()], [0.5 * float(curvature @ theta**2)]
    for t in range(steps):
        opt.epoch = t
        opt.step([theta], [curvature * theta])
        path.append(theta.copy())
        losses.append(0.5 * float(curvature @ theta**2))
        if not np.isfinite(losses[-1]) or losses[-1] > 1e3 * losses[0]:
            return np.array(path), np.array(losses), t + 1
    return np.array(path), np.array(losses), None


def draw_learning_rate(axes, learning_rate=0.1, optimizer="SGD", schedule="constant"):
    """The optimizer's path on the bowl's contours (left) and its loss per step (right)."""
    path, losses, diverged = descend_bowl(optimizer, schedule, learning_rate)
    surface, curve = axes
    from matplotlib.patches import Ellipse

    for level in np.geomspace(0.05, 60, 12):  # contour lines: ½ Σ c_i θ_i² = level is an ellipse
        width, height = (2 * np.sqrt(2 * level / c) for c in BOWL_CURVATURE)
        surface.add_patch(Ellipse((0, 0), width, height, fill=False, color="0.75", lw=0.8))
    shown = np.clip(path, [-5, -3], [5, 3])
    surface.plot(shown[:, 0], shown[:, 1], "o-", color=viz.COLORS[0], ms=3, lw=1.2)
    surface.plot(0, 0, "*", color="k", ms=10)
    surface.set(xlim=(-5, 5), ylim=(-3, 3), xlabel=r"$\theta_1$", ylabel=r"$\theta_2$",
                title="path on the loss surface")
    curve.semilogy(np.arange(len(losses)), np.maximum(losses, 1e-12), color=viz.COLORS[1], lw=2)
    curve.set(xlabel="step", ylabel="loss", title=f"{optimizer}, η = {learning_rate:g}, {schedule}")
    if diverged:
        curve.plot(diverged, losses[-1], "X", color="crimson", ms=12)
        curve.text(0.5, 0.9, f"diverged at step {diverged}", transform=curve.transAxes,
                   ha="center", color="crimson", fontweight="bold")
        outcome = f"diverges: the loss passes 1,000 times its start at step {diverged}"
    else:
        outcome = f"ends at loss {losses[-1]:.2g} after {len(losses) - 1} steps (it started at {losses[0]:.3g})"
    return (f"{optimizer} with learning rate {learning_rate:g} and a {schedule} schedule on a bowl "
            f"10 times steeper in θ₂ than in θ₁ (plain SGD with a constant rate is stable on it "
            f"only below 2/10 = 0.2): left, its path over the contour lines; right, its loss per "
            f"step on a log scale. It {outcome}.")


def learning_rate_panel():
    """Learning-rate explorer: rate, optimizer and schedule; path and loss, divergence
    marked. The rates include 0.19 and 0.21, just either side of plain SGD's stability
    limit 2/10 on this bowl."""
    return Panel(draw_learning_rate, {
        "learning_rate": Choice("learning rate", [0.01, 0.1, 0.19, 0.21, 0.3, 1.0], 0.1, kind="slider"),
        "optimizer": Choice("optimizer", ["SGD", "momentum", "RMSprop", "Adam"]),
        "schedule": Choice("schedule", ["constant", "step decay", "exponential", "1/t"]),
    }, figsize=(9.0, 3.4), ncols=2, dpi=72)


# --- 4. initialization explorer --------------------------------------------------------
INITIALIZATIONS = {"zeros": "zeros", "uniform [-1, 1]": "uniform", "Xavier": "xavier_normal",
                   "He": "he_normal"}


def layer_statistics(init="Xavier", activation="tanh", depth=10, width=64, n_samples=256, seed=0):
    """Activations and gradients of every hidden layer of a ``depth``-layer network at
    initialization, for standard normal inputs and a random output gradient.

    Returns two lists of arrays (one per hidden layer): activations and the gradients
    of the loss with respect to each layer's pre-activation.
    """
    from .layers import Activation, Dense
    from .model import Sequential

    rng = np.random.default_rng(seed)
    layers = []
    for i in range(depth):
        layers += [Dense(width, width, weight_init=INITIALIZATIONS[init], random_state=seed + i),
                   Activation(activation)]
    net = Sequential(layers)
    if init == "uniform [-1, 1]":
        for layer in net.layers[::2]:
            layer.params["W"][...] = rng.uniform(-1, 1, layer.params["W"].shape)
    x = rng.standard_normal((n_samples, width))
    net.forward(x, training=True)
    net.backward(rng.standard_normal((n_samples, width)) / n_samples)
    activations = [layer.activation(layer.z) for layer in net.layers[1::2]]
    gradients = [layer.grads["W"] for layer in net.layers[::2]]
    return activations, gradients


def draw_initialization(axes, init="Xavier", activation="tanh", depth=10):
    """Per-layer histograms of activations (left) and weight gradients (right)."""
    activations, gradients = layer_statistics(init, activation, depth)
    for ax, values, what in ((axes[0], activations, "activations"), (axes[1], gradients, "weight gradients")):
        scale = max(float(np.max(np.abs(v))) for v in values) or 1.0
        bins = np.linspace(-scale, scale, 41)
        for k, v in enumerate(values):
            counts, _ = np.histogram(v, bins=bins)
            ax.stairs(k + counts / max(counts.max(), 1) * 0.9, bins, baseline=k, fill=True,
                      color=viz.COLORS[2 * (k % 2)], alpha=0.8)
        # three x ticks: the scale can reach 1e6, whose default tick labels run together
        ax.set(yticks=np.arange(depth) + 0.4, yticklabels=[str(k + 1) for k in range(depth)],
               xticks=[-scale, 0, scale], xticklabels=[f"{-scale:.2g}", "0", f"{scale:.2g}"],
               ylabel="layer", xlabel="value", title=what)
    return (f"Histograms, one row per layer, of the activations and weight gradients of a "
            f"{depth}-layer, 64-wide {activation} network initialized with {init}: "
            f"{_initialization_readout(activations, gradients, activation)}.")


def _initialization_readout(activations, gradients, activation):
    """What the statistics say: how the activations' spread and the gradients' size
    change from the first layer to the last (words from :func:`trend`), or saturation."""
    spread = [float(np.std(a)) for a in activations]
    if max(spread) == 0:
        return ("every neuron of a layer outputs the same value, so all neurons of a layer get "
                "the same update and stay copies of each other")
    bounds = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(activation)
    last = activations[-1]
    saturated = bounds is not None and np.mean(np.minimum(abs(last - bounds[0]), abs(last - bounds[1])) < 0.05) > 0.5
    forward = "saturate" if saturated else trend(spread[-1] / spread[0], "spread")
    ratio = float(np.std(gradients[0]) / max(np.std(gradients[-1]), 1e-300))
    return (f"the activations' spread goes from {spread[0]:.2g} in layer 1 to {spread[-1]:.2g} in "
            f"layer {len(spread)} (they {forward}); the first layer's gradients are {ratio:.2g} "
            f"times the last layer's (on the way back they {trend(ratio, 'size')})")


def initialization_panel():
    """Initialization explorer: scheme, activation and depth; per-layer histograms and a readout."""
    return Panel(draw_initialization, {
        "init": Choice("initialization", list(INITIALIZATIONS), "Xavier"),
        "activation": Choice("activation", ["tanh", "sigmoid", "relu"]),
        "depth": Choice("layers", [2, 5, 10], 10, kind="slider"),
    }, figsize=(9.0, 3.8), ncols=2, dpi=80)


# --- 6. universal approximation --------------------------------------------------------
TARGETS = {"sin 2x": lambda x: np.sin(2 * x), "|x| - 1": lambda x: np.abs(x) - 1,
           "step": lambda x: np.where(x < 0.5, -0.5, 0.5)}
_X_RANGE = (-3.0, 3.0)


def bumps(target, x, n_units):
    r"""The universal-approximation construction: ``n_units // 2`` bumps, each the
    difference of two steep sigmoids, :math:`h_k[\sigma(s(x-a_k)) - \sigma(s(x-b_k))]`,
    with height :math:`h_k` the target's value at the bump's centre. One unit alone
    makes a single step."""
    from .functional import sigmoid

    f = TARGETS[target]
    lo, hi = _X_RANGE
    if n_units < 2:  # one sigmoid: a step from the left value to the right value
        return f(np.array(lo)) + (f(np.array(hi)) - f(np.array(lo))) * sigmoid(5.0 * x)
    edges = np.linspace(lo, hi, n_units // 2 + 1)
    steepness = 8.0 / (edges[1] - edges[0])
    heights = f((edges[:-1] + edges[1:]) / 2)
    starts, ends = edges[:-1].copy(), edges[1:].copy()
    starts[0], ends[-1] = lo - 10.0, hi + 10.0  # the outer bumps reach past the range's ends
    return sum(h * (sigmoid(steepness * (x - a)) - sigmoid(steepness * (x - b)))
               for h, a, b in zip(heights, starts, ends))


@functools.lru_cache(maxsize=None)
def _trained_fit(target, n_units):
    """Predictions on a fine grid of a 1-n-1 tanh network trained on 200 samples of the target."""
    import warnings

    from .estimators import MLPRegressor

    x_train = np.random.default_rng(0).uniform(*_X_RANGE, (200, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: the epoch budget is fixed on purpose
        model = MLPRegressor(hidden_layer_sizes=(n_units,), activation="tanh", learning_rate_init=0.01,
                             max_iter=1500, n_iter_no_change=1500, random_state=0)
        model.fit(x_train, TARGETS[target](x_train).ravel())
    return model.predict(np.linspace(*_X_RANGE, 301)[:, None])


def draw_approximation(ax, target="sin 2x", n_units=8):
    """The target, the hand-built bumps and a trained network with ``n_units`` hidden units."""
    x = np.linspace(*_X_RANGE, 301)
    y, built, trained = TARGETS[target](x), bumps(target, x, n_units), _trained_fit(target, n_units)
    ax.plot(x, y, color="0.6", lw=4, label="target")
    units = f"{n_units} unit{'s' if n_units > 1 else ''}"
    ax.plot(x, built, color=viz.COLORS[0], lw=1.8, ls="--", label=f"bumps ({units}, by hand)")
    ax.plot(x, trained, color=viz.COLORS[1], lw=1.8, label=f"trained ({units}, tanh)")
    ax.set(xlabel="x", ylabel="y", ylim=(-1.6, 2.4), title=f"{target}, {n_units} hidden units")
    ax.legend(frameon=False, loc="upper left", fontsize="small")
    error_built, error_trained = np.max(np.abs(built - y)), np.max(np.abs(trained - y))
    return (f"The target {target} on [-3, 3] (thick grey), sigmoid bumps built by hand from "
            f"{units} (dashed; largest error {error_built:.2f}) and a network of {units} "
            f"trained on 200 samples (solid; largest error {error_trained:.2f}).")


def approximation_panel():
    """Universal approximation: hidden units against the fit, hand-built bumps beside a trained network."""
    return Panel(draw_approximation, {
        "target": Choice("target", list(TARGETS)),
        "n_units": Choice("hidden units", [1, 2, 4, 8, 16, 32], 8, kind="slider"),
    })


# --- 7. regularization -----------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _regularization_curves(dropout, epochs=300):
    """Training and validation loss per epoch of a 2-64-64-2 ReLU network (dropout after
    each hidden layer) trained in batches of 16 on 80 noisy two-moons points. The
    training loss is the one the updates see: measured with dropout active."""
    from . import datasets
    from .layers import Activation, Dense, Dropout
    from .model import Sequential
    from .optimizers import Adam
    from .training import fit

    X, y = datasets.moons(n_samples=80, noise=0.35, random_state=0)
    X_val, y_val = datasets.moons(n_samples=500, noise=0.35, random_state=1)
    layers = []
    for i, (a, b) in enumerate([(2, 64), (64, 64)]):
        layers += [Dense(a, b, weight_init="he_uniform", random_state=i), Activation("relu")]
        if dropout:
            layers.append(Dropout(dropout, random_state=10 + i))
    net = Sequential(layers + [Dense(64, 2, random_state=2)])
    history = fit(net, X, np.eye(2)[y], loss="categorical_cross_entropy", optimizer=Adam(0.002),
                  epochs=epochs, batch_size=16, random_state=0, validation_data=(X_val, np.eye(2)[y_val]))
    return np.array(history["loss"]), np.array(history["val_loss"])


def early_stopping_point(val_loss, patience):
    """(stop, best): the epoch (1-based) after which :class:`EarlyStopping` with this
    patience ends training, and the best epoch whose weights it restores."""
    from .training import EarlyStopping

    stopper = EarlyStopping(patience=patience, restore_best_weights=False)
    for epoch, value in enumerate(val_loss):
        if stopper.update(epoch, float(value), None):
            return epoch + 1, stopper.best_epoch + 1
    return len(val_loss), stopper.best_epoch + 1


def draw_regularization(ax, dropout=0.0, patience=10):
    """Training and validation loss with dropout; where early stopping would stop, marked."""
    train, val = _regularization_curves(dropout)
    stop, best = early_stopping_point(val, patience)
    epochs = np.arange(1, len(train) + 1)
    measured = " (dropout active)" if dropout else ""
    ax.semilogy(epochs, train, color=viz.COLORS[0], lw=1.8, label=f"training loss{measured}")
    ax.semilogy(epochs, val, color=viz.COLORS[1], lw=1.8, ls="--", label="validation loss")
    ax.axvline(stop, color="0.5", ls=":", label=f"early stop (epoch {stop})")
    ax.plot(best, val[best - 1], "o", color="k", ms=7, label=f"best epoch ({best}), restored")
    ax.set(xlabel="epoch", ylabel="cross-entropy", ylim=(0.01, 3),
           title=f"dropout {dropout:g}, patience {patience}")
    ax.legend(frameon=False, fontsize="small", loc="lower left")
    measured = ", measured with dropout active as the updates see it" if dropout else ""
    return (f"Training loss (solid{measured}) and validation loss (dashed) over {len(train)} epochs of a "
            f"2-64-64-2 network with dropout rate {dropout:g} on 80 noisy two-moons points. "
            f"Early stopping with patience {patience} stops after epoch {stop} and restores epoch "
            f"{best}, validation loss {val[best - 1]:.3f}; training to the end reaches validation "
            f"loss {val[-1]:.3f} with training loss {train[-1]:.3f}.")


def regularization_panel():
    """Regularization: dropout rate and early-stopping patience against the loss curves."""
    return Panel(draw_regularization, {
        "dropout": Choice("dropout rate", [0.0, 0.2, 0.5], kind="slider"),
        "patience": Choice("patience (epochs)", [5, 10, 20, 50], 10, kind="slider"),
    })


# --- 5. playground ---------------------------------------------------------------------
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

    from . import datasets
    from .layers import Activation, Dense, Dropout
    from .model import Sequential
    from .optimizers import Adam
    from .training import fit

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


PANELS = {"activation explorer": activation_panel, "architecture visualizer": architecture_panel,
          "learning-rate explorer": learning_rate_panel, "initialization explorer": initialization_panel,
          "universal approximation": approximation_panel, "regularization": regularization_panel,
          "playground": playground_panel}
"""Every panel of the book, by name: the tests and the benchmark go through this list."""
