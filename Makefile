# Two commands do all the set-up on a fresh machine with python3:
#   make book   build the HTML book into _build/html
#   make test   run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: venv book test test-fast notebooks bench clean exercises grade

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build -W --keep-going .
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

# The browser tests drive Debian's Chromium (Playwright's own browser download does not
# work offline); installed here so that `make test` works on a fresh machine.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest tests chapters \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider

# nnlib's unit tests only (no notebooks, no book build)
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not book" -p no:cacheprovider

# Re-run every chapter notebook top to bottom in a fresh kernel; store its outputs.
notebooks: $(STAMP)
	$(BIN)/python tests/run_notebooks.py chapters/*.ipynb

# Regenerate the student exercise notebooks (exercises/*.ipynb, exercises/tests/) from
# the masters in exercises/source/ with otter assign
exercises: $(STAMP)
	$(BIN)/python exercises/build.py students

# Grade a folder of submitted exercise notebooks locally (no Docker):
#   make grade SUBMISSIONS=path/to/folder [RESULTS=grading]
# prints a score table and writes RESULTS/scores.csv and each submission's results
RESULTS ?= grading
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || (echo "usage: make grade SUBMISSIONS=folder [RESULTS=folder]"; exit 2)
	$(BIN)/python exercises/build.py grade "$(SUBMISSIONS)" "$(RESULTS)"

# nnlib against scikit-learn (and PyTorch, when installed) side by side; writes
# benchmarks/results.json and the book's performance.md from the run
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis
