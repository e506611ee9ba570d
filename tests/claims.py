"""Run a chapter's own experiment code again, on other seeds.

A chapter's conclusions rest on experiments. The cells that *define* an experiment (its
imports, data and a function that runs it for a given seed) carry the cell tag
``experiment``; the cells that call it for the chapter's own seed and draw the figure do
not. :func:`chapter_namespace` executes only the tagged cells of a chapter, in order, and
returns their namespace, so a test calls exactly the code the reader sees with other
seeds, and the chapter and its checks cannot drift apart::

    ns = chapter_namespace("07_gradient_descent")
    for seed in SEEDS:
        losses = ns["compare_batch_sizes"](seed)
        assert losses["mini-batch"] < losses["batch"]

Tagged cells must not draw (no ``plt.show``) and must be cheap to execute: the expensive
work belongs inside the functions they define.
"""

import functools
import inspect
import json
import pathlib

import matplotlib

matplotlib.use("Agg")

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
TAG = "experiment"

# The seeds every conclusion is re-checked on (the chapters themselves use seed 0 or
# say which seeds they average over).
SEEDS = (1, 2, 3, 4, 5)


def experiment_cells(chapter):
    """The source of the code cells tagged ``experiment`` in ``chapters/<chapter>.ipynb``."""
    path = CHAPTERS / f"{chapter}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells
               if cell["cell_type"] == "code" and TAG in cell.get("metadata", {}).get("tags", [])]
    if not sources:
        raise LookupError(f"{path.name} has no code cell tagged {TAG!r}")
    return sources


@functools.lru_cache(maxsize=None)
def _namespace(chapter):
    namespace = {"__name__": f"chapter_{chapter}"}
    for index, source in enumerate(experiment_cells(chapter)):
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        exec(compile("\n".join(lines), f"<{chapter} experiment cell {index}>", "exec"), namespace)
    return namespace


def chapter_namespace(chapter):
    """Execute the ``experiment`` cells of a chapter once and return a copy of their
    namespace (functions, data, constants)."""
    return dict(_namespace(chapter))


def notebook_cells(chapter):
    """Every cell of ``chapters/<chapter>.ipynb``, as stored."""
    path = CHAPTERS / f"{chapter}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def figure_metadata(chapter, name):
    """The ``mystnb`` metadata (caption, alt text) of the figure named ``name``, so a
    test can hold a caption to the experiment's settings."""
    for cell in notebook_cells(chapter):
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        if mystnb.get("figure", {}).get("name") == name:
            return mystnb
    raise LookupError(f"{chapter} has no figure named {name!r}")


def default(namespace, function, parameter):
    """The default value of ``parameter`` of the chapter function ``function``."""
    return inspect.signature(namespace[function]).parameters[parameter].default
