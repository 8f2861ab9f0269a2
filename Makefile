# The two commands: `make run` and `make test`. Both set up everything they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
DATA_DIR ?= $(or $(REGIE_DATA_DIR),data)
PORT ?= 8501

.PHONY: run test demo check messages venv clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
		{ echo "Python 3.11 is needed (found $$($(PYTHON) --version 2>&1)); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m regie demo --data-dir $(DATA_DIR) --if-empty
	$(PY) -m regie summarize --data-dir $(DATA_DIR)

run: demo
	$(PY) -m regie serve --data-dir $(DATA_DIR) --port $(PORT)

test: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || echo "NOTE: chromium not found, so the browser tests in tests/e2e are skipped. Install it with: sudo apt-get install chromium"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n 2 --dist loadfile

# Bring the gettext catalogs (regie/locale) in step with the messages in the code; fill in what it lists.
messages: $(STAMP)
	$(PY) -m regie.messages

check: $(STAMP)
	$(PY) -m regie check --data-dir $(DATA_DIR)

clean:
	rm -rf $(VENV) .pytest_cache
