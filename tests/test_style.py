"""nnlib's size rules, measured from the source: no function longer than 50 lines of code
(docstring, comments and blank lines not counted), no module longer than 400 lines."""

import ast
import pathlib

import pytest

NNLIB = pathlib.Path(__file__).resolve().parents[1] / "nnlib"
MODULES = sorted(NNLIB.rglob("*.py"))
MAX_FUNCTION, MAX_MODULE = 50, 400


def code_lines(node, lines):
    """Lines of ``node``'s body that hold code: no docstring, comment or blank line."""
    body = node.body
    has_docstring = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str)
    start = body[0].end_lineno if has_docstring else body[0].lineno - 1
    return [line for line in lines[start:node.end_lineno]
            if line.strip() and not line.strip().startswith("#")]


def functions(path):
    lines = path.read_text().splitlines()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, len(code_lines(node, lines))


def test_the_rules_measure_something():
    assert len(MODULES) > 20 and sum(1 for path in MODULES for _ in functions(path)) > 200


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(NNLIB)))
def test_short_modules_and_functions(path):
    assert len(path.read_text().splitlines()) <= MAX_MODULE
    too_long = {name: n for name, n in functions(path) if n > MAX_FUNCTION}
    assert not too_long, f"functions over {MAX_FUNCTION} lines of code: {too_long}"
