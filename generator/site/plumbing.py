"""Files a published site needs beside its pages: the 404 page a host serves for any missing
address (`/404.html`, both languages on one page, templates/404.html)."""

from __future__ import annotations

from typing import Any

from generator.site.writer import PageWriter

NOT_FOUND = "404.html"


def write_all(env: Any, out: PageWriter, settings: dict[str, Any]) -> None:
    html = env.get_template(NOT_FOUND).render(SITEURL=settings.get("SITEURL", ""))
    out.write(NOT_FOUND, html)
