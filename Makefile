# The two commands: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages some tests need (a real redis-server; Chromium for charts). `make test` installs
# them when run as root (as CI is); otherwise those tests skip and say why. (command:package)

.PHONY: install system-packages demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(PY) demo/run.py --db demo.db

system-packages:
	@missing=""; \
	for cmd in redis-server:redis-server chromium:chromium chromedriver:chromium-driver; do \
	  command -v $${cmd%%:*} >/dev/null 2>&1 || missing="$$missing $${cmd##*:}"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "not root: the tests that need$$missing will skip"; \
	fi

test: install system-packages
	$(PY) -m pytest -q

bench: install
	$(PY) bench/extraction.py
	$(PY) bench/crawl.py

clean:
	rm -rf $(VENV) demo.db demo-timeline.* *.egg-info
