"""Fixtures shared by the tests of the built book."""

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def book_html(tmp_path_factory):
    """Build the book once per test session, from a copy of the repository (so a
    developer's own ``_build`` is never touched), with ``-W``: a warning fails the build.
    Returns the ``_build/html`` folder."""
    source = tmp_path_factory.mktemp("book") / "book"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", ".pytest_cache", ".hypothesis", "*.egg-info", "__pycache__"))
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jupyter_book), "build", "-W", "--keep-going", str(source)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return source / "_build" / "html"
