# Three commands do all the set-up on a fresh machine with python3:
#   make book   build the HTML book into _build/html
#   make test   run every test
#   make lab    JupyterLab on the chapters (what a learner runs)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export PYTHONHASHSEED := 0

.PHONY: venv dev lab book test test-fast notebooks bench clean exercises grade

venv: $(STAMP)
dev: $(DEV_STAMP)

# What a learner needs (requirements.txt): nnlib, its plotting stack, JupyterLab, otter
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# What building the book and testing add (requirements-dev.txt), resolved together with
# the learner's requirements so that neither undoes the other
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(DEV_STAMP)

# JupyterLab on the chapters, reachable from this machine only; it prints the URL (with
# its token) to open. Root (e.g. in a container) needs --allow-root.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --no-browser \
		--ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/chapters \
		$(if $(filter 0,$(shell id -u)),--allow-root)

# The book shows the chapters' stored outputs (verified by nbval in make test, made by
# make notebooks); it executes only the exercises and the status page.
book: $(DEV_STAMP)
	$(BIN)/jupyter-book build -W --keep-going .
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

# The browser tests drive Debian's Chromium (Playwright's own browser download does not
# work offline); installed here so that `make test` works on a fresh machine.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)

# The chapters' and tests' matrices are small: one BLAS thread is as fast, and idle extra
# threads spin and slow everything on a busy machine (make bench keeps the default).
test test-fast notebooks: export OPENBLAS_NUM_THREADS = 1

test: $(DEV_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest tests chapters \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider

# nnlib's unit tests only (no notebooks, no book build)
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest tests -m "not book and not lab" -p no:cacheprovider

# Re-run every chapter notebook top to bottom in a fresh kernel; store its outputs, the
# panels' static copies for the book among them (tests/run_notebooks.py).
notebooks: $(STAMP)
	$(BIN)/python tests/run_notebooks.py chapters/*.ipynb

# Regenerate the student exercise notebooks (exercises/*.ipynb, exercises/tests/) from
# the masters in exercises/source/ with otter assign
exercises: $(STAMP)
	$(BIN)/python exercises/build.py students --jobs $(JOBS)

# Grade a folder of submitted exercise notebooks locally (no Docker), JOBS at a time, each
# within TIMEOUT seconds (enforced from outside the notebook's process):
#   make grade SUBMISSIONS=path/to/folder [RESULTS=grading] [JOBS=2] [TIMEOUT=60]
# prints a progress bar and a score table; writes RESULTS/scores.csv (a row as each
# submission finishes) and each submission's results; reuses RESULTS/autograders
RESULTS ?= grading
JOBS ?= $(shell nproc)
TIMEOUT ?= 60
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || (echo "usage: make grade SUBMISSIONS=folder [RESULTS=folder] [JOBS=n] [TIMEOUT=s]"; exit 2)
	$(BIN)/python exercises/build.py grade "$(SUBMISSIONS)" "$(RESULTS)" --jobs $(JOBS) --timeout $(TIMEOUT) $(GRADE_OPTIONS)

# nnlib against scikit-learn (and PyTorch, when installed) side by side; writes
# benchmarks/results.json and the book's performance.md from the run
bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis
