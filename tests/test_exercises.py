"""The graded exercises: student notebooks in sync with the masters, and the catalogue of
submissions in ``tests/submissions.py`` graded through ``make grade`` as an instructor
would: right answers in other styles get full marks, each mistake loses marks with a
message naming it, hostile submissions (hangs, exits, crashes, patched checks) get no
credit and stop nothing, and no output shows a line of a check's source."""

import csv
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
sys.path.insert(0, str(EXERCISES))
import build  # noqa: E402  (exercises/build.py)
import submissions  # noqa: E402  (tests/submissions.py)

pytestmark = pytest.mark.exercises
NAMES = [m.stem for m in build.masters()]
GRADED = [s for s in submissions.CATALOGUE if not s.hangs]
HANGING = [s for s in submissions.CATALOGUE if s.hangs]


@pytest.fixture(scope="session")
def assigned(tmp_path_factory):
    """``otter assign`` of every master (two at a time), shared with the grading runs."""
    return build.build(tmp_path_factory.mktemp("assigned"), jobs=2, run_tests=False)


def cells(path):
    return [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]


def questions(master):
    """The names of the questions a master asks (its ``# BEGIN QUESTION`` cells)."""
    return [yaml.safe_load(c.source.split("\n", 1)[1])["name"]
            for c in nbformat.read(master, as_version=4).cells if c.source.startswith("# BEGIN QUESTION")]


def test_one_notebook_and_one_question_per_exercise():
    asked = {master.stem: questions(master) for master in build.masters()}
    assert NAMES and all(len(names) == 1 for names in asked.values()), asked
    checks = sorted(p.stem for p in (EXERCISES / "tests").glob("*.py"))
    assert checks == sorted(name for names in asked.values() for name in names)
    assert sorted(p.stem for p in EXERCISES.glob("*.ipynb")) == NAMES
    assert re.findall(r"file:\s*exercises/(\w+)", (ROOT / "_toc.yml").read_text()) == NAMES


@pytest.mark.parametrize("master", build.masters(), ids=lambda master: master.stem)
def test_every_master_sets_up_with_the_one_set_up_cell(master):
    (question,) = questions(master)
    code = [c.source for c in nbformat.read(master, as_version=4).cells if c.cell_type == "code"]
    assert code[0] == build.set_up_cell(master.stem, question)


def test_the_readme_counts_the_exercises_there_are():
    built = [name for name in NAMES if "_build_" in name]
    words = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))
    said = (f"the source chapter's {words[len(NAMES) - len(built)]} and {words[len(built)]} "
            '"build it yourself" ones')
    assert said in " ".join((ROOT / "README.md").read_text().split())


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_and_the_chapters_it_practises_link_to_each_other(name):
    intro = next(c.source for c in nbformat.read(EXERCISES / f"{name}.ipynb", as_version=4).cells
                 if c.cell_type == "markdown")
    chapters = re.findall(r"\]\(\.\./chapters/(\w+\.ipynb)\)", intro.split("\n\n")[1])
    assert intro.split("\n\n")[1].startswith("Practises chapter") and chapters, intro
    for chapter in chapters:
        text = (ROOT / "chapters" / chapter).read_text(encoding="utf-8")
        assert f"../exercises/{name}.ipynb" in text, f"{chapter} does not link to {name}"


@pytest.mark.parametrize("name", NAMES)
def test_committed_student_notebooks_are_what_otter_assign_makes(assigned, name):
    student = assigned[name] / "student"
    assert cells(EXERCISES / f"{name}.ipynb") == cells(student / f"{name}.ipynb"), \
        "exercises/ is out of date: run `make exercises`"
    for test in (student / "tests").glob("*.py"):
        assert (EXERCISES / "tests" / test.name).read_text() == test.read_text(), test.name


@pytest.mark.parametrize("name", NAMES)
def test_student_notebooks_hold_no_solution_and_no_hidden_test(assigned, name):
    text = (EXERCISES / f"{name}.ipynb").read_text()
    assert "SOLUTION" not in text and "HIDDEN" not in text
    hidden = [t for t in (assigned[name] / "autograder" / "tests").glob("*.py") if "hidden=True" in t.read_text()]
    assert hidden, "every exercise has hidden tests"
    for test in hidden:
        assert "hidden=True" not in (EXERCISES / "tests" / test.name).read_text()


