"""Re-run notebooks top to bottom in a fresh kernel and store their outputs (``make notebooks``).

Usage: python tests/run_notebooks.py chapters/*.ipynb

Each notebook runs from its own folder, with widget state stored so the built book
can show widgets without a kernel. Prints how long each one took.
"""

import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient


def run(path, timeout=300):
    path = pathlib.Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True)
    start = time.perf_counter()
    client.execute()
    nbformat.write(notebook, path)
    return time.perf_counter() - start


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {run(name):.1f} s", flush=True)
