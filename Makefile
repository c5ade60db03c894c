# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test lint typecheck translations extract-messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compiled catalogues are build products (.mo files are not committed).
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d app/translations -f >/dev/null

# After changing user-facing strings: refresh the catalogues, then translate the new Thai entries.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o app/translations/messages.pot app templates
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching

run: install translations
	$(BIN)/flask db upgrade
	@mkdir -p instance
	@echo "Loading organization data and the demo (idempotent)..."
	@$(BIN)/flask demo load > instance/demo.txt
	@echo ""
	@echo "KM Challenge is running at http://$(HOST):$(PORT)/"
	@echo "Demo sign-ins (user name, password):"
	@grep -E '^  [a-z0-9]+ +km-demo' instance/demo.txt
	@echo "The scheduler (timed jobs, reminders, the outbox) runs beside it; its log: instance/scheduler.log"
	@echo "Press Ctrl-C to stop both."
	@export PUBLIC_BASE_URL=http://$(HOST):$(PORT); \
	  $(BIN)/flask scheduler run >> instance/scheduler.log 2>&1 & scheduler=$$!; \
	  trap 'kill -TERM $$scheduler 2>/dev/null; wait $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/flask run --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

test: install-dev translations lint typecheck
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-output
	find app/translations -name '*.mo' -delete
