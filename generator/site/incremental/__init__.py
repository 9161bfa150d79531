"""What a rebuild can skip: the state kept between builds, which pages changed
(planning.py), the values kept per incident, and the published pages a new build reuses.

The plugin (generator/site/plugin.py) uses it through these names only, and planning.py,
which reads the page kinds (generator/site/kinds.py): they read this package's signatures,
so this package's top imports nothing that imports them.
"""

from generator.site.incremental.caches import cache_folder, disk_cache
from generator.site.incremental.parts import kept_parts
from generator.site.incremental.reuse import record_versions, reuse_published
from generator.site.incremental.state import BuildState
from generator.site.memo import attach

__all__ = [
    "BuildState",
    "attach",
    "cache_folder",
    "disk_cache",
    "kept_parts",
    "record_versions",
    "reuse_published",
]
