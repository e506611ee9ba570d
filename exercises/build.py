"""Make the student notebooks and autograders from the masters, and grade submissions.

    python exercises/build.py students            # exercises/*.ipynb and exercises/tests/ from source/
    python exercises/build.py autograders DIR     # one autograder zip per exercise, in DIR
    python exercises/build.py grade SUBMISSIONS RESULTS [--jobs N] [--timeout SECONDS] [--autograders DIR]
        # grade every notebook in SUBMISSIONS (matched to its exercise by file name or by
        # the exercise name otter stores in it), print a score table, write RESULTS/scores.csv
        # (a row as each submission finishes) and each submission's results

The autograder zips are standard otter-grader 7 ones (``otter assign``): they also grade
with ``otter run`` or on Gradescope. ``grade`` runs them here, in parallel, without Docker,
with a wall-clock limit per submission enforced from outside (see ``grader.py``). The
masters in ``exercises/source/`` hold the solutions and the hidden tests: keep them (and
the autograder zips) away from learners.
"""

import argparse
import concurrent.futures
import csv
import hashlib
import json
import multiprocessing
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE / "source"
TIMEOUT = 60.0  # seconds per submission; the slowest correct submission takes under 15 s
FIELDS = ["submission", "exercise", "score", "possible", "seconds", "error"]


SET_UP = """\
# Set up otter's checks (on Colab, first install nnlib and otter-grader; anywhere, fetch missing checks)
import pathlib
import sys

if "google.colab" in sys.modules:
    import subprocess
    from importlib.metadata import version

    # otter-grader 7 asks for ipywidgets 8, which Colab's front end cannot show: keep Colab's own
    pathlib.Path("colab-constraints.txt").write_text(f"ipywidgets=={{version('ipywidgets')}}\\n")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "-c", "colab-constraints.txt"]
    subprocess.run(pip + ["--no-deps", "otter-grader>=7,<8"], check=True)
    subprocess.run(pip + ["fica", "ipylab", "dill", "wrapt<2", "python-on-whales", "jupytext", "python-frontmatter",
                          "nnlib @ git+{repository}"], check=True)

if not pathlib.Path("tests/{question}.py").is_file():  # this notebook came without its tests/ folder
    import urllib.request

    pathlib.Path("tests").mkdir(exist_ok=True)
    try:
        urllib.request.urlretrieve("{raw}/exercises/tests/{question}.py", "tests/{question}.py")
    except OSError:
        print("This exercise's checks are missing: download exercises/tests/{question}.py from {repository} "
              "into a tests/ folder next to this notebook, then run this cell again.")

import otter

grader = otter.Notebook("{notebook}.ipynb")"""


def set_up_cell(notebook, question):
    """The first code cell of every exercise (the same plumbing, named for this exercise),
    fetching from the repository and branch that ``_config.yml`` names."""
    import yaml
    repository = yaml.safe_load((HERE.parent / "_config.yml").read_text())["repository"]
    raw = repository["url"].replace("https://github.com/", "https://raw.githubusercontent.com/")
    return SET_UP.format(repository=repository["url"], raw=raw + "/" + repository["branch"], question=question,
                         notebook=notebook)


def masters():
    return sorted(SOURCE.glob("*.ipynb"))


