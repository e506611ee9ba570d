"""The panel machinery: a :class:`Choice` per control, and :class:`Panel`, which shows
one drawing function live (ipywidgets 7.7 or 8) and as a static, kernel-free copy.

The static copy holds every figure of the control grid; drawing them takes seconds, so
it is made only when ``NNLIB_STATIC_PANELS=1`` (``make notebooks`` sets it, so the stored outputs the book shows carry the copy).
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

    def draw_figure(self, fig, values):
        """Clear ``fig`` and draw the state ``values`` on it; return its description."""
        import matplotlib

        # a fixed title height: matplotlib's automatic one measures every tick label of
        # the axes first, which took half of a redraw
        with _one_blas_thread(), matplotlib.rc_context({"axes.titley": 1.0}):
            description = self.draw(_fresh_axes(fig, self.ncols), **values)
        for ax in fig.axes:
            _few_log_ticks(ax)
        if self.ncols > 1:  # fixed margins: tight_layout would cost more than the drawing
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.88, wspace=0.25)
        return description

    def figure(self):
        """A figure of the panel's size, outside pyplot (so Jupyter never shows it twice)."""
        from matplotlib.figure import Figure
        return Figure(figsize=self.figsize)

    def grid(self):
        """Every combination of the values of the static controls (the others at their
        start values), as dicts."""
        names = list(self.controls)
        choices = [c.values if c.static else [c.value] for c in self.controls.values()]
        for combo in itertools.product(*choices):
            yield dict(zip(names, combo))

    def render(self, fig=None, **values):
        """One figure as PNG bytes (a 64-colour palette: small, and exact for line art)
        and its description. ``fig``: a figure to draw on (cleared first), to save
        making a new one for every state of the grid."""
        from PIL import Image

        fig = self.figure() if fig is None else fig
        description = self.draw_figure(fig, values)
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
        images, descriptions, index = self._drawn_grid()
        data = json.dumps({"images": images, "descriptions": descriptions, "index": index})
        uid = f"nnlib-panel-{hashlib.sha1(data.encode()).hexdigest()[:10]}-{next(_PANEL_NUMBERS)}"
        start = index[",".join(str(c.values.index(c.value)) for c in self.controls.values() if c.static)]
        image, description = images[start[0]], html.escape(descriptions[start[1]])
        controls = "\n".join(_static_control(uid, name, c) for name, c in self.controls.items() if c.static)
        fixed = [f"{html.escape(c.label)} {html.escape(_text(c.value))}" for c in self.controls.values() if not c.static]
        note = (f'<p class="nnlib-panel-fixed">Fixed on this page: {", ".join(fixed)}. '
                f'Run the notebook to change them too.</p>' if fixed else "")
        return _static_page(uid, controls, note, image, description, data)

    def _drawn_grid(self):
        """Every state of the grid drawn: the distinct images (base64 PNG) and
        descriptions, and per state (its controls' value indices, joined by commas) the
        numbers of its image and description and of its disabled controls."""
        images, descriptions, index, drawn = [], [], {}, {}
        static = [name for name, c in self.controls.items() if c.static]
        fig = self.figure()
        for values in self.grid():
            off = self.inactive(values)
            # a control that does nothing here changes neither figure nor description:
            # the states that differ only in such controls are drawn once
            key = tuple(values[n] for n in self.controls if n not in off)
            if key not in drawn:
                png, description = self.render(fig, **values)
                drawn[key] = base64.b64encode(png).decode("ascii"), description
            disabled = [k for k, name in enumerate(static) if name in off]
            self._add_state(values, *drawn[key], disabled, images, descriptions, index)
        return images, descriptions, index

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


def _fresh_axes(fig, ncols):
    """``ncols`` empty axes side by side on ``fig``: its own, cleared, if it has them
    (clearing an axes costs half as much as making one)."""
    if len(fig.axes) != ncols:
        fig.clear()
        return fig.subplots(1, ncols)
    for ax in fig.axes:
        ax.clear()
    return fig.axes[0] if ncols == 1 else np.array(fig.axes)


def _few_log_ticks(ax):
    """A log-scaled y axis without minor ticks (labels at 1, 2 and 5 times a power of
    ten where it spans less than two decades), labelled in plain text (0.01, 0.1, 1):
    matplotlib makes every tick an object of its own, and the eight minor ticks per
    decade and their typeset labels (10⁻¹) took a third of a redraw."""
    if ax.get_yscale() != "log":
        return
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    low, high = ax.get_ylim()
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    if high / low < 100:
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))


def _text(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _description_html(description):
    # overflow-wrap: a long token (the playground's state string) wraps instead of running off
    return f'<p style="overflow-wrap:anywhere">{html.escape(description)}</p>'


def _static_page(uid, controls, note, image, description, data):
    """The static panel's HTML: the note, the controls, the first figure and its
    description, and the script that shows the figure the controls select."""
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
