"""Every panel under ipywidgets 7.7.1, the version Colab ships (its front end does not
support 8): constructed, displayed through IPython, every control changed, the figure
redrawn, no error.

The test makes a venv of its own once (about a minute; pip takes the packages from its
cache or the registry) under the system's temporary folder, keyed by the ipywidgets
version and the pinned versions of the rest, and reuses it afterwards. nnlib is
installed from this checkout in editable mode, so the venv always runs the current code.
"""

import hashlib
import importlib.metadata
import pathlib
import subprocess
import sys
import tempfile

import pytest

from test_panels import ROOT, check_report, run_check

IPYWIDGETS = "7.7.1"
# the rest at the versions this project's venv runs, so only ipywidgets differs
SAME_AS_HERE = ["numpy", "matplotlib", "pillow", "scikit-learn", "scipy", "threadpoolctl",
                "array-api-compat", "ipython", "ipykernel"]


def requirements():
    return [f"ipywidgets=={IPYWIDGETS}"] + [f"{name}=={importlib.metadata.version(name)}"
                                            for name in SAME_AS_HERE]


def panel_venv():
    """The path of the venv's Python, creating the venv first if needed."""
    pins = requirements()
    key = hashlib.sha1(" ".join([sys.version] + pins).encode()).hexdigest()[:10]
    folder = pathlib.Path(tempfile.gettempdir()) / f"nnlib-ipywidgets-{IPYWIDGETS}-{key}"
    python, done = folder / "bin" / "python", folder / ".complete"
    if done.exists():
        return python
    steps = [[sys.executable, "-m", "venv", "--clear", str(folder)],
             [str(python), "-m", "pip", "install", "--quiet", *pins],
             [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            pytest.fail(f"could not make the ipywidgets {IPYWIDGETS} venv in {folder}: "
                        f"{' '.join(step[:4])} ... failed:\n{result.stderr[-3000:]}")
    done.touch()
    return python


def test_every_panel_works_under_ipywidgets_7():
    report = run_check(panel_venv())
    assert report["ipywidgets"] == IPYWIDGETS
    check_report(report)
