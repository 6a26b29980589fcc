# The two commands: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(PY) demo/run.py --db demo.db

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) bench/extraction.py
	$(PY) bench/crawl.py

clean:
	rm -rf $(VENV) demo.db *.egg-info
