# One task runner for people, the README and CI. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit docs zensical cli-docs clean bench fuzz browser

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "standpunkt needs Python 3.11 or newer; set PYTHON=python3.11")'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv with apt-get"; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtual environment: install python3-venv"; exit 1; fi; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,docs]'
	@touch $(STAMP)

install: $(STAMP)

## The demo: check the bundled positions/, then how stances evolved from before the first
## source (2009) to today (stated axis) and how this repository's dataset grew (recorded axis).
demo: install
	$(BIN)/standpunkt validate
	$(BIN)/standpunkt diff --since 2009 --until today
	$(BIN)/standpunkt diff --axis recorded --summary \
	  --since "$$(git rev-list --max-parents=0 HEAD | tail -n 1)" --until HEAD

## The whole test suite: lint, types, tests, docs build.
test: lint typecheck unit docs

lint: install
	$(BIN)/ruff check src tests scripts benchmarks fuzz
	$(BIN)/ruff format --check src tests scripts benchmarks fuzz

typecheck: install
	$(BIN)/mypy

unit: install browser
	STANDPUNKT_REQUIRE_BROWSER=1 $(BIN)/pytest

## Headless Chromium for the browser test, from Debian's packages (never a download of
## its own): installed with apt-get when missing and we are root. axe-core (the
## accessibility checker the browser test loads from a local file) from the npm registry,
## into build/node (not committed).
AXE_VERSION := 4.14.1
AXE := build/node/node_modules/axe-core/axe.min.js

browser: $(AXE)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing chromium with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install it (Debian: apt-get install chromium)"; exit 1; fi; }

$(AXE):
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing npm with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "npm is missing: install it (Debian: apt-get install npm)"; exit 1; fi; }
	mkdir -p build/node
	npm install --prefix build/node --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir build/site

## The same docs built with Zensical (decision 0014): it runs no MkDocs plugin, so the
## position pages are written first (into docs/positions/, ignored by git); site in site/.
zensical: install
	$(BIN)/standpunkt site build --out docs/positions
	$(BIN)/zensical build --strict

## Regenerate docs/cli.md and docs/codebook.md from the code (tests check they are current).
cli-docs: install
	$(BIN)/python scripts/cli_docs.py > docs/cli.md
	$(BIN)/python -c 'from standpunkt._outputs._tables import codebook; print(codebook(), end="")' > docs/codebook.md
	$(BIN)/python scripts/reliability.py docs/reliability.md

## Fuzz the record loader for a bounded time (not part of CI): FUZZ_SECONDS=600 make fuzz
fuzz: install
	$(BIN)/python fuzz/fuzz_records.py --seconds $(or $(FUZZ_SECONDS),60)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis

## The benchmark (not part of `make test`): synthetic repositories against the raw-git
## floor; results in benchmarks/results/, tables and plot for docs/benchmarks.md.
bench: install
	$(BIN)/python benchmarks/run.py --sizes $(or $(SIZES),small,medium) --repeat $(or $(REPEAT),3)
	$(BIN)/python benchmarks/report.py
