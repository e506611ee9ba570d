"""Fixtures shared by the tests of the built book, and the chapters' run times under nbval."""

import collections
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


class ChapterTimer:
    """Wall time of each notebook that nbval runs in this session: the sum of the setup,
    call and teardown times of its cells, so the kernel's start and shutdown count too.

    Registered as a plugin (not left as conftest hooks) because pytest calls a conftest's
    run-time hooks only for tests under its own folder, and the chapters are not.
    """

    LAST = "test_every_chapter_runs_in_under_30_s"

    def __init__(self):
        self.seconds = collections.defaultdict(float)
        self.collected = set()

    def pytest_collection_modifyitems(self, items):
        self.collected = {item.nodeid.split("::")[0] for item in items
                          if item.nodeid.split("::")[0].endswith(".ipynb")}
        # the run-time test reads what nbval measured, so it runs after the notebooks
        last = [item for item in items if item.name == self.LAST]
        items[:] = [item for item in items if item.name != self.LAST] + last

    def pytest_runtest_logreport(self, report):
        path = report.nodeid.split("::")[0]
        if path.endswith(".ipynb"):
            self.seconds[path] += report.duration

    def pytest_terminal_summary(self, terminalreporter):
        if self.seconds:
            terminalreporter.section("notebook run times under nbval")
            for path, seconds in sorted(self.seconds.items()):
                terminalreporter.write_line(f"{seconds:6.1f} s  {path}")


def pytest_configure(config):
    config.pluginmanager.register(ChapterTimer(), "chapter_timer")


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


CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site(book_html):
    """The built HTML served by a plain static file server on a free local port."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # quiet: no line per request in the test output
            pass

    handler = functools.partial(Handler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download does not work here)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    """A fresh page that may only talk to the local server (no kernel, no network). It
    records console errors, uncaught exceptions and every request leaving the site."""
    context = browser.new_context()
    outside = []

    def route(request_route):
        if request_route.request.url.startswith(site):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.errors, page.outside_requests = [], outside
    page.on("pageerror", lambda error: page.errors.append(f"uncaught: {error}"))
    page.on("console", lambda message: page.errors.append(f"console: {message.text}")
            if message.type == "error" else None)
    yield page
    context.close()
