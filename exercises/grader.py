"""Grade one submitted exercise notebook where the notebook's code cannot reach the checks.

For each submission a process is forked from a server that has already imported NumPy,
nnlib, otter and IPython (so a submission costs no start-up). That process forks once
more: the child runs the notebook's cells in an IPython shell (no Jupyter kernel) and
hands back, serialized with dill, only the names the tests read. The parent, which the
notebook's code never touched, then runs the autograder's tests on those values. Before
it loads them it notes the objects of the modules the checks rely on; a submission that
changes one (``nnlib.grading.same = ...``) gets no credit. The caller enforces the
wall-clock limit from outside by killing the whole process group.
"""

import ast
import os
import pathlib
import pickle
import re
import shutil
import sys
import tempfile
import types

PRELOAD = ["numpy", "scipy.special", "sklearn.model_selection", "sklearn.preprocessing", "matplotlib.pyplot",
           "dill", "nbformat", "IPython.core.interactiveshell", "otter", "otter.test_files", "nnlib",
           "nnlib.grading", "nnlib.widgets"]
WATCHED = ["nnlib.grading", "numpy", "builtins", "math", "otter.test_files.exception_test",
           "otter.test_files.abstract_test"]
CHECK_CELL = re.compile(r"\s*grader\.check\([\"']\w+[\"']\)\s*")
LONGEST_MESSAGE = 2000
LARGEST_FILE = 20 * 2**20  # bytes the notebook may write to one file (its output, the values handed back)


def test_names(tests_dir):
    """The names of the notebook that the tests in ``tests_dir`` read (their parameters)."""
    names = set()
    for path in pathlib.Path(tests_dir).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.update(a.arg for a in node.args.args)
    return sorted(names - {"env"})


def run_notebook(notebook, workdir, names, dump, log, inline=False):
    """Run the notebook's code cells (each ``grader.check`` cell left out unless ``inline``:
    the grader checks afterwards); write the requested names (dill) and the cells' errors
    to ``dump``, and what the cells print to ``log``."""
    import dill
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    import resource

    os.chdir(workdir)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LARGEST_FILE, LARGEST_FILE))  # a print loop cannot fill the disk
    output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(output, 1), os.dup2(output, 2), os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    shell = InteractiveShell.instance()
    errors = []
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    for number, cell in enumerate(cells, start=1):
        if CHECK_CELL.fullmatch(cell.source) and not inline:
            continue
        result = shell.run_cell(cell.source, store_history=False)
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            errors.append(f"code cell {number} raised {type(error).__name__}: {error}"[:LONGEST_MESSAGE])
    values = {}
    for name in names:
        if name not in shell.user_ns:
            continue
        try:
            values[name] = ("value", dill.dumps(shell.user_ns[name], recurse=True))
        except BaseException as error:  # noqa: BLE001 (any object a learner made)
            values[name] = ("unavailable", f"could not be handed to the grader ({type(error).__name__}: {error}).")
    with open(dump, "wb") as f:
        pickle.dump({"values": values, "errors": errors}, f)
    sys.stdout.flush(), sys.stderr.flush()


def snapshot():
    """The objects that the watched modules hold now (to find what a submission changed)."""
    return {name: (sys.modules.get(name), dict(vars(sys.modules[name]))) for name in WATCHED if name in sys.modules}


def _same_object(old, new):
    """Whether ``new`` may stand for ``old``: the very object, or for plain data an equal copy
    (unpickling a function can restore a module's data attributes as copies)."""
    if new is old:
        return True
    if callable(old) or isinstance(old, types.ModuleType):
        return False
    try:
        return type(new) is type(old) and bool(new == old)
    except Exception:  # noqa: BLE001
        return False


def changed(before):
    """The first ``module.attribute`` that no longer holds the object it held in ``before``."""
    for name, (module, attributes) in before.items():
        if sys.modules.get(name) is not module:
            return name
        now = vars(module)
        for key, value in attributes.items():
            if not _same_object(value, now.get(key, changed)):
                return f"{name}.{key}"
    return None


