"""Make the student notebooks and autograders from the masters, and grade submissions.

    python exercises/build.py students            # exercises/*.ipynb and exercises/tests/ from source/
    python exercises/build.py autograders DIR     # one autograder zip per exercise, in DIR
    python exercises/build.py grade SUBMISSIONS RESULTS
        # grade every notebook in SUBMISSIONS (matched to its exercise by file name or by
        # the exercise name otter stores in it), print a score table, write RESULTS/scores.csv
        # and each submission's otter results

Everything runs locally with otter-grader (``otter assign``, ``otter run``): no Docker.
The masters in ``exercises/source/`` hold the solutions and the hidden tests: keep them
(and the autograder zips) away from learners.
"""

import csv
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE / "source"


def masters():
    return sorted(SOURCE.glob("*.ipynb"))


def otter(*args, cwd=None):
    """Run the otter command line of this interpreter; raise with its output on failure."""
    result = subprocess.run([sys.executable, "-m", "otter", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"otter {' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def assign(master, out):
    """``otter assign`` one master into ``out`` (which gets ``student/`` and ``autograder/``).
    It also runs the master's tests against its solutions and fails if any does not pass."""
    otter("assign", master, out)
    return pathlib.Path(out)


def build_students(destination=HERE):
    """Write every student notebook to ``destination`` and its public tests to ``destination/tests``."""
    destination = pathlib.Path(destination)
    (destination / "tests").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for master in masters():
            student = assign(master, pathlib.Path(tmp) / master.stem) / "student"
            shutil.copy(student / master.name, destination / master.name)
            for test in (student / "tests").glob("*.py"):
                shutil.copy(test, destination / "tests" / test.name)


def build_autograders(destination):
    """One autograder zip per exercise, named after it; returns {exercise: zip path}."""
    destination = pathlib.Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    zips = {}
    with tempfile.TemporaryDirectory() as tmp:
        for master in masters():
            autograder = assign(master, pathlib.Path(tmp) / master.stem) / "autograder"
            (made,) = autograder.glob("*.zip")
            zips[master.stem] = shutil.copy(made, destination / f"{master.stem}-autograder.zip")
    return zips


def exercise_of(submission, exercises):
    """The exercise a submitted notebook belongs to: by file name, else by otter's metadata."""
    for name in exercises:
        if submission.stem.startswith(name) or name in submission.stem:
            return name
    text = submission.read_text(encoding="utf-8")
    for name in exercises:
        if f'grader = otter.Notebook(\\"{name}.ipynb\\")' in text:
            return name
    return None


def grade(submissions, results):
    """Grade every ``*.ipynb`` in ``submissions``; print the table; write ``results/scores.csv``."""
    submissions, results = pathlib.Path(submissions), pathlib.Path(results)
    results.mkdir(parents=True, exist_ok=True)
    zips = build_autograders(results / "autograders")
    rows = []
    for submission in sorted(submissions.glob("*.ipynb")):
        exercise = exercise_of(submission, zips)
        row = {"submission": submission.name, "exercise": exercise or "?", "score": "", "possible": "",
               "error": ""}
        if exercise is None:
            row["error"] = "not one of the exercises"
        else:
            out = results / submission.stem
            out.mkdir(exist_ok=True)
            try:
                otter("run", "-a", zips[exercise], "-o", out, submission)
                scores = json.loads((out / "results.json").read_text())["tests"]
                graded = [t for t in scores if "score" in t]
                row["score"] = round(sum(t["score"] for t in graded), 3)
                row["possible"] = round(sum(t["max_score"] for t in graded), 3)
            except (RuntimeError, OSError, KeyError, ValueError) as error:
                row["error"] = str(error).splitlines()[0][:120]
        rows.append(row)
    with open(results / "scores.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["submission", "exercise", "score", "possible", "error"])
        writer.writeheader()
        writer.writerows(rows)
    width = max([len(r["submission"]) for r in rows] + [10])
    print(f"{'submission':{width}}  {'exercise':36}  score")
    for r in rows:
        result = f"{r['score']} / {r['possible']}" if r["score"] != "" else f"not graded: {r['error']}"
        print(f"{r['submission']:{width}}  {r['exercise']:36}  {result}")
    print(f"\nscores written to {results / 'scores.csv'}")
    return rows


def main(argv):
    if argv[:1] == ["students"]:
        build_students()
    elif argv[:1] == ["autograders"] and len(argv) == 2:
        for name, path in build_autograders(argv[1]).items():
            print(f"{name}: {path}")
    elif argv[:1] == ["grade"] and len(argv) == 3:
        grade(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
