# Two commands for a fresh machine: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip -q
DEMO   ?= demo-out

.PHONY: demo test schema bench clean

$(VENV)/.ready: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[dev]'
	$(PIP) download --dest $(VENV)/wheelhouse click pyyaml hatchling  # offline installs in tests
	touch $@

demo: $(VENV)/.ready
	@echo "== validate every bundled datasheet"
	$(VENV)/bin/datasheet validate datasheets/
	@echo "== the same as JSON, for machines: $(DEMO)/validate.json"
	@mkdir -p $(DEMO)
	$(VENV)/bin/datasheet validate --format json datasheets/ > $(DEMO)/validate.json
	@echo "== generate each datasheet's HF card, Croissant, Kaggle metadata and Markdown: $(DEMO)/NAME/"
	$(VENV)/bin/datasheet generate all datasheets/ -o $(DEMO)
	@echo "== FAIR checks of every bundled datasheet (offline): $(DEMO)/fair.json"
	$(VENV)/bin/datasheet fair --format json datasheets/ > $(DEMO)/fair.json

test: $(VENV)/.ready
	$(PY) -m pytest -q

schema: $(VENV)/.ready
	$(PY) tools/compile_schema.py

bench: $(VENV)/.ready
	$(PY) bench/bench_validate.py
	$(PY) bench/bench_lint.py
	$(PY) bench/bench_generate.py
	$(PY) bench/bench_survey.py

clean:
	rm -rf $(VENV) $(DEMO) build dist