def environment(loaded):
    """The values the tests receive, unpickled here; one that fails to load says why."""
    import dill
    from nnlib.grading import Unavailable

    env = {}
    for name, (kind, payload) in loaded.items():
        if kind == "value":
            try:
                env[name] = dill.loads(payload)
            except BaseException as error:  # noqa: BLE001
                env[name] = Unavailable(f"could not be handed to the grader ({type(error).__name__}: {error}).")
        else:
            env[name] = Unavailable(payload)
    return env


def missing(name, errors):
    """What a test receives for a name the notebook never defined: it says why."""
    from nnlib.grading import Unavailable

    if errors:
        return Unavailable(f"is not defined: the notebook raised an error before defining it ({errors[0]}).")
    return Unavailable("is not defined in the notebook: was it renamed or deleted?")


def run_tests(tests_dir, env, names, errors):
    """Run every test file on ``env``; return otter-style results (per test file)."""
    from otter.test_files.abstract_test import TestCaseResult
    from otter.test_files.exception_test import ExceptionTestFile

    for name in names:
        env.setdefault(name, missing(name, errors))
    results = []
    for path in sorted(pathlib.Path(tests_dir).glob("*.py")):
        test_file = ExceptionTestFile.from_file(str(path))
        test_file.test_case_results = []
        for case in test_file.test_cases:
            try:
                case.body.call_func(env)
                passed, message = True, "passed"
            except BaseException as error:  # noqa: BLE001 (an exit or interrupt from the learner's code too)
                passed, message = False, f"{type(error).__name__}: {error}"[:LONGEST_MESSAGE]
            test_file.test_case_results.append(TestCaseResult(test_case=case, message=message, passed=passed))
        results.append({"name": test_file.name, "score": test_file.score, "max_score": test_file.possible,
                        "output": [{"hidden": r.test_case.hidden, "passed": r.passed, "message": r.message}
                                   for r in test_file.test_case_results]})
    return results


def _die_with_parent():
    """Be killed when the parent process dies (Linux), so an interrupted run leaves nothing behind."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


def grade_submission(tests_dir, notebook_name, submission, out, connection, inline_tests=None):
    """Grade ``submission`` (run as a process of its own group); send the results dict.
    With ``inline_tests`` (the public tests' folder) the notebook's own ``grader.check``
    cells run too, as they do for a learner, and print to ``notebook-output.txt``."""
    os.setpgrp()  # the caller kills this group on a time-out: the notebook's process goes too
    _die_with_parent()
    out = pathlib.Path(out)
    names = test_names(tests_dir)
    work = pathlib.Path(tempfile.mkdtemp(prefix="grading-"))
    try:
        shutil.copy(submission, work / notebook_name)  # otter.Notebook(...) reads its own file
        (work / "tests").mkdir()
        for path in pathlib.Path(tests_dir).glob("*.py"):  # stubs: the checks themselves stay out of reach
            public = pathlib.Path(inline_tests or "") / path.name
            stub = "# checked by the grader after the notebook has run\n"
            (work / "tests" / path.name).write_text(public.read_text() if inline_tests else stub)
        dump = work / "namespace.pkl"
        pid = os.fork()
        if pid == 0:
            _die_with_parent()
            try:
                run_notebook(work / notebook_name, work, names, dump, out / "notebook-output.txt", bool(inline_tests))
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        if not dump.is_file():
            log = (out / "notebook-output.txt").read_text(errors="replace")[-LONGEST_MESSAGE:]
            how = (f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"exited with code {os.WEXITSTATUS(status)}")
            said = f"; its last output: {log.strip()}" if log.strip() else ""
            connection.send({"error": f"the notebook's process {how} before all its cells had run "
                                      f"(os._exit, a crash or too much memory?){said}"})
            return
        with open(dump, "rb") as f:
            handed = pickle.load(f)
        before = snapshot()
        env, errors = environment(handed["values"]), handed["errors"]
        results = run_tests(tests_dir, env, names, errors)
        culprit = changed(before)
        if culprit:
            connection.send({"error": f"the submission changed the checking code ({culprit}): no credit"})
            return
        connection.send({"tests": results, "errors": errors})
    finally:
        shutil.rmtree(work, ignore_errors=True)
