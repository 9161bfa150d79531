# The two set-up commands of README.md: `make html` builds the site, `make test` runs the tests.
# Each installs what it needs first (tools/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: html test test-latest checks bench serve validate check lint lock clean

html:
	tools/setup.sh
	$(VENV)/chronology build

validate:
	tools/setup.sh
	$(VENV)/chronology validate

check: html
	$(VENV)/chronology check output --html --archive content

# CI's command (.ci/run): validate the records, build the real site, check its links,
# fragments and HTML, lint, then run the test suite, all with the locked versions (uv.lock).
test:
	tools/setup.sh --test
	$(MAKE) --no-print-directory checks

# The drift canary: the same checks in a throwaway .venv-latest holding the newest versions
# that pyproject.toml's ranges allow, so that a new release is found on purpose.
test-latest:
	tools/setup.sh --test
	rm -rf .venv-latest
	.tools/uv/bin/uv venv --quiet --python python3 .venv-latest
	VIRTUAL_ENV=.venv-latest .tools/uv/bin/uv pip install --quiet --upgrade --resolution highest -e '.[test]'
	VIRTUAL_ENV=.venv-latest .tools/uv/bin/uv pip freeze > .venv-latest/versions.txt
	$(MAKE) --no-print-directory checks VENV=.venv-latest/bin

checks:
	$(VENV)/chronology validate
	$(VENV)/chronology build
	$(VENV)/chronology check output --html --archive content
	$(VENV)/ruff check generator tests pelican.conf.py
	$(VENV)/ruff format --check generator tests pelican.conf.py
	$(VENV)/python -m pytest -n 2 --dist loadgroup

serve:
	tools/setup.sh
	$(VENV)/chronology serve

bench:
	tools/setup.sh --bench
	$(VENV)/python -m generator.bench

lint:
	$(VENV)/ruff check generator tests pelican.conf.py
	$(VENV)/ruff format --check generator tests pelican.conf.py

# Refresh the locks to the newest versions pyproject.toml's ranges allow (then run make test).
lock:
	tools/setup.sh
	.tools/uv/bin/uv lock --upgrade
	cd tools/npm && npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf output .output.* .cache .pytest_cache .venv-latest build dist
