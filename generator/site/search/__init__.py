"""Full-text search over the incidents, in both languages, with Pagefind, built shard by shard.

Run by generator/build.py on the staging folder once Pelican has written every page (and by
`chronology serve --search` on its output). Only incident pages are indexed, and on them only
what carries data-pagefind-body; Pagefind makes one index per page language (<html lang>).

The incidents are split into shards by date (a year, or equal parts of it when a year holds
more than MAX_INCIDENTS: the peak memory of the step is bounded by that, not by the corpus).
Each shard is its own Pagefind bundle, built by Pagefind's binary in its own process from hard
links to the shard's pages, under pagefind/<shard>/; pagefind/shards.json lists them and the
search page merges them in the browser (templates/static/search.js, mergeIndex).

A shard's bundle is kept in the cache folder under a key made of the content of its pages, the
Pagefind version and this module's options, with a list of its files' hashes; a build whose
shard pages did not change copies it (after checking those hashes) instead of running Pagefind.

A shard's words padded with every shard's (see below) are kept chunk by chunk: a new word rewrites
the one chunk per shard and language its range holds. The published index is brought up to
date in place: in a recycled site only the shard files that changed are linked in again.

Pagefind's output is not the same from run to run: filter values, the filter list and the
languages are written in hash-map order. `canonical` sorts them and names the files again from
their content, so the same pages always give the same bytes (and gives fragments, whose names
are the results' ids, names long enough to stay apart across shards).

One module per job: `shards` (which pages, which shard), `pagefind` (the binary, its data
files, their canonical form), `kept` (the cache: keys, checked files, the chunk store, the
published folder brought up to date), `words` (the padding) and `indexing` (the step itself).
"""

from generator.site.search.indexing import BUNDLE, JOBS, LIST, cache_folder, index
from generator.site.search.pagefind import SearchIndexFailed, canonical, executable, version
from generator.site.search.shards import GLOB, MAX_INCIDENTS, pages_of, shards_of

__all__ = [
    "BUNDLE",
    "GLOB",
    "JOBS",
    "LIST",
    "MAX_INCIDENTS",
    "SearchIndexFailed",
    "cache_folder",
    "canonical",
    "executable",
    "index",
    "pages_of",
    "shards_of",
    "version",
]
