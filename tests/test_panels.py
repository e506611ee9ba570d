"""The interactive panels as a notebook shows them: every panel of ``PANELS``, live
(ipywidgets 8 here, 7.7.1 in test_panels_ipywidgets7.py), its first display time,
its stored form without a kernel, and its static copy."""

import itertools
import json
import pathlib
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import widgets  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHECK = ROOT / "tests" / "panel_check.py"
FIRST_DISPLAY_LIMIT = 1.5  # seconds, on this machine's 2 cores


def run_check(python, *args, env=None):
    """Run tests/panel_check.py in a fresh process of ``python``; its JSON report."""
    result = subprocess.run([str(python), str(CHECK), *args], capture_output=True, text=True,
                            timeout=600, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def check_report(report):
    """What every panel must do, whatever the ipywidgets version."""
    assert set(report["panels"]) == set(widgets.PANELS)
    for name, panel in report["panels"].items():
        assert panel["mime_types"] == ["application/vnd.jupyter.widget-view+json", "text/html",
                                       "text/plain"], name
        assert panel["text/plain"] == widgets.LIVE_NOTE
        assert widgets.LIVE_NOTE in panel["text/html"]
        assert panel["labels"] == panel["control_labels"]
        for entry in panel["controls"]:
            where = f"{name}, control {entry['control']}"
            assert "error" not in entry, where
            assert entry["redrawn"], where
            # a control that does something changes the figure; a disabled one changes
            # neither figure nor description (the static copy draws such states once)
            assert entry["figure_changed"] != entry["disabled"], where
            assert not (entry["disabled"] and entry["text_changed"]), where
            assert entry["disabled_now"] == entry["inactive_now"], where
    assert report["alpha"] == {"disabled_for_sigmoid": True, "enabled_for_leaky_relu": True,
                               "alpha_changes_figure": True}


@pytest.fixture(scope="module")
def report():
    return run_check(sys.executable)


def test_every_panel_displays_and_every_control_redraws(report):
    assert report["ipywidgets"].startswith("8.")
    check_report(report)


def test_first_live_display_is_quick():
    """From calling the panel's function to the end of its display, in a fresh process
    that has imported what a chapter imports (best of three such processes: the
    machine is shared), without NNLIB_STATIC_PANELS."""
    env = {k: v for k, v in __import__("os").environ.items() if k != widgets.STATIC_PANELS_VARIABLE}
    runs = [run_check(sys.executable, "--time-only", env=env)["panels"] for _ in range(3)]
    best = {name: min(run[name]["first_display"] for run in runs) for name in widgets.PANELS}
    print("first display, s:", {name: round(s, 2) for name, s in best.items()})
    slow = {name: s for name, s in best.items() if s > FIRST_DISPLAY_LIMIT}
    assert not slow, f"first display over {FIRST_DISPLAY_LIMIT} s: {slow}"


def test_the_registry_holds_every_panel_the_chapters_use():
    factories = {f.__name__ for f in widgets.PANELS.values()}
    defined = set()
    for module in (ROOT / "nnlib" / "panels").glob("*.py"):
        defined |= set(re.findall(r"^def (\w+_panel)\(", module.read_text(), re.M))
    assert factories == defined
    used = set()
    for notebook in (ROOT / "chapters").glob("*.ipynb"):
        used |= set(re.findall(r"nnlib\.widgets\.(\w+_panel)\(", notebook.read_text()))
    assert used and used <= factories


def test_without_the_variable_the_stored_form_says_how_to_go_live(monkeypatch):
    monkeypatch.delenv(widgets.STATIC_PANELS_VARIABLE, raising=False)
    panel = widgets.activation_panel()
    box = panel.widget()
    bundle = panel.mimebundle(box)
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
    assert bundle["text/plain"] == widgets.LIVE_NOTE
    assert widgets.LIVE_NOTE in bundle["text/html"] and "<img" not in bundle["text/html"]


def test_with_the_variable_the_stored_form_is_the_static_copy(monkeypatch):
    def draw(ax, slope):
        ax.plot([0, 1], [0, slope])
        return f"a line of slope {slope}"

    monkeypatch.setenv(widgets.STATIC_PANELS_VARIABLE, "1")
    panel = widgets.Panel(draw, {"slope": widgets.Choice("slope", [1, 2], kind="slider")}, figsize=(2, 2))
    page = panel.mimebundle(panel.widget())["text/html"]
    assert 'alt="a line of slope 1"' in page and '"a line of slope 2"' in page
    assert '<input type="range"' in page and page.count('"iVBORw0KGgo') == 2  # two PNGs in the data


def static_data(page):
    return json.loads(re.search(r"var data = (\{.*?\});\n", page).group(1))


@pytest.fixture(scope="module")
def activation_page():
    panel = widgets.activation_panel("tanh")
    return panel, panel.static_html()


def test_static_copy_without_its_script_is_honest(activation_page):
    """JupyterLab strips the script of an untrusted notebook's HTML: what is left must
    not look like a working panel."""
    page = activation_page[1]
    without_script = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    controls = re.findall(r"<(?:select|input)[^>]*>", without_script)
    assert len(controls) == 3 and all(" disabled" in c for c in controls)
    note = re.search(r'<p class="nnlib-panel-live-note">(.*?)</p>', without_script, re.S).group(1)
    assert widgets.LIVE_NOTE in note and "picture" in note
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    assert "live-note\").hidden = true" in script and "c.disabled = " in script  # the book's page


def test_static_copy_disables_what_the_live_panel_disables(activation_page):
    panel, page = activation_page
    data = static_data(page)
    names = list(panel.controls)
    for values in panel.grid():
        key = ",".join(str(c.values.index(values[n])) for n, c in panel.controls.items())
        disabled = {names[k] for k in data["index"][key][2]}
        assert disabled == panel.inactive(values)
        assert disabled == (set() if values["name"] in ("leaky_relu", "elu") else {"alpha"})


def test_static_architecture_panel_holds_every_state_of_its_grid():
    panel = widgets.architecture_panel()
    page = panel.static_html()
    data = static_data(page)
    states = list(panel.grid())
    assert len(data["index"]) == len(states) == 3 * 4 * 3 * 2 * 2
    # one figure per distinct network: width does nothing without hidden layers, and
    # the Iris preset overrides every other control
    assert len(data["images"]) == 3 * 3 * 3 * 2 + 3 * 2 + 1
    iris = [entry for key, entry in data["index"].items() if key.endswith(",1")]
    assert {entry[0] for entry in iris} == {iris[0][0]} and all(entry[2] == [0, 1, 2, 3] for entry in iris)
    assert "1,583 in total" in data["descriptions"][iris[0][1]]
    start = data["index"]["1,2,1,1,0"]  # 4 inputs, 2 hidden layers of 4, 3 outputs, as set
    assert data["descriptions"][start[1]] in page  # shown (and used as alt text) before any script runs
    assert page.count("<label") == len(panel.controls)
    assert len(page.encode()) < 3e6


def test_descriptions_wrap_instead_of_running_off_the_page():
    """The playground's state string has no spaces: its paragraph must let it wrap."""
    def draw(ax, data):
        return f"State: {widgets.playground_state(data=data)}"

    page = widgets.Panel(draw, {"data": widgets.Choice("data", ["xor"])}, figsize=(2, 2)).static_html()
    assert re.search(r'<p class="nnlib-panel-description"[^>]*overflow-wrap:anywhere[^>]*>State: data=xor;', page)
    from nnlib.panels.base import _description_html
    assert "overflow-wrap:anywhere" in _description_html("data=moons;noise=0.1")


TRAINING_PANELS = ("universal approximation", "regularization", "playground")


def tick_label_overlaps(fig):
    """Pairs of tick labels of one axis whose boxes overlap."""
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t for t in axis.get_ticklabels(which="both") if t.get_visible() and t.get_text()]
            for a, b in itertools.combinations(labels, 2):
                if a.get_window_extent(renderer).overlaps(b.get_window_extent(renderer)):
                    found.append((ax.get_title(), a.get_text(), b.get_text()))
    return found


