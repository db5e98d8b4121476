# Two entry points for a fresh machine: `make run` and `make test`.
# Each creates .venv and installs what it needs; nothing is downloaded at run time.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kbnorm-installed

.PHONY: run test build bench clean-venv chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The CPU build of exactly torch 2.13.0 first: argostranslate -> stanza needs torch,
	# and any other version would pull a CUDA build of several GB.
	$(PY) -m pip install --quiet "torch==2.13.0"
	$(PY) -m pip install --quiet -e ".[test,cluster]"
	touch $(STAMP)

# The page steps' modules are compiled in place (setup.py, pipeline/compiled.py) and rebuilt
# when a source changed since; KBNORM_PURE=1 makes plain Python instead (quick while editing).
build: $(STAMP)
	@$(PY) pipeline/compiled.py || (echo "building kbnorm (about 2 min when compiling)"; $(PY) -m pip install --quiet --no-deps -e .)

run: build
	$(VENV)/bin/kbnorm run raw --out normalized

test: build chromium
	$(PY) -m pytest -q

# The report tests open the HTML pages in headless Chromium (Debian's package).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

bench: build
	$(PY) -m pip install --quiet -r bench/requirements.txt
	for b in bench/*.py; do $(PY) $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
