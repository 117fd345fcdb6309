# One command per job. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup browser run test check lint typecheck validate audit unit bench lock messages data dossier-check loadtest nginx serve

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

setup: $(STAMP)

# axe-core, injected into pages by the accessibility tests.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium renders server-side chart exports and drives the browser tests;
# DejaVu Sans sets the PDF report's text (Latin and Cyrillic).
REPORT_FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
browser:
	@if command -v chromium >/dev/null 2>&1 && [ -f $(REPORT_FONT) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else echo "Chromium or DejaVu fonts missing: install Debian's chromium and fonts-dejavu-core (image exports, report, browser tests)." >&2; exit 1; fi

run: setup browser
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy src

validate: setup
	$(BIN)/frictionless validate data/datapackage.json

# Before committing a data change: validate, then show the coverage grid and the rows added,
# changed and removed since the previous release. Reads data/, never writes it.
data: validate
	$(BIN)/python scripts/data_release.py

audit: setup
	$(BIN)/pip-audit --local --skip-editable --progress-spinner off

# The audit asks PyPI's vulnerability data; a package it cannot look up is listed, not failed.
check: lint typecheck validate audit

unit: setup
	$(BIN)/python -m pytest -m "not browser"

test: setup browser nginx node_modules/axe-core/axe.min.js lint typecheck validate
	$(BIN)/python -m pytest

# `make bench ONLY=scenario` runs some groups (scenario, ready, server, export);
# `make bench AS=after` also records the table in bench/RESULTS.md under that name.
bench: setup browser
	$(BIN)/python -m bench $(if $(ONLY),--only $(ONLY)) $(if $(AS),--record $(AS)) $(if $(REPEATS),--repeats $(REPEATS))

# Maintainer check: data/ still holds every fact of a research dossier kept outside the repository.
dossier-check: setup
	@test -n "$(DOSSIER)" || { echo "usage: make dossier-check DOSSIER=path/to/research" >&2; exit 2; }
	$(BIN)/python scripts/dossier_check.py "$(DOSSIER)"

# Refresh the pinned versions of every installed package after changing pyproject.toml.
lock: setup
	$(BIN)/python -m pip freeze --exclude-editable --exclude ca-trade > requirements.lock

# Extract t("...") messages into the template and merge them into every catalogue;
# `make messages LANG_NEW=kk` starts a catalogue for a new language.
LOCALES := src/ca_trade/locales
messages: setup
	$(BIN)/pybabel extract --no-location --sort-output --keywords=t --no-default-keywords \
		--project=ca-trade --copyright-holder="Central Asia Trade Target contributors" \
		-o $(LOCALES)/messages.pot app.py src
	$(if $(LANG_NEW),$(BIN)/pybabel init -i $(LOCALES)/messages.pot -d $(LOCALES) -l $(LANG_NEW),)
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(LOCALES)/messages.pot -d $(LOCALES)

# Debian's nginx balances `make serve`'s replicas (and the test that drives them).
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else echo "nginx missing: install Debian's nginx (make serve, the load-balancer test)." >&2; exit 1; fi

# REPLICAS Streamlit processes behind nginx on PORT, sticky sessions per browser;
# ADDRESS=0.0.0.0 opens it to the network.
REPLICAS ?= 2
ADDRESS ?= 127.0.0.1
serve: setup browser nginx
	$(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(PORT) --address $(ADDRESS)

# Simulated people (Streamlit's websocket protocol, no browser) against the app on loopback:
# its own server unless URL=http://127.0.0.1:<port> names one (e.g. `make serve`'s nginx).
USERS ?= 10
DURATION ?= 60
RAMP ?= 10
loadtest: setup
	$(BIN)/python -m loadtest --users $(USERS) --duration $(DURATION) --ramp $(RAMP) $(if $(URL),--url $(URL))
