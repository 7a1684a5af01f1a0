# The assistant's commands. `make run` starts it; `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: help install run test train shell lint format bench migrate cases clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock scripts/install
	@scripts/install

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

run: install ## Migrate the database, train if needed, start every server (Ctrl-C stops)
	@$(PY) -m bot run

test: install ## Lint, validate the data, train once, run every test
	@scripts/test

train: install ## Train the model if its data or config changed
	@$(PY) -m bot train

shell: install ## Talk to the assistant in this terminal (actions running)
	@$(PY) -m bot shell

migrate: install ## Upgrade the case database and deliver any cases waiting in the outbox
	@$(PY) -m bot migrate

cases: install ## List the newest cases (more: .venv/bin/python -m bot.cases --help)
	@$(PY) -m bot.cases list

bench: install ## Measure quality and speed; rewrites docs/benchmarks.md
	@$(PY) -m bench

lint: install ## Check style with ruff
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install ## Fix style with ruff
	@$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

clean: ## Remove models, local data and caches (not .venv)
	rm -rf models var results .pytest_cache .ruff_cache
