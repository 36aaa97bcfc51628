# The two set-up commands of the README: `make demo` and `make test`.
# Both create .venv when missing and install the project into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench workbooks addin clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/xlperf demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Byte-compiled first, as a regular (non-editable) pip install leaves it: with
# PYTHONDONTWRITEBYTECODE set, an editable install would recompile on every run.
bench: $(STAMP)
	$(BIN)/python -m compileall -q xlperf
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/notice.py
	$(BIN)/python benchmarks/excel_warm.py
	$(BIN)/python benchmarks/sources.py

# Regenerate the committed template and sample workbooks (tests check they match).
workbooks: $(STAMP)
	$(BIN)/python -m xlperf.writers.workbook.regenerate

clean:
	rm -rf $(VENV) xlperf-demo .pytest_cache
