"""The settings a reader's launch, download and install paths depend on."""

import pathlib
import re
import tomllib

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement

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
    others = [c.source for c in notebook.cells if c.cell_type == "code" and c is not first_code]
    if any("myst_nb" in source for source in others):
        # Colab has no myst-nb (glue); installing it there changes none of Colab's packages
        assert 'find_spec("myst_nb") is None' in first_code.source
        assert '%pip install --quiet "myst-nb>=1.1,<2"' in first_code.source
    assert "remove-cell" in first_code.metadata.get("tags", [])  # not shown in the book


def requirements(name):
    """The requirements in a requirements file, parsed (the editable nnlib line aside)."""
    lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith("-e ")]


def test_binder_installs_what_a_local_install_does():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    assert "-e .[plot,sklearn]" in lines  # nnlib itself, with its plotting stack and scikit-learn
    assert not (ROOT / "environment.yml").exists() and not (ROOT / "binder").exists()
    # Binder's Python is the one the book is built and tested with
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    python = next(s["with"]["python-version"] for job in workflow["jobs"].values()
                  for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert (ROOT / "runtime.txt").read_text().strip() == f"python-{python}"


def test_a_learner_installs_jupyterlab_and_not_the_book_or_test_tools():
    learner = {r.name for r in requirements("requirements.txt")}
    assert {"jupyterlab", "jupyterlab-myst", "myst-nb", "otter-grader", "ipywidgets"} <= learner
    tools = {"jupyter-book", "sphinxcontrib-bibtex", "pytest", "nbval", "hypothesis",
             "array-api-strict", "playwright"}
    assert not learner & tools and tools <= {r.name for r in requirements("requirements-dev.txt")}


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_bounded_on_both_sides(name):
    for requirement in requirements(name):
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {">=", ">"} and operators & {"<", "<="}, requirement


def test_a_bare_nnlib_install_leaves_colabs_ipywidgets_alone():
    """Colab's front end shows ipywidgets 7.7 only: the chapters' set-up cell installs
    nnlib with no extra, which must not ask for ipywidgets; the plot extra allows 7.7."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(Requirement(r).name == "ipywidgets" for r in project["dependencies"])
    plot = {Requirement(r).name: Requirement(r).specifier
            for r in project["optional-dependencies"]["plot"]}
    assert "7.7.1" in plot["ipywidgets"] and "8.1.9" in plot["ipywidgets"]


def test_an_install_ships_every_nnlib_package():
    """A non-editable install (Colab's `pip install nnlib @ git+...`) takes the packages
    pyproject's find rule selects: every folder of nnlib with an __init__.py must be one
    (nnlib.panels was missing once: `import nnlib` then failed outside this checkout)."""
    import setuptools

    rule = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = set(setuptools.find_packages(where=ROOT, include=rule["packages"]["find"]["include"]))
    on_disk = {init.parent.relative_to(ROOT).as_posix().replace("/", ".")
               for init in (ROOT / "nnlib").rglob("__init__.py")}
    assert on_disk == found, on_disk ^ found


NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix()
                   for folder in ("chapters", "exercises", "exercises/source", ".")
                   for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_jupyterlab_opens_a_notebook_without_modifying_it(path):
    """The stored kernelspec is the kernel's own: JupyterLab rewrites (and marks modified)
    a notebook whose display name differs (tests/test_lab.py sees the mark go)."""
    from jupyter_client.kernelspec import KernelSpecManager
    kernel = KernelSpecManager().get_kernel_spec("python3")
    kernelspec = nbformat.read(ROOT / path, as_version=4).metadata["kernelspec"]
    assert kernelspec == {"display_name": kernel.display_name, "language": "python", "name": "python3"}


def colab_url(path):
    repository = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repository}/blob/{CONFIG['repository']['branch']}/{path}"


@pytest.mark.parametrize("chapter", sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb")))
def test_links_between_notebooks_work_in_the_book_and_on_colab(chapter):
    """A chapter's link to another notebook stays relative (the book and JupyterLab resolve
    it, offline) and is followed by the same notebook on Colab, where relative links do
    not resolve."""
    notebook = nbformat.read(ROOT / "chapters" / chapter, as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for match in re.finditer(r"\]\(([^)\s]+\.ipynb)\)", text):
        target = match[1]
        if target.startswith("https://"):
            continue
        path = (ROOT / "chapters" / target).resolve()
        assert path.is_file(), f"{chapter}: {target} does not exist"
        colab = f" ([open in Colab]({colab_url(path.relative_to(ROOT).as_posix())}))"
        assert text[match.end():].startswith(colab), f"{chapter}: {target} has no Colab link"


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
