# The two commands of the README: `make run` and `make test`. Everything else is
# set up on the way: .venv with pinned packages, Neo4j 5.26 from Maven Central.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-installed-$(shell cat requirements-dev.txt requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
SAMPLE := data/sample/uk
# The app's port: `make run PORT=8502` beside another app.
PORT ?= 8501

.PHONY: help setup dev-setup neo4j run load analyse app test notebooks lint format bench stop clean

help:
	@echo "make run    set up, start the local Neo4j, load the sample network, open the app"
	@echo "make test   set up and run every test (own Neo4j server on its own port)"
	@echo "make notebooks   open the analysts' notebooks in Jupyter (local Neo4j started)"
	@echo "make lint | format | bench | stop | clean"

$(STAMP): requirements.txt pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

# Tests, lint, browser tests and notebooks on top of what the product needs.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.dev-installed-*
	@touch $@

dev-setup: $(DEV_STAMP)

# Jupyter for analysts, on top of the development set-up (pinned in requirements-notebooks.txt).
NB_STAMP := $(VENV)/.notebooks-installed-$(shell cat requirements-notebooks.txt requirements-dev.txt requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
$(NB_STAMP): $(DEV_STAMP) requirements-notebooks.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-notebooks.txt
	@rm -f $(VENV)/.notebooks-installed-*
	@touch $@

# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; \
	fi

# The Word paper's test opens it in LibreOffice (headless) and reads the PDF it makes
# with pdftotext (Debian's packages, as for chromium).
SOFFICE := /usr/bin/soffice
$(SOFFICE):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libreoffice-writer-nogui poppler-utils; \
	else \
		echo "The Word paper's test needs LibreOffice: sudo apt-get install libreoffice-writer-nogui poppler-utils"; exit 1; \
	fi

# The report's accessibility test runs axe-core (npm, pinned in tests/axe) in chromium.
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	@command -v npm >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
		else echo "The accessibility test needs npm: sudo apt-get install npm"; exit 1; fi; }
	cd tests/axe && npm ci --no-audit --no-fund --silent
	@touch $@

neo4j: setup
	$(BIN)/smp db start

# Jupyter on the notebooks, connected to the local server (or to NEO4J_URI if set);
# the first notebook loads the sample network into an empty database.
notebooks: $(NB_STAMP)
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/smp db start; fi
	$(BIN)/jupyter notebook --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

run: neo4j
	$(BIN)/smp load $(SAMPLE) --replace
	$(BIN)/smp analyse --format table
	$(BIN)/smp app --port $(PORT)

test: dev-setup $(CHROMIUM) $(AXE) $(SOFFICE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: dev-setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Synthetic networks at every tier against a server of the benchmark's own; the
# figures go to artifacts/bench.json (BENCHMARKS.md explains them).
bench: setup
	$(BIN)/smp bench --tier all --output artifacts/bench.json

stop:
	-$(BIN)/smp db stop

clean: stop
	rm -rf $(VENV) .smp .pytest_cache .ruff_cache .hypothesis artifacts