def otter(*args, cwd=None):
    """Run the otter command line of this interpreter; raise with its output on failure."""
    result = subprocess.run([sys.executable, "-m", "otter", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"otter {' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def assign(master, out, run_tests=True):
    """``otter assign`` one master into ``out`` (which gets ``student/`` and ``autograder/``).
    With ``run_tests`` otter also runs the master's tests on its solutions and fails if
    one does not pass."""
    otter("assign", *([] if run_tests else ["--no-run-tests"]), master, out)
    return pathlib.Path(out)


def _fingerprint(master):
    from importlib.metadata import version
    return hashlib.sha256(master.read_bytes() + version("otter-grader").encode()).hexdigest()


def build(out, jobs=1, run_tests=True):
    """``otter assign`` every master into ``out/NAME/``, ``jobs`` at a time, reusing the
    result of a master that has not changed since; returns {exercise: its folder}."""
    out = pathlib.Path(out)
    stale = [m for m in masters() if not ((out / m.stem / "master.sha256").is_file()
                                          and (out / m.stem / "master.sha256").read_text() == _fingerprint(m))]
    for master in stale:
        shutil.rmtree(out / master.stem, ignore_errors=True)
    if run_tests:  # otter runs each master's tests in a kernel of its own
        with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
            list(pool.map(lambda m: assign(m, out / m.stem), stale))
    else:  # otter assign in one process per job: its import is most of its time
        chunks = [stale[i::max(1, jobs)] for i in range(max(1, jobs))]
        with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
            list(pool.map(lambda chunk: chunk and subprocess.run(
                [sys.executable, __file__, "assign", str(out), *map(str, chunk)], check=True), chunks))
    for master in stale:
        (out / master.stem / "master.sha256").write_text(_fingerprint(master))
    return {m.stem: out / m.stem for m in masters()}


def assign_without_tests(out, paths):
    """``otter assign --no-run-tests`` of each master in ``paths``, in this process."""
    from otter.assign import main as otter_assign
    for path in map(pathlib.Path, paths):
        otter_assign(str(path), str(pathlib.Path(out) / path.stem), no_run_tests=True)


def autograder_zip(folder):
    (made,) = (pathlib.Path(folder) / "autograder").glob("*.zip")
    return made


def build_students(destination=HERE, jobs=1):
    """Write every student notebook to ``destination`` and its public tests to ``destination/tests``."""
    destination = pathlib.Path(destination)
    (destination / "tests").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in build(tmp, jobs).items():
            shutil.copy(folder / "student" / f"{name}.ipynb", destination / f"{name}.ipynb")
            for test in (folder / "student" / "tests").glob("*.py"):
                shutil.copy(test, destination / "tests" / test.name)


def exercise_of(submission, exercises):
    """The exercise a submitted notebook belongs to: by file name, else by otter's metadata."""
    for name in exercises:
        if submission.stem.startswith(name) or name in submission.stem:
            return name
    text = submission.read_text(encoding="utf-8", errors="replace")
    for name in exercises:
        if f'grader = otter.Notebook(\\"{name}.ipynb\\")' in text:
            return name
    return None


def tests_of(zip_path, destination):
    """The test files inside an autograder zip, extracted to ``destination``."""
    destination = pathlib.Path(destination)
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.namelist():
            if member.startswith("tests/") and member.endswith(".py"):
                (destination / pathlib.Path(member).name).write_bytes(archive.read(member))
    return destination


def grade_one(context, tests_dir, exercise, submission, out, timeout, inline_tests=None):
    """Grade one submission in a process group of its own, killed after ``timeout`` s."""
    import grader

    out.mkdir(parents=True, exist_ok=True)
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=grader.grade_submission,
                              args=(str(tests_dir), f"{exercise}.ipynb", str(submission), str(out), send,
                                    inline_tests))
    process.start()
    send.close()
    if not receive.poll(timeout):
        os.killpg(process.pid, 9)
        process.join()
        return {"error": f"timed out after {timeout:g} s (an endless loop?)"}
    try:
        reply = receive.recv()
    except EOFError:  # the process ended without a word
        reply = None
    process.join(10)
    if process.is_alive():
        os.killpg(process.pid, 9)
        process.join()
    if reply is None or _another(receive):
        how = f"exit code {process.exitcode}" if process.exitcode >= 0 else f"signal {-process.exitcode}"
        return {"error": f"the grading process ended ({how}) while the checks ran: the submission's "
                         "code exited, crashed or tampered with the grader"}
    return reply


def _another(receive):
    """Whether a second reply came: the grader sends one, so a second is forged."""
    try:
        return receive.poll() and receive.recv() is not None
    except EOFError:
        return False


def _row(submission, exercise, reply):
    row = {"submission": submission.name, "exercise": exercise or "?", "score": "", "possible": "", "error": ""}
    if exercise is None:
        row["error"] = "not one of the exercises"
    elif "error" in reply:
        row.update(score=0, possible="", error=reply["error"])
    else:
        row["score"] = round(sum(t["score"] for t in reply["tests"]), 3)
        row["possible"] = round(sum(t["max_score"] for t in reply["tests"]), 3)
    return row


def grade(submissions, results, jobs=None, timeout=TIMEOUT, autograders=None, inline_checks=False):
    """Grade every ``*.ipynb`` in ``submissions``, ``jobs`` at a time; write each one's
    results and a row of ``results/scores.csv`` as it finishes; print the table. With
    ``inline_checks`` the notebooks' own ``grader.check`` cells run too (on the public
    tests of ``exercises/tests/``), to see what a learner sees."""
    submissions, results = pathlib.Path(submissions), pathlib.Path(results)
    jobs = jobs or os.cpu_count() or 1
    results.mkdir(parents=True, exist_ok=True)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"  # one thread per job; and a forked BLAS thread pool can hang
    os.environ["MPLBACKEND"] = "Agg"
    folders = build(autograders or results / "autograders", jobs, run_tests=False)
    tests = {name: tests_of(autograder_zip(folder), pathlib.Path(tempfile.mkdtemp()))
             for name, folder in folders.items()}
    sys.path.insert(0, str(HERE))
    import grader

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(grader.PRELOAD + ["grader"])
    todo = sorted(submissions.glob("*.ipynb"))
    rows, lock, started = [], threading.Lock(), time.time()
    with open(results / "scores.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        f.flush()

        def one(submission):
            exercise, began = exercise_of(submission, folders), time.time()
            reply = {} if exercise is None else grade_one(context, tests[exercise], exercise, submission,
                                                          results / submission.stem, timeout,
                                                          HERE / "tests" if inline_checks else None)
            if exercise is not None:
                (results / submission.stem / "results.json").write_text(json.dumps(reply, indent=1))
            row = dict(_row(submission, exercise, reply), seconds=round(time.time() - began, 1))
            with lock:
                rows.append(row)
                writer.writerow(row)
                f.flush()
                done = len(rows)
                bar = "#" * (30 * done // len(todo))
                print(f"\r[{bar:30}] {done}/{len(todo)} graded, {time.time() - started:.0f} s",
                      end="", file=sys.stderr, flush=True)
            return row

        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            list(pool.map(one, todo))
    print(file=sys.stderr)
    rows.sort(key=lambda r: r["submission"])
    width = max([len(r["submission"]) for r in rows] + [10])
    print(f"{'submission':{width}}  {'exercise':32}  score")
    for r in rows:
        result = f"{r['score']} / {r['possible']}" if not r["error"] else f"0, not graded: {r['error']}"
        print(f"{r['submission']:{width}}  {r['exercise']:32}  {result}")
    print(f"\n{len(rows)} submissions graded in {time.time() - started:.0f} s with {jobs} jobs; "
          f"scores written to {results / 'scores.csv'}")
    for folder in tests.values():
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["students", "autograders", "grade", "assign"])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--jobs", type=int, default=None, help="submissions graded at a time (default: all cores)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per submission")
    parser.add_argument("--autograders", help="where the autograders are built and reused")
    parser.add_argument("--inline-checks", action="store_true", help="run the notebooks' grader.check cells too")
    args = parser.parse_args(argv)
    if args.command == "students" and not args.paths:
        build_students(jobs=args.jobs or 1)
    elif args.command == "autograders" and len(args.paths) == 1:
        destination = pathlib.Path(args.paths[0])
        for name, folder in build(destination / "assigned", args.jobs or 1).items():
            print(f"{name}: {shutil.copy(autograder_zip(folder), destination / f'{name}-autograder.zip')}")
    elif args.command == "assign" and len(args.paths) >= 2:  # used by build(): OUT MASTER...
        assign_without_tests(args.paths[0], args.paths[1:])
    elif args.command == "grade" and len(args.paths) == 2:
        grade(*args.paths, jobs=args.jobs, timeout=args.timeout, autograders=args.autograders,
              inline_checks=args.inline_checks)
    else:
        parser.error("see the usage above")


if __name__ == "__main__":
    main(sys.argv[1:])
