# Two commands for a fresh machine: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip -q
DEMO   ?= demo-out

.PHONY: demo test lint browser schema bench clean test-old-yaml

$(VENV)/.ready: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[dev]'
	$(PIP) download --dest $(VENV)/wheelhouse click pyyaml hatchling  # offline installs in tests
	touch $@

demo: $(VENV)/.ready
	@mkdir -p $(DEMO)
	@echo "== 1. validate every bundled datasheet against the schema"
	$(VENV)/bin/datasheet validate datasheets/
	@echo "== 2. score them by content, section by section (all scores: $(DEMO)/scores.json)"
	$(VENV)/bin/datasheet score datasheets/isic-2020.yaml
	$(VENV)/bin/datasheet score --format json datasheets/ > $(DEMO)/scores.json
	@echo "== 3. lint them; the remaining findings are true of the real datasets ($(DEMO)/lint.sarif)"
	$(VENV)/bin/datasheet lint --format concise datasheets/ --select DS4,DS7 || true
	$(VENV)/bin/datasheet lint --format sarif datasheets/ > $(DEMO)/lint.sarif || true
	@echo "== 4. generate each datasheet's HF card, Croissant, Kaggle metadata and Markdown: $(DEMO)/NAME/"
	$(VENV)/bin/datasheet generate all datasheets/ -o $(DEMO)
	@echo "== 5. FAIR checks, offline ($(DEMO)/fair.json)"
	$(VENV)/bin/datasheet fair datasheets/ham10000.yaml datasheets/drive.yaml
	$(VENV)/bin/datasheet fair --format json datasheets/ > $(DEMO)/fair.json
	@echo "== 6. a made-up re-upload of ISIC 2019: which original, and what is wrong with the copy"
	$(VENV)/bin/datasheet provenance examples/skin-lesions-256-copy.yaml || true
	@echo "== 7. patients and images that leak across splits in a small example table"
	$(VENV)/bin/datasheet check-splits examples/splits.csv --patient-column patient \
		--split-column split --image-column image || true
	@echo "== done: outputs in $(DEMO)/"

test: lint browser
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory test-old-yaml

# The hostile-file tests again under the oldest PyYAML the project allows (6.0.1, whose C composer
# crashes on deep nesting) and under 6.0.3 (the release issue 11 names), each in a small venv of
# its own with only click, pyyaml, jinja2 and pytest; the package is run from src/. 6.0.1 must install;
# a version the index does not have is skipped with a line saying so.
OLD_YAML ?= 6.0.1 6.0.3
REQUIRED_YAML := 6.0.1
test-old-yaml:
	@for v in $(OLD_YAML); do \
	  venv=.venv-pyyaml-$$v; \
	  if [ ! -f $$venv/.ready ]; then \
	    rm -rf $$venv; \
	    if $(PYTHON) -m venv $$venv && $$venv/bin/python -m pip -q install "pyyaml==$$v" \
	        "click>=8.1" "jinja2>=3.1" "pytest>=8" 2>/dev/null; then touch $$venv/.ready; \
	    else rm -rf $$venv; echo "== pyyaml==$$v cannot be installed here: skipped"; \
	      if [ "$$v" = "$(REQUIRED_YAML)" ]; then exit 1; fi; continue; fi; \
	  fi; \
	  echo "== hostile files under PyYAML $$v"; \
	  PYTHONPATH=src $$venv/bin/python -m pytest -q -p no:cacheprovider tests/test_hostile.py \
	    || exit 1; \
	done

# The report's browser test needs Chromium and its driver (Debian's packages); installed when
# make runs as root on a Debian-like machine, otherwise that test skips and says why.
browser:
	@if ! command -v chromedriver >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
		&& command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
		|| echo "could not install chromium; the browser test will skip"; fi

# The project's own linters, configured in pyproject.toml ([tool.ruff], [tool.mypy]).
lint: $(VENV)/.ready
	$(VENV)/bin/ruff check src tests bench tools
	$(VENV)/bin/mypy src

schema: $(VENV)/.ready
	$(PY) tools/compile_schema.py

bench: $(VENV)/.ready
	$(PY) bench/bench_validate.py
	$(PY) bench/bench_lint.py
	$(PY) bench/bench_generate.py
	$(PY) bench/bench_survey.py

clean:
	rm -rf $(VENV) .venv-pyyaml-* $(DEMO) build dist
