# RATKO workbench. `make run` and `make test` are all a fresh machine needs (Python 3.11+).
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
export RATKO_INSTANCE_DIR ?= $(CURDIR)/instance

# One set of extraction rules for `make extract` and tests/core/test_i18n.py (which reads this line). --ignore-dirs
# replaces babel's default, which skips every folder whose name starts with "_" (templates/_macros: the pager).
EXTRACT_ARGS = -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* __pycache__"

.PHONY: install run serve test test-postgres bench lint translations extract vendor clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# The .mo catalogues are build output (not in git): install compiles them, and the app compiles any that are missing
# or older than their .po when it starts (app/core/catalogues.py), so gunicorn or flask run alone speak Finnish too.
install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -d app/translations -D messages 2>&1 | grep -v '^compiling' || true
	@test -f app/translations/fi/LC_MESSAGES/messages.mo

run: translations
	RATKO_ENV=development $(FLASK) db upgrade
	RATKO_ENV=development RATKO_DEMO=1 $(FLASK) seed demo
	RATKO_ENV=development RATKO_DEMO=1 $(FLASK) run --host $(HOST) --port $(PORT)

serve: translations
	$(FLASK) db upgrade
	$(VENV)/bin/gunicorn --workers 3 --bind $(HOST):$(PORT) 'app:create_app()'

test: translations
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: translations
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres} $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: translations
	$(PY) -m bench.run $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .

extract: install
	$(VENV)/bin/pybabel extract $(EXTRACT_ARGS) -o app/translations/messages.pot --no-location --sort-output .
	$(VENV)/bin/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --ignore-obsolete
	$(PY) scripts/i18n.py fill-en

# htmx, SortableJS and axe-core (tests only) from npm, at the versions pinned in scripts/vendor.sh and the README.
vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) instance .pytest_cache
