"""Exercise every panel of ``nnlib.widgets.PANELS`` as a notebook would, in this interpreter.

Run by tests/test_panels.py with the project's ipywidgets 8 and, in a venv of its own,
with ipywidgets 7.7.1 (Colab's). Prints one JSON object:

* ``ipywidgets``: the version imported;
* per panel: ``first_display`` (seconds from calling the panel's function to the end of
  its display in an IPython shell, best of ``--repeats`` fresh processes is taken by the
  caller), the bundle's mime types and text, and for each control in turn (each change
  keeps the ones before): whether it was disabled, whether the figure was redrawn (a new
  PNG), whether the PNG changed, and any error.

Usage: python tests/panel_check.py [--time-only]
"""

import io
import json
import sys
import time


def warm_up():
    """What a chapter has done before its panel cell: import its libraries, draw a figure."""
    import ipywidgets  # noqa: F401
    import sklearn  # noqa: F401
    from matplotlib.figure import Figure

    import nnlib.widgets  # noqa: F401

    fig = Figure()
    fig.subplots().plot([0, 1], [0, 1])
    fig.savefig(io.BytesIO(), format="png")


def first_display(factory):
    """Seconds to create the panel and display it, and what was displayed."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    start = time.perf_counter()
    with capture_output() as captured:
        factory()._ipython_display_()
    seconds = time.perf_counter() - start
    (output,) = captured.outputs
    return seconds, output.data


def exercise_controls(panel):
    """Change every control of a live panel once, in order; report what each change did."""
    box = panel.widget()
    row, image, text = box.children
    labels = [control.description for control in row.children]
    report = []
    for name, control in zip(panel.controls, row.children):
        options = [value for _, value in control.options]
        before, before_text = image.value, text.value
        was_disabled = control.disabled
        entry = {"control": name, "disabled": was_disabled}
        try:
            control.value = options[(options.index(control.value) + 1) % len(options)]
            entry["redrawn"] = image.value is not before
            entry["figure_changed"] = image.value != before
            entry["text_changed"] = text.value != before_text
        except Exception as error:  # reported, and the test fails on it
            entry["error"] = repr(error)
        values = {n: c.value for n, c in zip(panel.controls, row.children)}
        entry["disabled_now"] = sorted(n for n, c in zip(panel.controls, row.children) if c.disabled)
        entry["inactive_now"] = sorted(panel.inactive(values))
        report.append(entry)
    return labels, report


def alpha_comes_alive():
    """The activation explorer's α is disabled for the sigmoid and works for leaky ReLU."""
    from nnlib.widgets import activation_panel

    row, image, _ = activation_panel("sigmoid").widget().children
    name, alpha = row.children[0], row.children[1]
    result = {"disabled_for_sigmoid": alpha.disabled}
    name.value = "leaky_relu"
    result["enabled_for_leaky_relu"] = not alpha.disabled
    before = image.value
    alpha.value = 0.3
    result["alpha_changes_figure"] = image.value != before
    return result


def main(time_only=False):
    import matplotlib
    matplotlib.use("Agg")
    warm_up()
    import ipywidgets

    from nnlib.widgets import PANELS

    results = {"ipywidgets": ipywidgets.__version__, "panels": {}}
    for name, factory in PANELS.items():
        seconds, bundle = first_display(factory)
        entry = {"first_display": seconds, "mime_types": sorted(bundle),
                 "text/plain": bundle.get("text/plain"), "text/html": bundle.get("text/html", "")[:300]}
        if not time_only:
            entry["labels"], entry["controls"] = exercise_controls(factory())
            entry["control_labels"] = [c.label for c in factory().controls.values()]
        results["panels"][name] = entry
    if not time_only:
        results["alpha"] = alpha_comes_alive()
    return results


if __name__ == "__main__":
    print(json.dumps(main(time_only="--time-only" in sys.argv)))
