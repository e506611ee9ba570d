"""The book builds with zero warnings (-W) and has the pages the table of contents promises;
every chapter runs (under nbval) in under 30 seconds."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.book
def test_book_builds_without_warnings(book_html):
    html = book_html  # built with -W by the fixture: any warning fails the build
    assert (html / "index.html").is_file()
    page = html / "chapters" / "01_neuron.html"
    assert page.is_file()
    text = page.read_text(encoding="utf-8")
    assert "sigmoid(z) = 0.3318" in text  # the stored outputs (checked by nbval) are shown
    assert 'alt="Two panels. Left: three straight lines' in text  # real alt text, not a file path
    assert text.count('class="dropdown admonition"') == 3  # answers hidden in toggles
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "nnlib.estimators.MLPClassifier" in api and "nnlib.optimizers.Adam" in api
    assert (html / "performance.html").is_file()
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    block = (ROOT / "glossary.md").read_text(encoding="utf-8").split("```{glossary}")[1].split("```")[0]
    terms = [line for line in block.splitlines() if line and not line[0].isspace()]
    assert len(terms) >= 50 and glossary.count('id="term-') == len(terms)  # every entry rendered
    assert (html / "notation.html").is_file()
    assert "glossary.html#term-Pooling-layer" in (html / "chapters" / "13_beyond_the_mlp.html").read_text(encoding="utf-8")

    # the exercises are part of the book, and the chapters link to them
    exercise = (html / "exercises" / "03_backprop_by_hand.html").read_text(encoding="utf-8")
    assert "Backpropagation by hand" in exercise and "not done yet" in exercise  # ran, unfilled
    assert 'href="../exercises/03_backprop_by_hand.html"' in (html / "chapters" / "06_backprop.html").read_text(encoding="utf-8")

    # no page over 3 MB, interactive panels (every figure of their grids inline) included
    sizes = {p.relative_to(html).as_posix(): p.stat().st_size for p in html.rglob("*.html")}
    assert max(sizes.values()) < 3e6, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]

    # references: the bibliography renders and chapters cite into it
    references = (html / "references.html").read_text(encoding="utf-8")
    assert "Learning representations by back-propagating errors" in references
    assert 'href="../references.html#id' in (html / "chapters" / "08_initialization.html").read_text(encoding="utf-8")

    # the build ran the exercises and the status page, and no chapter (nbval runs those)
    statuses = executed_documents(html / "status.html")
    exercises = sorted(f"exercises/{p.stem}" for p in (ROOT / "exercises").glob("*.ipynb"))
    assert sorted(statuses) == exercises + ["status"], statuses
    assert set(statuses.values()) == {"✅"}, statuses
    status = (html / "status.html").read_text(encoding="utf-8")
    assert all(f"<th>{p.stem}</th>" in status for p in (ROOT / "chapters").glob("*.ipynb"))


def executed_documents(status_page):
    """Document -> status mark of every notebook the build executed, read from the
    execution table (myst-nb's ``nb-exec-table``) on the status page."""
    text = status_page.read_text(encoding="utf-8")
    statuses = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if len(cells) == 5:  # document, modified, method, run time, status
            statuses[cells[0]] = cells[4]
    return statuses


def test_every_chapter_runs_in_under_30_s(request):
    """Each chapter's run under nbval in this session (``make test``: kernel start, every
    cell, shutdown), as measured by ``ChapterTimer`` in conftest.py; this test runs last."""
    timer = request.config.pluginmanager.get_plugin("chapter_timer")
    chapters = {f"chapters/{p.name}" for p in (ROOT / "chapters").glob("*.ipynb")}
    ran = {path: seconds for path, seconds in timer.seconds.items() if path in chapters}
    if not timer.collected & chapters:
        pytest.skip("no chapter ran under nbval in this session (make test runs them all)")
    assert set(ran) == timer.collected & chapters, "a collected chapter did not run"
    slow = {path: round(seconds, 1) for path, seconds in ran.items() if seconds >= 30}
    assert not slow, f"chapters taking 30 s or more under nbval: {slow}"


@pytest.mark.parametrize("chapter", sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb")))
def test_nbval_ignores_the_output_of_every_panel(chapter):
    """A panel's stored output holds its static copy (make notebooks runs with
    NNLIB_STATIC_PANELS=1); nbval runs without it, so it must not compare that output."""
    import nbformat
    notebook = nbformat.read(ROOT / "chapters" / chapter, as_version=4)
    for cell in notebook.cells:
        shows_panel = cell.cell_type == "code" and (
            re.search(r"\w+_panel\(", cell.source)
            or any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs))
        if shows_panel:
            assert ("nbval-ignore-output" in cell.metadata.get("tags", [])
                    or "NBVAL_IGNORE_OUTPUT" in cell.source), cell.source
