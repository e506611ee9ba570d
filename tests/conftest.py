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
