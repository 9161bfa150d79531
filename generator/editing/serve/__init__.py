"""`chronology serve`: the site on http://127.0.0.1:8000, rebuilt and reloaded on every change.

One process, one job per module:

* preview: the builder (main thread), which decides what a change requires and rebuilds in
  place, keeping the pages as they were while the records are invalid;
* watch: the watchers (threads, watchfiles) on the records, seeds/, templates/,
  pelican.conf.py and the generator code;
* reexec: a code change re-executes the process in place, once the new code imports;
* http: the server (threads) of the output folder, with the live-reload script and, while the
  site cannot be shown, the error page (pages: the script and the pages, as templates).

Ctrl-C or SIGTERM stops the server and exits; the only child processes are the short code
check and pagefind (--search), both waited for or killed on the way out.
"""

from .http import exposed, exposure, host_allowed
from .pages import Failure, error_page, inject, version_of
from .preview import Preview

__all__ = [
    "Failure",
    "Preview",
    "error_page",
    "exposed",
    "exposure",
    "host_allowed",
    "inject",
    "version_of",
]
