# framelens — two commands on a fresh machine: `make report` and `make test`.
# Both create or refresh .venv (python3 -m venv, upgraded pip, package + dev extras pinned
# by constraints.txt). Nothing here depends on anything installed by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framelens-installed
NATIVE := $(VENV)/.framelens-compiled
SOURCES := $(shell find src -name '*.py')
CORPUS ?= corpus/demo
OUT    ?= reports

.PHONY: venv report report-check test lint typecheck pytest pytest-pure lab bench eval clean

# The editable install also compiles the attribution hot path with mypyc when a C compiler
# is present (setup.py; pure Python otherwise, same results).
$(STAMP): pyproject.toml constraints.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# After an edit, recompile the compiled modules in place if a source they depend on changed
# (setup.py does nothing when its build record is current; framelens._native refuses a
# stale build at import, so nothing ever runs old code).
$(NATIVE): $(STAMP) $(SOURCES)
	$(BIN)/python -m pip install --quiet -c constraints.txt --no-deps -e .
	touch $(NATIVE)

venv: $(NATIVE)

## The main job: run the notebooks on the bundled corpus and write reports/.
report: $(NATIVE)
	$(BIN)/framelens report --corpus $(CORPUS) --out $(OUT)

## Reproducibility gate: regenerate the report of $(CORPUS) and compare it with $(OUT)
## (built first if missing); tables and SVGs must be byte-identical. CI runs it last.
report-check: $(NATIVE)
	test -f $(OUT)/index.html || $(MAKE) report
	rm -rf .report-check
	$(BIN)/framelens report --corpus $(CORPUS) --out .report-check
	diff -r $(OUT)/tables .report-check/tables
	cd $(OUT)/figures && for f in *.svg; do cmp "$$f" "../../.report-check/figures/$$f" || exit 1; done
	@echo "report-check: $$(ls .report-check/tables | wc -l) tables and $$(ls .report-check/figures/*.svg | wc -l) SVGs byte-identical across two runs"
	rm -rf .report-check

## Every gate CI runs: lint, format, types, tests (compiled build if present, then the
## attribution tests again on the pure-Python modules).
test: $(NATIVE) lint typecheck pytest pytest-pure

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy src benchmarks setup.py

pytest: $(NATIVE)
	$(BIN)/python -m pytest -q

pytest-pure: $(NATIVE)
	FRAMELENS_PURE_PYTHON=1 $(BIN)/python -m pytest -q \
		tests/attribution tests/eval tests/test_memo.py tests/test_evaluate.py

lab: $(NATIVE)
	$(BIN)/jupyter lab notebooks/

## Speed and memory (prints MB/s, articles/s, peak RSS, ratios to in-process baselines).
bench: $(NATIVE)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

## Extractor quality on ../shared/eval (PolNeAR) and the demo gold: P/R/F1 tables.
eval: $(NATIVE)
	$(BIN)/python benchmarks/eval_attribution.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .report-check build
	find src -name '*.so' -delete
	rm -f src/framelens/_compiled.json
