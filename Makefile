# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app briefings
VENDOR := static/vendor/bootstrap
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test install messages clean

run: install
	$(FLASK) setup
	$(FLASK) demo --if-empty
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed $(VENDOR)/.copied $(COMPILED)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv || true
	if [ -x $(BIN)/uv ]; then \
	  VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install -q -e '.[test]'; \
	else \
	  $(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'; \
	fi
	touch $@

$(VENDOR)/.copied: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/
	touch $@

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -f -i $< -o $@

# Extract the marked strings and merge them into the French and Arabic catalogs.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --ignore-dirs '.* node_modules' -o translations/messages.pot --no-location --sort-output --project=Briefings --version=0.1 .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# Production-style serving and the scale measurements (benchmarks/README.md).
.PHONY: serve bench faults

# gunicorn with 2 x cores + 1 sync workers (WEB_CONCURRENCY overrides); settings from the
# environment: DATABASE_URL, SECRET_KEY, MAIL_*, REDIS_URL, PROXY_FIX_*, LOG_*.
serve: install
	$(FLASK) setup
	PORT=$(PORT) HOST=$(HOST) $(BIN)/gunicorn -c gunicorn.conf.py 'briefings:create_app()'

# Throughput and latency against floors measured in the same run (SQLite; PostgreSQL too
# when DATABASE_URL is set). Loopback only, a few minutes.
bench: install
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# 500 registrations from 32 clients, SMTP down during the burst, a worker killed mid-burst.
faults: install
	$(BIN)/python -m benchmarks.faults $(FAULTS_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor

# --- Security checks (SECURITY.md) --------------------------------------------------------------
# `make security`: bandit over the code, pip-audit over the installed dependencies.
# `make scan`: the app with demo data on loopback, scanned by wapiti3 from its own virtual
# environment (it pins old Flask and SQLAlchemy), for at most SCAN_TIME seconds.
SCAN_PORT ?=
SCAN_TIME ?= 300
WAPITI_VENV := .venv-wapiti
WAPITI := $(WAPITI_VENV)/bin/wapiti

.PHONY: security scan

security: install
	$(BIN)/bandit -r briefings -q
	$(BIN)/pip-audit --progress-spinner off

$(WAPITI):
	$(PYTHON) -m venv $(WAPITI_VENV)
	$(WAPITI_VENV)/bin/python -m pip install -q --disable-pip-version-check 'wapiti3>=3.2,<3.3'

scan: install $(WAPITI)
	set -euo pipefail; \
	dir=$$(mktemp -d -t briefings-scan-XXXXXX); \
	export BRIEFINGS_INSTANCE=$$dir BRIEFINGS_ENV=development DATABASE_URL= REDIS_URL=; \
	port=$(SCAN_PORT); \
	port=$${port:-$$($(BIN)/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}; \
	url=http://127.0.0.1:$$port; \
	$(FLASK) setup > $$dir/setup.log; \
	$(FLASK) demo > $$dir/demo.txt; \
	password=$$(awk '/password:/ {print $$2}' $$dir/demo.txt); \
	$(FLASK) run --host 127.0.0.1 --port $$port > $$dir/app.log 2>&1 & app=$$!; \
	trap 'kill $$app 2>/dev/null || true' EXIT; \
	for i in $$(seq 50); do curl -fs -o /dev/null $$url/ && break; sleep 0.2; done; \
	kill -0 $$app 2>/dev/null || { cat $$dir/app.log; exit 1; }; \
	$(WAPITI) -u $$url/ --scope folder --flush-session \
	  --max-scan-time $(SCAN_TIME) --max-attack-time $$(( $(SCAN_TIME) / 6 )) \
	  --depth 5 --max-links-per-page 40 --max-files-per-dir 40 --max-parameters 6 \
	  --form-url $$url/login --form-user organizer@example.org \
	  --form-password "$$password" -x $$url/logout -x "$$url/manage/*/status/*" \
	  --store-session $$dir/wapiti -f txt -o $$dir/report.txt -v 1 --no-bugreport > $$dir/wapiti.log 2>&1 \
	  || { tail -20 $$dir/wapiti.log; exit 1; }; \
	cat $$dir/report.txt; \
	echo "App log: $$dir/app.log  (500s: $$(grep -c '" 500 ' $$dir/app.log || true))"; \
	echo "Findings are explained in SECURITY.md, section 'Scanner findings'."
