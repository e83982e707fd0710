# Two commands for newcomers: `make demo` and `make test`. Everything else is
# for maintainers. Needs Python 3.11+ and make; installs into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make demo`/`make serve` serve; every absolute link (mails,
# feeds, QR codes, sitemap) and the Wagtail Site record use it.
BASE_URL ?= http://$(HOST):$(PORT)
# Test processes; the browser tests stay together on one of them.
TEST_WORKERS ?= 2

.PHONY: demo serve test test-random lint format messages check-deploy bench bench-smoke benchmark rehearse lock audit clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs are reproducible: exactly the versions and files (SHA-256) of the
# lock files, which `make lock` writes from the ranges in requirements*.txt.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime-installed

## Write the lock files (versions and hashes) from requirements*.txt; commit
## both. `make lock UPGRADE=1` moves every package to its newest allowed version.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.dev-installed
	$(PIP_COMPILE) -o requirements.lock requirements.txt
	$(PIP_COMPILE) -o requirements-dev.lock requirements-dev.txt

## Known vulnerabilities of the locked packages (pip-audit; needs pypi.org or
## api.osv.dev, and says so where they cannot be reached: scripts/audit.sh).
audit: $(VENV)/.dev-installed
	scripts/audit.sh

## Set up everything, load the demo content and serve it on http://127.0.0.1:8000/
## (`make demo PORT=8421` or `HOST=0.0.0.0 BASE_URL=http://laptop.local:8000`).
demo: $(VENV)/.runtime-installed
	BASE_URL=$(BASE_URL) $(MANAGE) migrate --no-input
	BASE_URL=$(BASE_URL) $(MANAGE) seed_demo
	@echo "Serving the demo at $(BASE_URL)/ (admin: $(BASE_URL)/admin/)"
	BASE_URL=$(BASE_URL) $(MANAGE) runserver $(HOST):$(PORT)

## Serve without touching the content.
serve: $(VENV)/.runtime-installed
	BASE_URL=$(BASE_URL) $(MANAGE) site_from_base_url
	@echo "Serving at $(BASE_URL)/"
	BASE_URL=$(BASE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# ical.js for the calendar test, exactly as locked (skipped without npm).
JS_TESTS := tests/js
$(JS_TESTS)/node_modules/.installed: $(JS_TESTS)/package.json $(JS_TESTS)/package-lock.json
	@if command -v npm >/dev/null; then \
		{ npm ci --prefix $(JS_TESTS) --no-audit --no-fund --silent && touch $@; } || \
			echo "npm ci failed: the ical.js calendar test will be skipped."; \
	else echo "npm not found: the ical.js calendar test will be skipped."; fi

## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
test: $(VENV)/.dev-installed $(JS_TESTS)/node_modules/.installed
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=20 $(PYTEST_ARGS)

## The same in a shuffled order (pytest-randomly; the seed is printed in the
## header, `make test-random SEED=1234` repeats an order).
SEED ?= random
test-random: $(VENV)/.dev-installed $(JS_TESTS)/node_modules/.installed
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -p randomly \
		-p no:cacheprovider --randomly-seed=$(SEED) --durations=20 $(PYTEST_ARGS)

## The served benchmark (issue 14, scripts/benchmark.py): gunicorn with
## production settings on PostgreSQL database BENCH_DB (built with
## `seed_demo --size BENCH_SIZE` unless it is there with that size), wrk on
## every main page as anonymous and as a resident at concurrency 1 and 8,
## the supports, the two floors; the table goes to .benchmark/results.md.
## Needs PostgreSQL (BENCH_PG), redis-server; installs wrk with apt-get.
BENCH_SIZE ?= large
BENCH_DB ?= portal_bench
BENCH_SECONDS ?= 5
bench: $(VENV)/.runtime-installed
	BENCH_SIZE=$(BENCH_SIZE) BENCH_DB=$(BENCH_DB) BENCH_SECONDS=$(BENCH_SECONDS) \
		$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

## The same on the small `test` size, one second per measurement (checks
## that the benchmark runs; the figures mean nothing).
bench-smoke: $(VENV)/.runtime-installed
	BENCH_SIZE=test BENCH_DB=portal_bench_smoke BENCH_SECONDS=1 \
		$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

# The old name.
benchmark: bench

## The production rehearsal: two gunicorn nodes, a worker, nginx and its own
## Redis on loopback, PostgreSQL database portal_rehearsal (scripts/rehearse.py).
rehearse: $(VENV)/.runtime-installed
	$(BIN)/python scripts/rehearse.py

## Lint Python and templates, check the layers (ARCHITECTURE.md) and that no
## migration is missing.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports --no-logo
	$(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

## Extract UI strings into the catalogues and compile them.
messages: $(VENV)/.dev-installed
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=media --ignore=node_modules
	$(BIN)/python scripts/fill_source_catalogue.py
	$(BIN)/python scripts/finish_catalogues.py
	$(MANAGE) compilemessages --ignore=.venv

check-deploy: $(VENV)/.runtime-installed
	SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	ALLOWED_HOSTS=portal.example REDIS_URL=redis://127.0.0.1:6379/0 BASE_URL=https://portal.example \
	DATABASE_URL=postgres://portal@127.0.0.1:5432/portal \
	$(MANAGE) check --deploy --fail-level WARNING --settings=config.settings.production

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache staticfiles $(JS_TESTS)/node_modules
