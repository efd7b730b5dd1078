# sendtrack: `make run` serves the demo on http://127.0.0.1:8000 (with its background worker);
# `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export SENDTRACK_HOME := $(CURDIR)
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: one per core.
PYTEST_WORKERS ?= auto

.PHONY: run test bench setup lint format migrate demo clean train-importer

$(BIN)/sendtrack: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json
	npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
	touch $@

build/assets/sendtrack/sendtrack.css: node_modules/.package-lock.json src/sendtrack/static_src/sendtrack.scss
	npm run --silent build:css

build/static/staticfiles.json: build/assets/sendtrack/sendtrack.css $(BIN)/sendtrack $(shell find src/sendtrack/static -type f) | var/sendiass.key
	$(BIN)/sendtrack collectstatic --noinput --verbosity 0

setup: $(BIN)/sendtrack build/static/staticfiles.json var/sendiass.key var/secret.key

# Django's SECRET_KEY for one machine, when SENDTRACK_SECRET_KEY is not set (docs/production.md):
# the published default fails `sendtrack check` (sendtrack.E001). Only its owner can read it.
var/secret.key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.tmp && mv $@.tmp $@

# The SENDIASS encryption key for one machine (docs/sendiass.md); production sets
# SENDTRACK_SENDIASS_KEY instead and keeps the key away from the database.
var/sendiass.key: | $(BIN)/sendtrack
	@mkdir -p var
	@umask 077 && $(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' > $@

migrate: setup
	$(BIN)/sendtrack migrate --noinput --verbosity 0
	$(BIN)/sendtrack migrate --database sendiass --noinput --verbosity 0

demo: migrate
	$(BIN)/sendtrack load-demo

# gunicorn and the background worker (plan documents, PDFs) together; Ctrl+C stops both.
run: demo
	@$(BIN)/sendtrack sign-in-help
	BIN=$(BIN) scripts/serve.sh $(HOST) $(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/sendtrack makemigrations --check --dry-run --verbosity 0
	$(BIN)/bandit --quiet --recursive src --exclude '*/migrations/*' --severity-level medium
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	@if [ -n "$$SENDTRACK_TEST_POSTGRES" ]; then \
	  echo "== the tests that touch a database, again on PostgreSQL ($$SENDTRACK_TEST_POSTGRES)"; \
	  SENDTRACK_DATABASE_URL="$$SENDTRACK_TEST_POSTGRES" \
	  SENDTRACK_SENDIASS_DATABASE_URL="$${SENDTRACK_TEST_POSTGRES}_sendiass" \
	  SENDTRACK_DATABASE_TESTS_ONLY=1 $(BIN)/pytest -n $(PYTEST_WORKERS) --ignore=tests/domain; \
	else echo "SENDTRACK_TEST_POSTGRES is not set: the PostgreSQL run is skipped (.ci/run sets it)."; fi

# England scale, and the load test's second leg, run on PostgreSQL when it is available:
# SENDTRACK_BENCH_DATABASE_URL, or a throwaway server started here (as root, where Debian's
# postgresql is installed). The load test runs on SQLite first in any case.
bench: setup
	$(BIN)/python -m bench plans importer statutory sendiass reports
	@if [ -n "$$SENDTRACK_BENCH_DATABASE_URL" ]; then $(BIN)/python -m bench england load; \
	elif [ "$$(id -u)" = 0 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then \
	  PG_PORT=$${PG_PORT:-54339} && source scripts/start-test-postgres.sh && \
	  SENDTRACK_BENCH_DATABASE_URL=$$SENDTRACK_TEST_POSTGRES $(BIN)/python -m bench england load; \
	  status=$$?; stop_test_postgres; exit $$status; \
	else echo "No PostgreSQL here: England scale runs scaled down on SQLite, the load test on SQLite only."; \
	  $(BIN)/python -m bench england load; fi

# The importer's heading and action models, trained on synthetic documents (training/README.md)
# and committed in src/sendtrack/domain/documents/models/.
train-importer: setup
	$(BIN)/python -m training.train

# mypy's Django plugin reads the settings, which need the SENDIASS key (var/sendiass.key).
lint: $(BIN)/sendtrack var/sendiass.key
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf build var node_modules $(VENV)