@pytest.mark.parametrize("name", list(widgets.PANELS))
def test_tick_labels_do_not_overlap(name):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    panel = widgets.PANELS[name]()
    fig = panel.figure()
    FigureCanvasAgg(fig)
    states = list(panel.grid())
    # every few states (the panels that train: about six), to keep the test short
    states = states[::max(1, len(states) // (6 if name in TRAINING_PANELS else 36))]
    for values in states:
        panel.draw_figure(fig, values)
        assert not tick_label_overlaps(fig), values


def test_initialization_readout_says_what_the_statistics_show():
    """The initialization explorer's sentence, from the same signals it draws."""
    from nnlib.experiments import layer_signals
    from nnlib.panels.initialization import (INITIALIZATIONS, N_SAMPLES, WIDTH,
                                             _initialization_readout)

    def readout(init, activation, depth=10):
        signals = layer_signals(INITIALIZATIONS[init], activation, depth, WIDTH, N_SAMPLES)
        return signals, _initialization_readout(signals.activations, signals.weight_gradients,
                                                activation)

    # Xavier with tanh over 10 layers: the spread falls by more than half, so the
    # readout must not say that it is kept
    (activations, _, _), words = readout("Xavier", "tanh")
    assert np.std(activations[-1]) / np.std(activations[0]) < 0.5 and "(they shrink)" in words
    assert "copies of each other" in readout("zeros", "tanh", depth=3)[1]
    assert "on the way back they vanish" in readout("Xavier", "sigmoid")[1]
    assert "(they saturate)" in readout("uniform [-1, 1]", "tanh")[1]


def test_universal_approximation_panel_draws_the_library_s_bumps():
    """The panel's dashed curve is nnlib.experiments.hand_built for its unit count."""
    from matplotlib.figure import Figure

    from nnlib.experiments import hand_built
    from nnlib.panels.approximation import _X, TARGETS

    ax = Figure().subplots()
    description = widgets.draw_approximation(ax, "sin 2x", 8)
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), hand_built(TARGETS["sin 2x"], _X, 8))
    assert "4 bumps from 8 units" in description and "L-BFGS" in description
