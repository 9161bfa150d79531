"""What a rebuild can skip: the state kept between builds, which pages changed, the values
kept per incident, and the published pages a new build reuses.

The plugin (generator/site/plugin.py) uses it through these names only.
"""

from generator.site.incremental.caches import cache_folder, disk_cache
from generator.site.incremental.planning import Plan, changed_pages, plan_pages, settle
from generator.site.incremental.reuse import record_versions, reuse_published
from generator.site.incremental.state import BuildState
from generator.site.memo import attach

__all__ = [
    "BuildState",
    "Plan",
    "attach",
    "cache_folder",
    "changed_pages",
    "disk_cache",
    "plan_pages",
    "record_versions",
    "reuse_published",
    "settle",
]
