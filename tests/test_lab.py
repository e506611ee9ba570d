"""A learner's JupyterLab: the project's own venv serves copies of the chapters and
exercises on 127.0.0.1; headless Chromium opens a chapter, runs it, moves a panel
control, reads an answer rendered by jupyterlab-myst, then runs an exercise."""

import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
JUPYTER = pathlib.Path(sys.executable).parent / "jupyter"
pytestmark = pytest.mark.lab


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on copies of chapters/ and exercises/ (so no notebook of the project is
    ever modified), with its own settings and workspace folders; yields (url, token,
    folder) and shuts the server and its kernels down afterwards."""
    if not JUPYTER.is_file():
        pytest.fail(f"{JUPYTER} is missing: JupyterLab comes with requirements.txt")
    base = tmp_path_factory.mktemp("lab")
    work = base / "book"
    shutil.copytree(ROOT / "chapters", work / "chapters")
    shutil.copytree(ROOT / "exercises", work / "exercises",
                    ignore=shutil.ignore_patterns("source", "__pycache__"))
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "NNLIB_"))}
    env.update(JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    command = [str(JUPYTER), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", f"--LabApp.user_settings_dir={base / 'settings'}",
               f"--LabApp.workspaces_dir={base / 'workspaces'}",
               "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp: run its commands
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (base / "server.log").open("w")
    server = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, token, server, base / "server.log")
        yield url, token, work
    finally:
        shut_down(url, token, server)
        log.close()


def wait_until_up(url, token, server, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


def shut_down(url, token, server):
    """Ask the server to stop (it shuts its kernels down first); kill it if it does not."""
    try:
        request = urllib.request.Request(f"{url}/api/shutdown?token={token}", method="POST")
        urllib.request.urlopen(request, timeout=10).close()
        server.wait(timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        server.kill()
        server.wait()


@pytest.fixture
def lab_page(browser, lab):
    """A page that may talk to the local JupyterLab only; it records uncaught errors."""
    url, token, _ = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.set_default_timeout(60_000)
    yield page
    context.close()


def open_notebook(page, lab, path):
    """Open ``path`` in a workspace of its own (no tab restored from an earlier test);
    wait until it is the current widget and its kernel is idle."""
    url, token, _ = lab
    page.goto(f"{url}/lab/workspaces/{pathlib.PurePath(path).stem}/tree/{path}?token={token}")
    page.wait_for_function(
        """path => { const app = window.jupyterapp, widget = app && app.shell.currentWidget;
                     return widget && widget.context && widget.context.path === path; }""",
        arg=path)
    wait_for_idle_kernel(page)
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").last


def wait_for_idle_kernel(page, timeout=120_000):
    """Wait until the current notebook's kernel is connected and idle."""
    page.wait_for_function(
        """() => { const app = window.jupyterapp, widget = app && app.shell.currentWidget;
                   const session = widget && widget.sessionContext && widget.sessionContext.session;
                   const kernel = session && session.kernel;
                   return kernel && kernel.connectionStatus === "connected"
                          && kernel.status === "idle"; }""",
        timeout=timeout)


def command(page, name):
    """Run a JupyterLab command (what a menu item does) and return its result."""
    return page.evaluate("name => window.jupyterapp.commands.execute(name)", name)


def run_all(page, notebook):
    """Clear the stored outputs (so no stored prompt number counts as run), run all cells
    (Run > Run All Cells), and check that every code cell ran and none failed."""
    command(page, "notebook:clear-all-cell-outputs")
    succeeded = command(page, "notebook:run-all-cells")  # resolves when the run ends
    wait_for_idle_kernel(page)
    errors = notebook.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, errors.first.inner_text()
    prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()
    assert succeeded and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts


def test_a_chapter_runs_its_panel_responds_and_answers_stay_collapsed(lab_page, lab):
    page = lab_page
    notebook = open_notebook(page, lab, "chapters/02_activations.ipynb")
    # JupyterLab marks a notebook modified while it loads; it stays so if the stored
    # kernelspec differs from the kernel's own (run_notebooks.py stores the kernel's)
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current')"
                           ".classList.contains('jp-mod-dirty')", timeout=15_000)

    # MyST rendered by jupyterlab-myst: an answer is a collapsed dropdown, not raw text
    answer = notebook.locator("details.myst-admonition",
                              has=page.locator("summary", has_text="Answer")).first
    answer.scroll_into_view_if_needed()
    cell = notebook.locator(".jp-MarkdownCell", has=answer)
    assert cell.get_by_text(":::{admonition}").filter(visible=True).count() == 0
    assert not answer.evaluate("d => d.open")
    hidden = answer.locator(":scope > :not(summary)").first  # the answer itself
    assert hidden.count() == 1 and not hidden.is_visible()
    answer.locator("summary").click()
    hidden.wait_for(state="visible", timeout=5_000)

    run_all(page, notebook)
    panel = notebook.locator(".widget-vbox", has=page.locator("select")).first
    figure = panel.locator("img").first
    figure.wait_for()
    before = figure.get_attribute("src")
    select = panel.locator("select").first
    current = select.input_value()
    other = next(v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)")
                 if v != current)
    select.select_option(other)
    page.wait_for_function(  # the panel redraws: a new figure replaces the old one
        "([panel, src]) => { const img = panel.querySelector('img');"
        " return img && img.src !== src; }",
        arg=[panel.element_handle(), before], timeout=60_000)
    assert not page.errors, page.errors


def test_an_unfilled_exercise_says_it_is_not_done_yet(lab_page, lab):
    page = lab_page
    notebook = open_notebook(page, lab, "exercises/01_forward_pass.ipynb")
    run_all(page, notebook)
    feedback = notebook.locator(".jp-OutputArea-output", has_text="not done yet").first
    feedback.wait_for()
    assert not page.errors, page.errors
