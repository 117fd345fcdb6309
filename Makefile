# One command per job. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
PYTEST := $(BIN)/python -m pytest
# Test processes: one per core (pytest-xdist); each module's tests stay in one process and run in
# file order. The processes take modules in the order tests/conftest.py sets (slowest first, not
# xdist's most-tests-first), and each starts one app server and one Chromium for its browser
# modules. Not `--dist loadgroup`: with pytest 9 it no longer groups (xdist 3.8 renames a node
# id pytest no longer reads). `make test WORKERS=0` runs them in this process.
WORKERS ?= auto
XDIST = $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile --no-loadscope-reorder)
STARTED := $(shell date +%s)

.PHONY: setup browser run test check lint typecheck validate audit unit fuzz bench lock messages data dossier-check loadtest nginx serve

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

# The dashboard runs without Chromium (or root to install it): PNG, SVG and PDF downloads then
# say how to enable them, HTML and CSV work.
run: setup
	@$(MAKE) --no-print-directory browser 2>/dev/null || echo "Chromium or the DejaVu fonts are missing:" \
		"image and PDF downloads are off until you install them or set BROWSER_PATH (see README)." >&2
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

# Unit and page tests: no browser, no Chromium, no nginx.
unit: setup
	$(PYTEST) $(XDIST) -m "not browser and not chromium"

# Everything CI runs; prints how long it took (set-up included).
test: setup browser nginx node_modules/axe-core/axe.min.js lint typecheck
	@status=0; $(PYTEST) $(XDIST) || status=$$?; \
	echo "make test: $$(( $$(date +%s) - $(STARTED) )) s"; exit $$status

# Property tests with many more examples than the test run's CI profile.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PYTEST) $(XDIST) -m hypothesis -p no:cacheprovider

# `make bench ONLY=scenario` runs some groups (scenario, ready, server, export);
# `make bench RECORD=after` also records the table in bench/RESULTS.md under that name.
bench: setup browser
	$(BIN)/python -m bench $(if $(ONLY),--only $(ONLY)) $(if $(RECORD),--record '$(RECORD)') $(if $(REPEATS),--repeats $(REPEATS))

# Maintainer check: data/ still holds every fact of a research dossier kept outside the repository.
dossier-check: setup
	@test -n "$(DOSSIER)" || { echo "usage: make dossier-check DOSSIER=path/to/research" >&2; exit 2; }
	$(BIN)/python scripts/dossier_check.py "$(DOSSIER)"

# Pin the newest versions pyproject.toml allows: resolved in a fresh environment, never
# constrained by the old lock. `make setup` then installs the new pins.
lock:
	@fresh=$$(mktemp -d) && trap 'rm -rf "$$fresh"' EXIT && \
	$(PYTHON) -m venv "$$fresh" && \
	"$$fresh/bin/python" -m pip install --quiet --upgrade pip && \
	"$$fresh/bin/python" -m pip install --quiet ".[dev]" && \
	"$$fresh/bin/python" -m pip freeze --exclude ca-trade > requirements.lock && \
	echo "requirements.lock: $$(wc -l < requirements.lock) packages pinned"

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