def test_the_notebooks_name_the_kernel_as_the_venvs_ipykernel_does():
    # otherwise opening an exercise in JupyterLab rewrites its metadata and marks it modified
    from jupyter_client.kernelspec import KernelSpecManager
    display_name = KernelSpecManager().get_kernel_spec("python3").display_name
    for notebook in [*EXERCISES.glob("*.ipynb"), *(EXERCISES / "source").glob("*.ipynb")]:
        assert nbformat.read(notebook, as_version=4).metadata.kernelspec.display_name == display_name, notebook


def test_the_set_up_cell_keeps_colabs_ipywidgets():
    # otter-grader 7 requires ipywidgets>=8.1.5; Colab's front end only shows 7.7.1
    for notebook in EXERCISES.glob("*.ipynb"):
        setup = next(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
        assert '"--no-deps", "otter-grader>=7,<8"' in setup and '"-c", "colab-constraints.txt"' in setup
        assert "ipywidgets=={version('ipywidgets')}" in setup


def test_a_notebook_without_its_checks_says_how_to_get_them(tmp_path, monkeypatch, capsys):
    import urllib.request

    def offline(url, filename):
        raise OSError("no network")

    name = NAMES[0]
    shutil.copy(EXERCISES / f"{name}.ipynb", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(urllib.request, "urlretrieve", offline)
    setup = next(c.source for c in nbformat.read(tmp_path / f"{name}.ipynb", as_version=4).cells if c.cell_type == "code")
    exec(compile(setup, "<set-up cell>", "exec"), {})
    printed = capsys.readouterr().out
    assert "checks are missing: download exercises/tests/forward_pass.py from https://github.com/" in printed
    assert printed.count(".") <= 5 and len(printed.strip().splitlines()) == 1  # one sentence


def make_grade(folder, results, assigned, timeout, *options):
    """``make grade`` on ``folder``, two jobs, reusing the autograders of ``assigned``."""
    autograders = next(iter(assigned.values())).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    command = ["make", "-s", "--no-print-directory", "grade", f"SUBMISSIONS={folder}", f"RESULTS={results}",
               "JOBS=2", f"TIMEOUT={timeout}", f"GRADE_OPTIONS=--autograders {autograders} {' '.join(options)}"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def read_results(results):
    with open(results / "scores.csv") as f:
        rows = {r["submission"]: r for r in csv.DictReader(f)}
    for row in rows.values():
        path = results / pathlib.Path(row["submission"]).stem / "results.json"
        row["reply"] = json.loads(path.read_text()) if path.is_file() else {}
        log = path.parent / "notebook-output.txt"
        row["inline"] = log.read_text(errors="replace") if log.is_file() else ""
    return rows


@pytest.fixture(scope="session")
def graded(assigned, tmp_path_factory):
    """The catalogue (all but the hanging ones) graded by ``make grade`` with the
    notebooks' own inline checks run too; returns (rows, make's output, seconds)."""
    folder, results = tmp_path_factory.mktemp("submissions"), tmp_path_factory.mktemp("results")
    for submission in GRADED:
        submissions.write(submission, folder)
    (folder / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    started = time.time()
    run = make_grade(folder, results, assigned, 120, "--inline-checks")
    seconds = time.time() - started
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return read_results(results), run.stdout + run.stderr, seconds


def messages(row):
    reply = row["reply"]
    found = [reply.get("error", "")] + [o["message"] for t in reply.get("tests", []) for o in t["output"] if not o["passed"]]
    return "\n".join(found)


def check(row, submission):
    score = float(row["score"] or 0)
    possible = float(row["possible"] or 0)
    said = messages(row)
    if submission.expect == "full":
        assert not row["error"] and possible > 0 and score == possible, said
    elif submission.expect == "zero":
        assert score == 0, said
    else:
        assert not row["error"] and score < possible, said
    assert submission.phrase in said, said
    if submission.absent:
        assert submission.absent not in said, said


@pytest.mark.parametrize("submission", GRADED, ids=[s.filename for s in GRADED])
def test_each_submission_gets_the_grade_it_deserves(graded, submission):
    rows, _, _ = graded
    check(rows[submission.filename], submission)


def test_the_catalogue_covers_every_exercise_and_every_kind():
    by_expectation = {e: {s.exercise for s in submissions.CATALOGUE if s.expect == e} for e in ("full", "fail", "zero")}
    assert by_expectation["full"] == set(NAMES) and by_expectation["zero"] == set(NAMES)
    assert {s.exercise for s in submissions.MISTAKES} == set(NAMES)
    labels = " ".join(s.label for s in submissions.CATALOGUE)
    for kind in ["endless", "exit", "segfault", "patched", "setup-", "in-place", "global-random", "own-generator",
                 "nnlib-", "float32", "row-layout", "list"]:
        assert kind in labels, kind
    assert len(submissions.CATALOGUE) >= 100


def test_a_notebook_that_is_no_exercise_is_reported(graded):
    rows, table, _ = graded
    assert rows["notes.ipynb"]["error"] == "not one of the exercises"
    assert "graded in" in table and "[##############################]" in table  # progress bar, then the table


def check_source_lines():
    """Every line of every check (public and hidden) long enough to give something away."""
    lines = set()
    for test in (EXERCISES / "tests").glob("*.py"):
        lines.update(line.strip() for line in test.read_text().splitlines())
    for master in build.masters():
        for cell in nbformat.read(master, as_version=4).cells:
            if cell.source.lstrip().startswith(("def test_", "# HIDDEN")):
                lines.update(line.strip() for line in cell.source.splitlines())
    generic = {"import numpy as np", "from nnlib.grading import call, same", "from nnlib.grading import same"}
    return {line for line in lines if len(line) >= 24 and line not in generic and not line.startswith(("def test_", "#"))}


def test_no_output_shows_a_line_of_a_check(graded):
    rows, table, _ = graded
    shown = [table] + [messages(r) + r["inline"] for r in rows.values()]
    lines = check_source_lines()
    assert len(lines) > 150
    for text in shown:
        leaked = [line for line in lines if line in text]
        assert not leaked, leaked[:3]
    unfilled = {name: r for name, r in rows.items() if name.endswith("-unfilled.ipynb")}
    assert sorted(name.removesuffix("-unfilled.ipynb") for name in unfilled) == NAMES
    assert all("not done yet" in r["inline"] for r in unfilled.values())  # inline checks say so
    assert not any("Error at line" in r["inline"] for r in rows.values())


def test_answers_worked_out_by_hand_are_not_given_away(graded):
    rows, _, _ = graded
    by_hand = [r for name, r in rows.items() if name.startswith(("01_", "03_")) and r["score"] != r["possible"]]
    assert len(by_hand) >= 8
    for row in by_hand:
        assert "expected" not in messages(row), messages(row)


def test_grading_takes_seconds_per_submission(graded):
    _, _, seconds = graded
    assert seconds < 4 * len(GRADED), f"{seconds:.0f} s for {len(GRADED)} submissions"


def test_hanging_submissions_time_out_and_the_others_are_still_graded(assigned, tmp_path):
    folder, results = tmp_path / "submissions", tmp_path / "results"
    folder.mkdir()
    for submission in HANGING + submissions.CORRECT[:1]:
        submissions.write(submission, folder)
    run = make_grade(folder, results, assigned, 5)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = read_results(results)
    for submission in HANGING + submissions.CORRECT[:1]:
        check(rows[submission.filename], submission)
    assert "timed out after 5 s" in rows[HANGING[0].filename]["error"]


def test_an_interrupted_run_keeps_what_it_graded(assigned, tmp_path):
    folder, results = tmp_path / "submissions", tmp_path / "results"
    folder.mkdir()
    first = submissions.CORRECT[0]
    for submission in [first] + HANGING:
        submissions.write(submission, folder)
    autograders = next(iter(assigned.values())).parent
    process = subprocess.Popen([sys.executable, str(EXERCISES / "build.py"), "grade", str(folder), str(results),
                                "--jobs", "1", "--timeout", "300", "--autograders", str(autograders)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 240
        while time.time() < deadline and len((results / "scores.csv").read_text().splitlines()
                                             if (results / "scores.csv").is_file() else []) < 2:
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    rows = read_results(results)
    assert list(rows) == [first.filename] and rows[first.filename]["score"] == rows[first.filename]["possible"]


def test_the_autograder_zips_are_standard_otter_ones(assigned, tmp_path):
    # the same zip grades with otter's own runner (as on Gradescope or otter's Docker grading)
    name = NAMES[0]
    zip_path = build.autograder_zip(assigned[name])
    right = submissions.write(submissions.CORRECT[0], tmp_path)
    wrong = submissions.write(next(s for s in submissions.MISTAKES if s.exercise == name), tmp_path)
    for notebook, full in [(right, True), (wrong, False)]:
        out = tmp_path / notebook.stem
        out.mkdir()
        build.otter("run", "-a", zip_path, "-o", out, notebook)
        results = json.loads((out / "results.json").read_text())
        score = sum(t["score"] for t in results["tests"] if "score" in t)
        possible = sum(t["max_score"] for t in results["tests"] if "score" in t)
        assert (score == possible) == full and possible > 0
        assert "Error at line" not in json.dumps(results) and "same(y_hat" not in json.dumps(results)
