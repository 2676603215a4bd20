# framelens — two commands on a fresh machine: `make report` and `make test`.
# Both create or refresh .venv (python3 -m venv, upgraded pip, package + dev extras pinned
# by constraints.txt). Nothing here depends on anything installed by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framelens-installed
CORPUS ?= corpus/demo
OUT    ?= reports

.PHONY: venv report test lint typecheck pytest lab bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP)

## The main job: run the notebooks on the bundled corpus and write reports/.
report: $(STAMP)
	$(BIN)/framelens report --corpus $(CORPUS) --out $(OUT)

## Every gate CI runs: lint, format, types, tests.
test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy src

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
