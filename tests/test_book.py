"""The book builds with zero warnings (-W) and has the pages the table of contents promises."""

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.book
def test_book_builds_without_warnings(tmp_path):
    # build a copy so the test never clobbers a developer's _build
    source = tmp_path / "book"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", ".pytest_cache", ".hypothesis", "*.egg-info", "__pycache__"))
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jupyter_book), "build", "-W", "--keep-going", str(source)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html = source / "_build" / "html"
    assert (html / "index.html").is_file()
    page = html / "chapters" / "01_neuron.html"
    assert page.is_file()
    text = page.read_text(encoding="utf-8")
    assert "sigmoid(z) = 0.3318" in text  # executed during the build
    assert 'alt="Two panels. Left: three straight lines' in text  # real alt text, not a file path
    assert text.count('class="dropdown admonition"') == 3  # answers hidden in toggles
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "nnlib.estimators.MLPClassifier" in api and "nnlib.optimizers.Adam" in api
    assert (html / "performance.html").is_file()
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    assert glossary.count('id="term-') == 38  # every concept of the source chapter
