# The README's two commands: `make run` and `make test`. Everything else is a step they call.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format bench browser-deps check clean check-deploy postgres load load-deps

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "ClusterPlan: http://$(HOST)/"
	$(BIN)/python manage.py runserver $(HOST)

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The suite runs on both cores (pytest-xdist: each worker has its own test database).
TEST_WORKERS ?= 2

test: $(STAMP) browser-deps postgres check
	$(BIN)/pytest -n $(TEST_WORKERS)

# The machine's PostgreSQL (127.0.0.1:5432, user postgres): the backup and fault tests make their
# own throwaway databases on it even when the suite runs on SQLite.
postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || { \
	  echo "Starting PostgreSQL…"; \
	  pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | sort -V | tail -1)" main start; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; }

# `manage.py check --deploy` with production settings (DEBUG off, a long key, a host): no warnings.
check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY="check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
	  ALLOWED_HOSTS=plan.example.ru CSRF_TRUSTED_ORIGINS=https://plan.example.ru SITE_URL=https://plan.example.ru \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) postgres
	$(BIN)/python bench/run.py

# Load and fault proof: two gunicorns behind HAProxy on a private PostgreSQL, 50 locust users,
# one app server killed, the database restarted and a worker killed under load (bench/load.py;
# about five minutes; exits non-zero on an unexpected failure, a lost write or a slow recovery).
load: $(STAMP) postgres load-deps
	$(BIN)/python bench/load.py

# HAProxy stands in for the load balancer of docs/deploy.md's two-app-server layout.
load-deps:
	@command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || { \
	  echo "Installing Debian's haproxy for make load…"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq haproxy >/dev/null; fi; }

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
