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
	$(PIP) download --dest $(VENV)/wheelhouse click pyyaml
	touch $@

demo: $(VENV)/.ready
	@echo "== validate every bundled datasheet"
	$(VENV)/bin/datasheet validate datasheets/
	@echo "== the same as JSON, for machines: $(DEMO)/validate.json"
	@mkdir -p $(DEMO)
	$(VENV)/bin/datasheet validate --format json datasheets/ > $(DEMO)/validate.json

test: $(VENV)/.ready
	$(PY) -m pytest -q

schema: $(VENV)/.ready
	$(PY) tools/compile_schema.py

bench: $(VENV)/.ready
	$(PY) bench/bench_validate.py
	$(PY) bench/bench_survey.py

clean:
	rm -rf $(VENV) $(DEMO) build dist
