"""The settings a reader's launch, download and install paths depend on."""

import pathlib

import nbformat
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def test_launch_and_download_buttons_come_from_the_repository_settings():
    assert CONFIG["repository"]["url"].startswith("https://github.com/")
    assert CONFIG["repository"]["branch"] == "main"
    buttons = CONFIG["launch_buttons"]
    assert buttons["notebook_interface"] == "jupyterlab"
    assert buttons["binderhub_url"] == "https://mybinder.org"
    assert buttons["colab_url"] == "https://colab.research.google.com"
    assert CONFIG["html"]["use_download_button"] is True


@pytest.mark.parametrize("chapter", sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb")))
def test_every_chapter_installs_nnlib_on_colab_from_the_configured_repository(chapter):
    notebook = nbformat.read(ROOT / "chapters" / chapter, as_version=4)
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert f'%pip install --quiet "nnlib @ git+{CONFIG["repository"]["url"]}"' in first_code.source, \
        "the install cell must match repository.url in _config.yml"
    assert 'find_spec("nnlib") is None' in first_code.source  # does nothing where nnlib is installed
    assert "remove-cell" in first_code.metadata.get("tags", [])  # not shown in the book


def test_binder_installs_what_a_local_install_does():
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "-e ." in requirements  # nnlib itself
    assert not (ROOT / "environment.yml").exists() and not (ROOT / "binder").exists()


def test_publishing_workflow_builds_with_make_book_and_publishes_the_html():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(s.get("run") == "make book" for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "_build/html"
               for s in steps)
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)


@pytest.mark.parametrize("exercise", sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb")))
def test_every_exercise_sets_itself_up_on_colab_from_the_configured_repository(exercise):
    notebook = nbformat.read(ROOT / "exercises" / exercise, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code")
    setup = cell.source
    assert "hide-input" in cell.metadata.get("tags", [])  # collapsed in the book
    url, branch = CONFIG["repository"]["url"], CONFIG["repository"]["branch"]
    assert 'if "google.colab" in sys.modules:' in setup  # does nothing in Binder or a local clone
    assert f'"nnlib @ git+{url}"' in setup and '"otter-grader>=7,<8"' in setup
    raw = url.replace("https://github.com/", "https://raw.githubusercontent.com/") + f"/{branch}/"
    fetched = [line.split('"')[1] for line in setup.splitlines() if "urlretrieve(" in line]
    assert fetched and all(u.startswith(raw) and (ROOT / u[len(raw):]).is_file() for u in fetched), fetched
    assert f'grader = otter.Notebook("{exercise}")' in setup
