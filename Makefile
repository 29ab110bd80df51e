# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint demo bench reliability bundle icons clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/trellis $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check desktop_app tests benchmarks
	$(BIN)/ruff format --check desktop_app tests benchmarks
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests benchmarks
	$(BIN)/mypy

demo: $(STAMP)
	$(BIN)/trellis demo --contacts 500

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	for script in benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script; done

bundle: $(STAMP)
	packaging/build_linux.sh

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

# Regenerates docs/reliability.md from real runs (fuzzing, kills, upgrades, huge input; ~15 min).
reliability: $(STAMP)
	QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(BIN)/python -m tools.reliability_report

clean:
	rm -rf $(VENV) build dist *.egg-info
