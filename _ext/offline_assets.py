"""Sphinx extension: a site that works offline and loads without console errors.

MathJax is served from the site itself, so no page needs a CDN.
At build time MathJax is fetched once from the npm registry at a pinned version
(``npm pack``, which checks the package's integrity hash), unpacked into
``_build/.assets/static/mathjax`` and copied into the site's ``_static/mathjax``;
``mathjax_path`` then points there. The JavaScript of the interactive panels is inline
and the widget manager is not loaded at all (``nb_ipywidgets_js: {}`` in _config.yml).

Two fixes to Jupyter Book 1's page scripts: sphinx-thebe's inline configuration is added
twice (a second ``const THEBE_JS_URL`` is a syntax error in the console) and thebe is not
used here (launch buttons open Binder and Colab), so its scripts are left out; and the
theme's colour mode starts as "auto" instead of an empty string, which the theme
reports as an error when a reader's browser has no stored preference.
"""

import pathlib
import shutil
import subprocess
import tarfile
import tempfile

MATHJAX_VERSION = "3.2.2"


def fetch_mathjax(static_root):
    """Unpack MathJax's ``es5`` build into ``static_root/mathjax`` unless it is there."""
    target = static_root / "mathjax"
    stamp = target / f".version-{MATHJAX_VERSION}"
    if stamp.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to fetch MathJax for the offline site (apt-get install npm)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        with tarfile.open(pathlib.Path(tmp) / f"mathjax-{MATHJAX_VERSION}.tgz") as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("package/es5/")]
            archive.extractall(tmp, members=members, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(pathlib.Path(tmp) / "package" / "es5", target)
    stamp.touch()
    return target


def setup_offline_assets(app):
    static_root = pathlib.Path(app.outdir).parent / ".assets" / "static"
    fetch_mathjax(static_root)
    app.config.html_static_path.append(str(static_root))
    app.config.mathjax_path = "mathjax/tex-mml-chtml.js"


def tidy_scripts(app, pagename, templatename, context, doctree):
    """Drop thebe's scripts and exact duplicates from a page's script list."""
    seen, kept = set(), []
    for script in context.get("script_files", []):
        filename = str(getattr(script, "filename", script) or "")
        body = getattr(script, "attributes", {}).get("body", "")
        if "thebe" in filename or "THEBE_JS_URL" in body or (filename, body) in seen:
            continue
        seen.add((filename, body))
        kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("builder-inited", setup_offline_assets)
    app.connect("html-page-context", tidy_scripts)
    app.add_js_file(None, body='document.documentElement.dataset.mode = localStorage.getItem("mode") || "auto";',
                    priority=1)
    return {"version": MATHJAX_VERSION, "parallel_read_safe": True, "parallel_write_safe": True}
