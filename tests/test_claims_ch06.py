"""Chapter 6's conclusions, re-checked on other seeds with the chapter's own code."""

import inspect
import re

import numpy as np
import pytest

import claims
from claims import SEEDS, chapter_namespace, notebook_cells

CHAPTER = "06_backprop"


def figure_metadata(name):
    return claims.figure_metadata(CHAPTER, name)


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


@pytest.mark.parametrize("seed", SEEDS)
def test_backprop_agrees_with_finite_differences(ns, seed):
    """'A relative error around 1e-10 or below': every parameter and the input."""
    errors, n_params = ns["check_deep_network"](seed)
    assert n_params == 115
    assert set(errors) == {"input", "layer0.W", "layer0.b", "layer2.W", "layer2.b",
                           "layer4.W", "layer4.b"}
    assert max(errors.values()) < 1e-8, errors


def test_finite_differences_cost_grows_backprop_stays_flat(ns):
    """The figure: finite differences are slower at every width and grow with the number
    of parameters much faster than backpropagation does."""
    # the best of three runs of the whole measurement: timings on a shared machine jump
    runs = [ns["time_gradients"](seed=seed) for seed in SEEDS[:3]]
    n_params = runs[0][0]
    backprop, finite = (np.min([run[i] for run in runs], axis=0) for i in (1, 2))
    assert n_params == [59, 115, 227, 451]
    assert all(f > 10 * b for f, b in zip(finite, backprop)), (finite, backprop)
    assert finite[-1] > 3 * finite[0]
    assert finite[-1] / finite[0] > 2 * backprop[-1] / backprop[0]
    assert backprop[-1] < 3 * backprop[0]  # "almost flat at this size"


def test_cost_caption_matches_the_experiment(ns):
    caption = figure_metadata("fig-backprop-cost")["figure"]["caption"]
    defaults = inspect.signature(ns["time_gradients"]).parameters
    widths = defaults["widths"].default
    match = re.search(r"width w grows from (\d+) to (\d+)", caption)
    assert match and (int(match[1]), int(match[2])) == (widths[0], widths[-1])
    n_samples = defaults["n_samples"].default
    assert f"on {n_samples} samples" in caption


@pytest.mark.parametrize("seed", SEEDS)
def test_written_out_equations_match_nnlib_and_finite_differences(ns, seed):
    """'The four equations ... give the same numbers as nnlib's layers and as finite
    differences' (a tanh-tanh-sigmoid network with mean squared error)."""
    versus_nnlib, versus_numeric = ns["check_equations"](seed)
    assert versus_nnlib < 1e-12
    assert versus_numeric < 1e-7
    versus_nnlib, versus_numeric = ns["check_equations"](seed, sizes=(4, 7, 3, 5, 1), m=3)
    assert versus_nnlib < 1e-12 and versus_numeric < 1e-7


def test_the_code_shown_is_the_librarys_code():
    """The chapter prints nnlib's Dense and Activation passes with inspect.getsource,
    and its stored output is the library's source as it is now."""
    import nnlib

    cells = notebook_cells(CHAPTER)
    cell = next(c for c in cells if c.get("id") == "dense-source")
    source = "".join(cell["source"])
    assert "inspect.getsource(method)" in source
    assert "(Dense.forward, Dense.backward, Activation.forward, Activation.backward)" in source
    shown = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    for method in (nnlib.Dense.forward, nnlib.Dense.backward, nnlib.Activation.forward,
                   nnlib.Activation.backward):
        assert f"# {method.__qualname__}\n" + inspect.getsource(method) in shown
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for quoted in ("self.x = x", "self.x.T @ grad", "sum(grad, axis=0)", "[...] =", "self.z"):
        assert f"`{quoted}`" in prose and quoted in shown  # the prose quotes the code shown
