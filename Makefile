# PTW — make run serves it, make test checks everything. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(CURDIR)/$(VENV)/bin/python
MANAGE := cd backend && $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/ptw
ARGS ?=

.PHONY: help run setup prepare prepare-ui test status schema fmt bench

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: backend/requirements-dev.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip sync -q --python $(PY) backend/requirements-dev.lock
	@touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed frontend/node_modules/.package-lock.json

prepare: setup ## migrate, build the UI if its sources changed, load demo data once
	$(MANAGE) ptw_prepare

run: prepare ## set up and serve UI + API, worker and scheduler on http://127.0.0.1:$PTW_PORT (default 8000)
	@echo "PTW serves on http://127.0.0.1:$${PTW_PORT:-8000}/ (PTW_PORT picks the port)"
	cd backend && $(CURDIR)/$(VENV)/bin/honcho start -f Procfile

status: $(VENV)/.installed ## the deployment report (ARGS=--json for machines)
	@$(MANAGE) ptw_status $(ARGS)

schema: setup ## regenerate the committed OpenAPI schema and the UI's API types
	$(MANAGE) spectacular --file openapi.yaml --validate
	cd frontend && npm run gen:api

fmt: $(VENV)/.installed ## format the Python code
	cd backend && $(CURDIR)/$(VENV)/bin/ruff format . && $(CURDIR)/$(VENV)/bin/ruff check --fix .

test: ## every check: lint, types, layers, migrations, backend on SQLite and PostgreSQL, UI, end to end
	@bash .ci/test-steps

bench: $(VENV)/.installed ## benchmark the main endpoints on PostgreSQL (PG_URL; ARGS=--permits N --requests N)
	cd backend && DATABASE_URL=$(PG_URL) $(PY) manage.py ptw_bench $(ARGS)

prepare-ui: setup
	$(MANAGE) ptw_build_ui
