# kg — `make run` builds the graph from data/ and runs every stored query;
# `make test` runs the test suite. Both create .venv and install what they need; `make test`
# also installs the tools only the tests use (Raptor, Virtuoso, Chromium) where missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install java rdf-tools browser run build queries test bench clean

# kg's own modules are compiled to bytecode here, so a `kg` command does not compile them
# again at each start where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE).
install: $(STAMP) java
	@$(BIN)/python -m compileall -q src >/dev/null

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# The OWL reasoner (HermiT) needs Java; install it from Debian where it is missing.
java:
	@bash scripts/ensure-java.sh

# The interoperability tests read exports with Raptor and run --endpoint on Virtuoso.
rdf-tools:
	@bash scripts/ensure-rdf-tools.sh

# The browser test of kg serve's pages drives headless Chromium.
browser:
	@bash scripts/ensure-browser.sh

build: install
	$(BIN)/kg build

queries: build
	@for query in queries/*.rq; do \
		echo "== $$(basename $$query .rq)"; \
		$(BIN)/kg query "$$query" --format table || exit $$?; \
	done

run: queries

test: install rdf-tools browser
	$(BIN)/python -m pytest

# The benchmark (bench/): `make bench SCALE=100000`; figures in bench/results/$(SCALE).json.
SCALE ?= 1000000
bench: install
	$(BIN)/python -m bench.run --triples $(SCALE) $(BENCH_ARGS)

clean:
	rm -rf build $(VENV)
