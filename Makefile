# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help install messages run worker test lint format migrate superuser import-dsi4eu bench bench-quick bench-newsletter bench-load prod-check lock clean

help:
	@echo "make run      serve the site on http://127.0.0.1:8000/ (an embedded PostgreSQL unless DATABASE_URL is set)"
	@echo "make test     lint, migrations check and the whole test suite (PostgreSQL and Redis)"
	@echo "make import-dsi4eu   import the DSI4EU 2017 export from ../shared/data/dsi4eu-2017/"
	@echo "make superuser       create an admin account"
	@echo "make bench           seed 1k and 100k databases, measure every page over HTTP, check budgets"
	@echo "make bench-quick     the same at 200 and 2,000 organisations, in about a minute"
	@echo "make worker          a Celery worker with beat (needs REDIS_URL)"
	@echo "make bench-newsletter   sign-up latency and the worker's emails per second"
	@echo "make bench-load      10 minutes of mixed browsing, sign-ups and submissions through HAProxy"
	@echo "make prod-check      HAProxy, two web nodes, workers, and their faults (also in make test)"

# The virtual environment, rebuilt whenever the lock file changes.
$(STAMP): requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 is needed (pyenv: see .python-version)"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(STAMP)

# The tests' tools from npm (the Nu HTML Checker), reinstalled whenever package-lock.json changes.
NODE_STAMP := node_modules/.installed-$(shell sha1sum package-lock.json | cut -c1-12)
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the HTML checker (.ci/run installs it)"; exit 1; }
	rm -rf node_modules
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The translations Django reads (locale/*/LC_MESSAGES/django.mo), compiled from the .po files that
# are committed; rebuilt whenever one changes. `make messages` extracts new strings (GNU gettext).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/python -m core.catalogues $<

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --no-obsolete --no-location --ignore=".venv/*" --ignore="node_modules/*" --ignore="tests/*" --ignore="bench/*"

# Runs a command on the PostgreSQL at DATABASE_URL or, when it is unset, on the embedded server
# (data in .postgres/), started for the command and stopped when it ends: dsi_directory/embedded_db.py.
ON_DB := $(BIN)/python -m dsi_directory.embedded_db

# --- make run: a debug site on the embedded defaults -------------------------------------------
run: export DJANGO_DEBUG ?= true
run: $(STAMP) $(CATALOGUES)
	$(ON_DB) $(BIN)/python manage.py migrate --noinput
	$(ON_DB) $(BIN)/python manage.py seed_demo --if-empty
	$(ON_DB) $(BIN)/python manage.py runserver 127.0.0.1:8000

superuser: export DJANGO_DEBUG ?= true
superuser: $(STAMP)
	$(ON_DB) $(BIN)/python manage.py createsuperuser

import-dsi4eu: export DJANGO_DEBUG ?= true
import-dsi4eu: $(STAMP)
	$(ON_DB) $(BIN)/python manage.py migrate --noinput
	$(ON_DB) $(BIN)/python manage.py import_dsi4eu --organisations ../shared/data/dsi4eu-2017/organisations.json --projects ../shared/data/dsi4eu-2017/projects.json

migrate: export DJANGO_DEBUG ?= true
migrate: $(STAMP)
	$(ON_DB) $(BIN)/python manage.py migrate --noinput

# --- make test: everything CI checks ------------------------------------------------------------
# The suite runs with production-like settings (DEBUG off) against the real servers; where no
# PostgreSQL answers at DATABASE_URL, on the embedded one (--fallback).
test: export DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/dsi_directory
test: export REDIS_URL ?= redis://127.0.0.1:6379/1
test: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-used-anywhere-else-0123456789
test: export DJANGO_DEBUG := false
test: export DJANGO_HTTPS := false
test: export DJANGO_ALLOWED_HOSTS := testserver,127.0.0.1,localhost
test: export DJANGO_STATIC_FROM_FINDERS := true
test: export CACHE_KEY_PREFIX := dsi-test
test: $(STAMP) $(NODE_STAMP) $(CATALOGUES) lint
	$(ON_DB) --fallback $(BIN)/python manage.py makemigrations --check --dry-run
	$(ON_DB) --fallback $(BIN)/python -m pytest $(PYTEST_ARGS)

# The production shape alone (HAProxy, two gunicorn nodes, two workers and beat, a private
# PostgreSQL and Redis) and its faults; `make test` runs it too: tests/production/.
prod-check: export DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/dsi_directory
prod-check: export REDIS_URL ?= redis://127.0.0.1:6379/1
prod-check: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-used-anywhere-else-0123456789
prod-check: export DJANGO_DEBUG := false
prod-check: $(STAMP) $(CATALOGUES)
	$(ON_DB) --fallback $(BIN)/python -m pytest tests/production -v $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# --- make bench: DESIGN.md's budgets, measured over HTTP (PostgreSQL and Redis on 127.0.0.1) --------
# Seeds (or reuses) dsi_bench_<size> databases and serves each with gunicorn; see bench/run.py.
# BENCH_ARGS passes options, e.g. make bench BENCH_ARGS=--strict (failed budgets fail the exit code).
bench: $(STAMP) $(CATALOGUES)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --sizes 200,2000 --requests 30 --warmup 5 --load-seconds 3 $(BENCH_ARGS)

# --- make worker: a Celery worker with beat on REDIS_URL (without REDIS_URL, tasks run in-process) -
worker: export DJANGO_DEBUG ?= true
worker: $(STAMP)
	@test -n "$$REDIS_URL" || { echo "make worker needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0 (without it, make run runs tasks in-process)"; exit 1; }
	$(BIN)/celery -A dsi_directory worker --beat -l info

# --- make bench-newsletter: sign-up POST latency and worker throughput into an SMTP sink ---------
# Private redis-server and aiosmtpd; the database at DATABASE_URL (the embedded one if unset). See
# bench/newsletter.py (`python -m bench.newsletter --help`).
.PHONY: bench-newsletter
bench-newsletter: export DJANGO_DEBUG ?= false
bench-newsletter: export DJANGO_SECRET_KEY ?= bench-only-secret-key-not-used-anywhere-else
bench-newsletter: export DJANGO_HTTPS ?= false
bench-newsletter: export DJANGO_STATIC_FROM_FINDERS ?= true
bench-newsletter: $(STAMP)
	$(ON_DB) $(BIN)/python manage.py migrate --noinput
	$(ON_DB) $(BIN)/python -m bench.newsletter $(BENCH_ARGS)

# --- make bench-load: mixed browsing through HAProxy on the production shape --------------------
# tests/production/shape.py's deployment (its own PostgreSQL, Redis and SMTP sink), seeded with
# 10,000 organisations; 10 minutes of 8 clients; requests/s, p95 per kind, and nothing lost. Not
# part of make test. BENCH_ARGS passes options (`python -m bench.load_mix --help`).
bench-load: $(STAMP) $(CATALOGUES)
	$(BIN)/python -m bench.load_mix $(BENCH_ARGS)

# Regenerate requirements.lock from pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.12 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles node_modules
