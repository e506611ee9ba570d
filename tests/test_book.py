"""The book builds with zero warnings (-W) and has the pages the table of contents promises."""

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
    assert "sigmoid(z) = 0.3318" in text  # executed during the build
    assert 'alt="Two panels. Left: three straight lines' in text  # real alt text, not a file path
    assert text.count('class="dropdown admonition"') == 3  # answers hidden in toggles
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "nnlib.estimators.MLPClassifier" in api and "nnlib.optimizers.Adam" in api
    assert (html / "performance.html").is_file()
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    assert glossary.count('id="term-') == 38  # every concept of the source chapter
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

    # every chapter ran within its time budget, as recorded by the build itself
    runtimes, statuses = execution_times(html / "status.html")
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    assert sorted(runtimes) == chapters, runtimes
    assert set(statuses.values()) == {"✅"}, statuses
    slow = {name: t for name, t in runtimes.items() if t >= 60}
    assert not slow, f"chapters over 60 s: {slow}"
    assert sum(runtimes.values()) < 360, f"all chapters took {sum(runtimes.values()):.0f} s"


def execution_times(status_page):
    """Chapter name -> run time in seconds, and chapter name -> status mark, read from
    the execution table (myst-nb's ``nb-exec-table``) on the status page."""
    text = status_page.read_text(encoding="utf-8")
    times, statuses = {}, {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", text, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells and cells[0].startswith("chapters/"):  # document, modified, method, run time, status
            name = cells[0].split("/")[-1]
            times[name], statuses[name] = float(cells[3]), cells[4]
    return times, statuses
