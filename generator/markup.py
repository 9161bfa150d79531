"""Markdown -> safe HTML, each text converted once.

cmarkgfm (the C reference CommonMark implementation, GitHub's fork) converts; raw HTML in
the source is dropped by cmark's safe mode and `javascript:`/`data:` links are removed.
nh3 (the Rust `ammonia` sanitiser) then allows only the few tags a summary needs, as a
second, independent line of defence. Python-Markdown is ~20x slower here (see the benchmark).
"""

from __future__ import annotations

import hashlib

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

_TAGS = {
    "p",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "br",
    "del",
    "sup",
    "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_OPTIONS = Options.CMARK_OPT_SMART | Options.CMARK_OPT_VALIDATE_UTF8

_cache: dict[str, Markup] = {}


def _drop_empty_href(tag: str, attribute: str, value: str) -> str | None:
    # cmark blanks unsafe URLs (javascript:, data:) to href="": drop them so no dead link stays.
    return None if attribute == "href" and not value.strip() else value


def render(text: str) -> Markup:
    """Safe HTML for a Markdown `text`. Paragraph-level; headings are flattened to paragraphs."""
    key = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    html = _cache.get(key)
    if html is None:
        raw = cmarkgfm.github_flavored_markdown_to_html(text, options=_OPTIONS)
        html = Markup(nh3.clean(
            raw,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_SCHEMES,
            link_rel="noopener nofollow ugc",
            strip_comments=True,
            attribute_filter=_drop_empty_href,
        ))
        _cache[key] = html
    return html


def render_inline(text: str) -> Markup:
    """Like render() but without the wrapping <p> of a one-paragraph text."""
    html = render(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return Markup(html[3:-4])
    return html
