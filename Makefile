# Local Offer Kit. The README's two commands:
#   make build   set up everything, then build and check the site into site/
#   make test    set up everything, then run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PUPPETEER_SKIP_DOWNLOAD := true

.PHONY: setup setup-python build test serve check a11y lock clean chromium benchmark benchmark-big compile

setup: $(PY_STAMP) $(NODE_STAMP) chromium compile

# Python only (no Node, no browser): enough for `localoffer check`. The pull-request
# workflow's first job uses it, so volunteers see the checks' findings in about a minute.
setup-python: $(PY_STAMP) compile

# Byte-compile our own modules (the editable install does not, and some machines set
# PYTHONDONTWRITEBYTECODE): otherwise every command compiles them again as it starts.
# Only changed files are compiled again.
compile: $(PY_STAMP)
	@$(BIN)/python -m compileall -q scripts benchmarks

$(PY_STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@bash scripts/ensure-chromium.sh

build: setup
	$(BIN)/localoffer build

test: setup
	$(BIN)/python -m pytest

serve: setup
	$(BIN)/mkdocs serve

check: setup
	$(BIN)/localoffer check

a11y: setup
	$(BIN)/localoffer a11y

benchmark: setup
	$(BIN)/python benchmarks/run.py $(BENCHMARK_ARGS)

# The big county of issue 17: 2,500 + 2,500 pages and 2,500 services; one part of 8 of its
# browser tests, run for real; a one-page pull request on the 500 + 500 site in a fresh clone,
# with the base branch's browser results restored (about 45 minutes on 2 cores). Not measured:
# every page in the browser (the parts are for that) and the stock build with Material's
# search, which had not finished after 25 minutes on this site.
benchmark-big: setup
	$(BIN)/python benchmarks/run.py --pages 2500 --services 2500 --repeat 1 --sites generated --skip-a11y \
	  --skip hooks,stock-search --shard 1/8 --pull-request --pr-real-cache $(BENCHMARK_ARGS)

# Regenerate requirements.txt (exact versions with hashes) from requirements.in.
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --strip-extras --allow-unsafe --quiet \
	  --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

clean:
	rm -rf site .site.* .cache
