"""The Pelican plugin: `PLUGINS = ["generator.site"]` in pelican.conf.py.

Like pelican-plugins' sitemap, the package exposes `register()` and nothing else at its top.
"""

from pelican import signals


def _add_generator(pelican):  # type: ignore[no-untyped-def]
    from generator.site.plugin import ChronologyGenerator

    return ChronologyGenerator


def register() -> None:
    signals.get_generators.connect(_add_generator)
