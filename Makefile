# Two entry points: `make demo` builds the sample repository, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit external-tools debian-tools schemas docs benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/lore -C sample-repo validate
	$(BIN)/lore -C sample-repo build
	@echo
	@echo "Markdown: sample-repo/build/README.md and sample-repo/build/incidents/*.md"
	@echo "JSON:     sample-repo/build/incidents/*.json"
	@echo "Index:    sample-repo/build/index.duckdb"
	@echo
	@echo '$$ lore -C sample-repo query --since 2018-01-01 --until 2019-12-31'
	@$(BIN)/lore -C sample-repo query --since 2018-01-01 --until 2019-12-31
	@echo
	@echo '$$ lore -C sample-repo sql "SELECT incident_id, time_to_resolve FROM durations ORDER BY 1"'
	@$(BIN)/lore -C sample-repo sql "SELECT incident_id, time_to_resolve FROM durations ORDER BY 1"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src tests benchmarks

unit: $(STAMP) external-tools
	$(BIN)/pytest --cov --cov-report=term --cov-fail-under=90

test: external-tools lint typecheck unit

# The programs that read what `lore build` writes, for tests/emit/test_external.py:
# cmark-gfm (GitHub's Markdown), and Mermaid run in headless Chromium. Only what is
# missing is installed; when that fails (no network, not root) a warning says so and
# those tests are skipped with the reason.
MERMAID_CHECK := tools/mermaid-check
MERMAID_STAMP := $(MERMAID_CHECK)/node_modules/.installed

external-tools: debian-tools $(MERMAID_STAMP)

debian-tools:
	@sh tools/install-debian-tools.sh

$(MERMAID_STAMP): $(MERMAID_CHECK)/package.json $(MERMAID_CHECK)/package-lock.json | debian-tools
	@if npm ci --prefix $(MERMAID_CHECK) --no-audit --no-fund --loglevel=error; then \
	  touch $@; \
	else \
	  echo "warning: npm could not install $(MERMAID_CHECK); the Mermaid tests are skipped" >&2; \
	fi

schemas: $(STAMP)
	$(BIN)/lore schemas --output schemas

docs: $(STAMP)
	$(BIN)/lore reference --output docs/cli.md

benchmark: $(STAMP)
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/history_speed.py

clean:
	rm -rf $(VENV) $(MERMAID_CHECK)/node_modules sample-repo/build .pytest_cache .mypy_cache .ruff_cache .coverage
