"""Re-run notebooks top to bottom in a fresh kernel and store their outputs (``make notebooks``).

Usage: python tests/run_notebooks.py chapters/*.ipynb

Each notebook runs from its own folder, on one BLAS thread (as nbval runs it under
``make test``: the same sums in the same order). The kernel runs with ``NNLIB_STATIC_PANELS=1``,
so every interactive panel also stores its static copy (every figure of its control
grid), which the book shows to readers without a kernel; nbval, which runs without it,
ignores those cells' outputs. Widget state is stored too, and each cell's start and end
time (``cell.metadata.execution``, read by the status page). The notebook's kernelspec is
set to the kernel's own, so that JupyterLab does not mark the notebook modified on
opening. Prints how long each one took.
"""

import os
import pathlib
import sys
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

KERNEL = "python3"


def run(path, timeout=300):
    """Execute the notebook at ``path`` in place; return its run time in seconds."""
    path = pathlib.Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL,
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True, record_timing=True)
    start = time.perf_counter()
    client.execute(env={**os.environ, "NNLIB_STATIC_PANELS": "1", "OPENBLAS_NUM_THREADS": "1"})
    seconds = time.perf_counter() - start
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    notebook.metadata.kernelspec = {"display_name": spec.display_name,
                                    "language": spec.language, "name": KERNEL}
    nbformat.write(notebook, path)
    return seconds


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {run(name):.1f} s", flush=True)
