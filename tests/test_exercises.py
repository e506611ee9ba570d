"""The graded exercises: student notebooks in sync with the masters, masters scoring full
marks, unfilled notebooks running cleanly and scoring zero, wrong answers rejected with
a message that says what is wrong, right answers in other styles accepted, and local
grading of a folder of submissions."""

import pathlib
import shutil
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
sys.path.insert(0, str(EXERCISES))
import build  # noqa: E402  (exercises/build.py)
from exercise_mistakes import ALTERNATIVES, MISTAKES  # noqa: E402

pytestmark = pytest.mark.exercises
NAMES = [m.stem for m in build.masters()]


def notebook_of(question):
    """The master notebook that asks ``question`` (one question per exercise)."""
    return next(m.stem for m in build.masters() if any(
        c.source.startswith(f"# BEGIN QUESTION\nname: {question}\n") for c in nbformat.read(m, as_version=4).cells))


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    """``otter assign`` of every master (which also checks its tests pass on its solutions)."""
    out = tmp_path_factory.mktemp("assigned")
    return {name: build.assign(build.SOURCE / f"{name}.ipynb", out / name) for name in NAMES}


def cells(path):
    return [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]


def test_one_notebook_per_exercise():
    # the source chapter's seven exercises and six build-it-yourself ones, one question each
    assert len(NAMES) == 13
    assert len(list((EXERCISES / "tests").glob("*.py"))) == 13
    assert sorted(p.stem for p in EXERCISES.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_and_the_chapters_it_practises_link_to_each_other(name):
    import re
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
        "exercises/ is out of date: run `python exercises/build.py students`"
    for test in (student / "tests").glob("*.py"):
        assert (EXERCISES / "tests" / test.name).read_text() == test.read_text(), test.name


@pytest.mark.parametrize("name", NAMES)
def test_student_notebooks_hold_no_solution_and_no_hidden_test(assigned, name):
    text = (EXERCISES / f"{name}.ipynb").read_text()
    assert "SOLUTION" not in text and "HIDDEN" not in text
    hidden = [t for t in (assigned[name] / "autograder" / "tests").glob("*.py") if "hidden=True" in t.read_text()]
    assert hidden, "every exercise has hidden tests"
    for test in hidden:
        public = (EXERCISES / "tests" / test.name).read_text()
        assert "hidden=True" not in public


def grade(zip_path, notebook, out):
    """Total and possible points of ``notebook`` graded locally by ``otter run``."""
    import json
    out.mkdir(parents=True, exist_ok=True)
    build.otter("run", "-a", zip_path, "-o", out, notebook)
    tests = [t for t in json.loads((out / "results.json").read_text())["tests"] if "score" in t]
    return sum(t["score"] for t in tests), sum(t["max_score"] for t in tests)


@pytest.mark.parametrize("name", NAMES)
def test_masters_score_full_marks(assigned, name, tmp_path):
    autograder = assigned[name] / "autograder"
    (zip_path,) = autograder.glob("*.zip")
    score, possible = grade(zip_path, autograder / f"{name}.ipynb", tmp_path)
    assert possible > 0 and score == possible


@pytest.mark.parametrize("name", NAMES)
def test_unfilled_notebooks_run_cleanly_and_score_zero(assigned, name, tmp_path):
    from nbclient import NotebookClient
    work = tmp_path / "work"
    shutil.copytree(EXERCISES, work, ignore=shutil.ignore_patterns("source", "__pycache__"))
    notebook = nbformat.read(work / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(work)}}).execute()  # raises on an error
    outputs = "".join(str(o) for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "not done yet" in outputs  # the checks say so, they do not crash
    nbformat.write(notebook, work / f"{name}.ipynb")
    (zip_path,) = (assigned[name] / "autograder").glob("*.zip")
    score, possible = grade(zip_path, work / f"{name}.ipynb", tmp_path / "graded")
    assert possible > 0 and score == 0


@pytest.fixture(scope="module")
def solved():
    """Every master's code run once (the grading environment a full solution makes)."""
    environments = {}

    def environment(name):
        if name not in environments:
            env = {}
            for cell in nbformat.read(build.SOURCE / f"{name}.ipynb", as_version=4).cells:
                if cell.cell_type == "code" and not cell.source.lstrip().startswith(
                        ("def test_", "# HIDDEN", "# Set up otter")):
                    exec(compile(cell.source, f"<{name}>", "exec"), env)
            environments[name] = env
        return dict(environments[name])

    return environment


def run_tests(assigned, name, question, env):
    """Run the full (hidden included) tests of ``question`` on ``env``: (all passed, messages)."""
    from otter.test_files import ExceptionTestFile
    test_file = ExceptionTestFile.from_file(str(assigned[name] / "autograder" / "tests" / f"{question}.py"))
    test_file.run(env)
    return (all(r.passed for r in test_file.test_case_results),
            "\n".join(r.message for r in test_file.test_case_results if not r.passed))


@pytest.mark.parametrize("question, code, phrase", MISTAKES,
                         ids=[f"{q}-{i}" for i, (q, _, _) in enumerate(MISTAKES)])
def test_wrong_answers_are_rejected_with_a_helpful_message(assigned, solved, question, code, phrase):
    name = notebook_of(question)
    env = solved(name)
    passed, _ = run_tests(assigned, name, question, env)
    assert passed, "the solution itself must pass"
    exec(compile(code, "<mistake>", "exec"), env)
    passed, messages = run_tests(assigned, name, question, env)
    assert not passed, f"the mistake passed the tests of {question}"
    assert phrase in messages, messages


@pytest.mark.parametrize("question, code", ALTERNATIVES, ids=[q for q, _ in ALTERNATIVES])
def test_right_answers_written_differently_pass(assigned, solved, question, code):
    name = notebook_of(question)
    env = solved(name)
    exec(compile(code, "<alternative>", "exec"), env)
    passed, messages = run_tests(assigned, name, question, env)
    assert passed, messages


def test_grading_a_folder_of_submissions(assigned, tmp_path, capsys):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    name = NAMES[0]
    shutil.copy(assigned[name] / "autograder" / f"{name}.ipynb", submissions / f"{name}-alice.ipynb")
    shutil.copy(EXERCISES / f"{name}.ipynb", submissions / f"{name}-bob.ipynb")
    (submissions / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    rows = build.grade(submissions, tmp_path / "results")
    table = capsys.readouterr().out
    by_name = {r["submission"]: r for r in rows}
    assert by_name[f"{name}-alice.ipynb"]["score"] == by_name[f"{name}-alice.ipynb"]["possible"] > 0
    assert by_name[f"{name}-bob.ipynb"]["score"] == 0
    assert by_name["notes.ipynb"]["error"] == "not one of the exercises"
    assert f"{name}-alice.ipynb" in table and (tmp_path / "results" / "scores.csv").is_file()
