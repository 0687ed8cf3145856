# Two entry points: `make demo` builds the sample repository, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit external-tools schemas benchmark clean

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

unit: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term --cov-fail-under=90

test: lint typecheck unit

schemas: $(STAMP)
	$(BIN)/lore schemas --output schemas

benchmark: $(STAMP)
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/history_speed.py

clean:
	rm -rf $(VENV) sample-repo/build .pytest_cache .mypy_cache .ruff_cache .coverage
