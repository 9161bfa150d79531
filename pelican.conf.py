# Pelican settings. `chronology build` reads this file (Pelican is the engine); the chronology
# itself is built by the plugin in generator/site from the YAML records under PATH.
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Chronologie des attaques"
SITEURL = os.environ.get("SITEURL", "")  # the deploy workflow sets the public URL
PATH = "content"
TIMEZONE = "UTC"

PLUGINS = ["generator.site"]
THEME = str(ROOT)  # the theme is the project itself: templates/ holds the Jinja templates
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["templates/static"]
# Whether the build writes the Pagefind search index (/pagefind/): `chronology build
# --no-search` and `chronology serve` without --search set it to False, and the search pages
# then link to no Pagefind file and say that search is not available.
SEARCH_INDEX = True
# Whether the site publishes the archived copies of its sources (content/archive/, made by
# `chronology archive`) as /sources/<sha256>.txt, linked from each source. They are third-party
# text: off unless the site has the right to publish them. Off, pages still show each copy's
# capture date and SHA-256, so anyone holding the article can check it is the one cited.
PUBLISH_ARCHIVED_COPIES = False

# The chronology plugin renders every page; Pelican's own article machinery has nothing to do.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
# Never let Pelican empty the output folder: `chronology build` builds into a fresh folder and
# swaps it in only when the build has succeeded.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION: list[str] = []
