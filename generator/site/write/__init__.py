"""Pages out: the Jinja environment, rendering (in one process or many), the one writer."""
