# The two set-up commands of README.md: `make html` builds the site, `make test` runs the tests.
# Each installs what it needs first (tools/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: html test bench serve validate check lint clean

html:
	tools/setup.sh
	$(VENV)/chronology build

validate:
	tools/setup.sh
	$(VENV)/chronology validate

check: html
	$(VENV)/chronology check output --html

# CI's command (.ci/run): validate the records, build the real site, check its links,
# fragments and HTML, lint, then run the test suite.
test:
	tools/setup.sh --test
	$(VENV)/chronology validate
	$(VENV)/chronology build
	$(VENV)/chronology check output --html
	$(VENV)/ruff check generator tests
	$(VENV)/python -m pytest -n 2 --dist loadgroup

serve:
	tools/setup.sh
	$(VENV)/chronology serve

bench:
	tools/setup.sh --bench
	$(VENV)/python -m generator.bench

lint:
	$(VENV)/ruff check generator tests
	$(VENV)/ruff format --check generator tests

clean:
	rm -rf output .output.* .cache .pytest_cache
