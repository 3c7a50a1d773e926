# The two commands of the README:
#   make demo   set up a virtual environment with the package alone and print the compliance report
#               of the bundled example ward
#   make test   set up a virtual environment with the test tools and the notebook extra and run the
#               whole test suite (pytest, doctests, the analyst notebook, mypy --strict)
#               and the 10,000-member smoke benchmark (prints its figures; fails only if reports differ)
# Each target creates .venv on its own; nothing is assumed installed but a Python 3.11 or 3.12 with gcc.

VENV   ?= .venv
PY     := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.12 python3.11 python3; do \
            command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not ((3,11) <= sys.version_info[:2] < (3,13)))' 2>/dev/null && { echo $$p; break; }; \
          done)

.PHONY: demo test venv clean lint bench docs screenshots mutation

# the package alone (what `make demo` runs), then the test tools on top (what `make test` runs)
$(VENV)/.base: pyproject.toml
	@test -n "$(PYTHON)" || { echo "qd213-rules needs Python 3.11 or 3.12 (durable-rules does not import on 3.13)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed: $(VENV)/.base
	$(PY) -m pip install --quiet -e ".[test,notebook]"
	@touch $@

venv: $(VENV)/.installed

demo: $(VENV)/.base
	$(VENV)/bin/qd213 demo

test: venv
	$(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m mypy
	$(PY) benchmarks/run.py --members 10000 --quick

bench: venv
	$(PY) benchmarks/run.py --rounds 3

docs: venv
	$(PY) -m pip install --quiet -e ".[docs]"
	$(VENV)/bin/properdocs build -f mkdocs.yml

# mutation testing of evaluation/, matching/, stream.py and parallel.py (docs/testing.md); not part
# of `make test` nor CI. MUTATION_PATHS, MUTATION_TESTS, MUTATION_BUDGET (seconds per path) and
# MUTATION_JOBS override what is mutated, the tests run, the time budget and the parallelism.
mutation: venv
	$(PY) -m pip install --quiet -e ".[mutation]"
	$(PY) tools/mutation.py

# the HTML report's screenshots in docs/images/ (needs Debian's chromium)
screenshots: venv
	$(PY) tools/report_screenshot.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .hypothesis
