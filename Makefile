# Every target sets itself up: the first run creates .venv and installs the project into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= auto
OUT    ?= reports

.DEFAULT_GOAL := help

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e '.[all,dev]'
	@touch $@

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --progress-bar off -e '.[dev,bench]'
	@touch $@

## report: run every notebook on CORPUS (a folder or file; default: the shared corpora, else the built-in one) into reports/
report: $(VENV)/.installed
	$(BIN)/news-analysis report "$(CORPUS)" --out "$(OUT)"

## test: run the test suite (unit tests, shared-corpus tests, notebooks, doctests)
test: $(VENV)/.installed
	$(BIN)/python -m pytest

## lab: open the notebooks in JupyterLab on the project's environment
lab: $(VENV)/.installed
	$(BIN)/news-analysis lab

## bench: run the benchmarks against their peers (installs the peers first)
bench: $(VENV)/.bench-installed
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## clean: remove the generated report
clean:
	rm -rf $(OUT)

.PHONY: help report test lab bench clean
