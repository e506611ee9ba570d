"""The rendered book as a reader gets it, in a real browser with the network cut: every
page loads without console errors and without a request leaving the site, math is
typeset, every image has real alt text, the search finds a concept, and every internal
link and cross-reference resolves."""

import html.parser
import pathlib
import urllib.parse

import pytest

pytestmark = pytest.mark.book


def is_redirect(path):
    """Jupyter Book's root index.html is a one-line meta refresh to the first page."""
    return 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")[:200]


def pages(book_html):
    """Every page of the book (not Sphinx's source copies, static files or the root redirect)."""
    skip = ("_static", "_sources", "_images")
    return sorted(p.relative_to(book_html).as_posix() for p in book_html.rglob("*.html")
                  if not p.relative_to(book_html).parts[0] in skip and not is_redirect(p))


def test_the_site_root_leads_to_the_introduction(page, site):
    page.goto(f"{site}/")
    page.wait_for_url("**/intro.html", timeout=10000)
    assert page.locator("h1").first.inner_text().strip()


def test_every_page_loads_offline_without_errors_typesets_math_and_has_alt_text(page, site, book_html):
    problems = {}
    for name in pages(book_html):
        page.errors.clear()
        page.outside_requests.clear()
        page.goto(f"{site}/{name}", wait_until="load")
        found = []
        if page.locator(".math").count():
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.document"
                                   " && document.querySelectorAll('mjx-container').length > 0", timeout=20000)
            if page.locator(".math mjx-container, mjx-container").count() == 0:
                found.append("math not typeset")
        for image in page.locator("img").all():
            alt = (image.get_attribute("alt") or "").strip()
            if len(alt) < 3 or alt.endswith((".png", ".svg", ".jpg")):
                found.append(f"image without real alt text: {image.get_attribute('src')[:60]} alt={alt!r}")
        page.wait_for_timeout(100)  # late console messages
        found += page.errors + [f"request outside the site: {u}" for u in page.outside_requests]
        if found:
            problems[name] = found
    assert not problems, problems


def test_search_finds_a_concept(page, site):
    page.goto(f"{site}/search.html?q=backpropagation")
    page.wait_for_selector("#search-results li", timeout=20000)
    results = page.locator("#search-results li").all_inner_texts()
    assert any("Backpropagation" in r for r in results), results


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def test_internal_links_and_cross_references_resolve(book_html):
    parsed = {}

    def parse(path):
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    for name in pages(book_html):
        path = book_html / name
        for href in parse(path).hrefs:
            url = urllib.parse.urlparse(href)
            if url.scheme or href.startswith(("mailto:", "javascript:")):
                continue
            target = (path.parent / urllib.parse.unquote(url.path)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{name}: {href} (no such file)")
            elif url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids:
                broken.append(f"{name}: {href} (no such anchor)")
    assert not broken, broken[:20]


AXE_VERSION = "4.10.2"


@pytest.fixture(scope="module")
def axe_source(tmp_path_factory):
    """axe-core's script, fetched from the npm registry at a pinned version (npm checks its hash)."""
    import shutil
    import subprocess
    import tarfile

    folder = tmp_path_factory.mktemp("axe")
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to fetch axe-core (apt-get install npm)")
    subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"], cwd=folder, check=True, capture_output=True)
    with tarfile.open(folder / f"axe-core-{AXE_VERSION}.tgz") as archive:
        return archive.extractfile("package/axe.min.js").read().decode("utf-8")


def test_no_serious_or_critical_accessibility_violations(page, site, book_html, axe_source):
    problems = {}
    for name in pages(book_html):
        page.goto(f"{site}/{name}", wait_until="load")
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s), e.g. "
                   f"{v['nodes'][0]['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[name] = serious
    assert not problems, problems
