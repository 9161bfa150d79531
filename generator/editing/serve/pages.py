"""What the preview adds to the site it serves: the live-reload script in every HTML page, and
the pages shown instead of the site (the records' problems, a failed build, nothing built).

The script and the pages are templates beside this module (package data, so an installed
wheel serves them too); Jinja escapes what the records and tracebacks put in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from generator.records.problems import Problem

RELOAD_PATH = "/__reload"
SCRIPT_PATH = "/__livereload.js"
POLL_MS = 500  # how often an open page asks whether the preview was rebuilt

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader(__package__, "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    undefined=jinja2.StrictUndefined,
)


@dataclass(frozen=True)
class Failure:
    """Why the preview cannot show the site: shown on every HTML page until it is fixed."""

    title: str
    explanation: str
    problems: tuple[Problem, ...] = ()
    detail: str = ""  # a traceback, for template and code errors


@dataclass(frozen=True)
class Status:
    version: str
    failure: Failure | None = None


@cache
def livereload_js() -> bytes:
    script = _TEMPLATES.get_template("livereload.js")
    return script.render(reload_path=RELOAD_PATH, poll_ms=POLL_MS).encode()


def script_tag(version: str) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-version="{version}" defer></script>'.encode()


def inject(page: bytes, version: str) -> bytes:
    """The page with the live-reload script before </body> (or at the end)."""
    tag = script_tag(version)
    at = page.lower().rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def _render(name: str, version: str, **context: object) -> bytes:
    script = Markup(script_tag(version).decode())
    return _TEMPLATES.get_template(name).render(script=script, **context).encode()


def error_page(failure: Failure, version: str) -> bytes:
    return _render("error.html", version, title=failure.title, failure=failure)


def not_found_page(path: str, version: str) -> bytes:
    return _render("not-found.html", version, title="Not found", path=path)


def version_of(body: str) -> str | None:
    """The build version a served page was stamped with (for tests and tools)."""
    marker = 'data-version="'
    at = body.rfind(marker)
    return body[at + len(marker) : body.index('"', at + len(marker))] if at >= 0 else None
