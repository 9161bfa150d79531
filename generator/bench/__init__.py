"""The benchmark: `python -m generator.bench` (see __main__.py); `make bench` runs it."""
