"""Markdown -> safe HTML, each text converted once.

cmarkgfm (the C reference CommonMark implementation, GitHub's fork) converts; raw HTML in
the source is dropped by cmark's safe mode and `javascript:`/`data:` links are removed.
nh3 (the Rust `ammonia` sanitiser) then allows only the few tags a summary needs, as a
second, independent line of defence. Python-Markdown was left for its speed on these many
short texts (generator/bench/markdown_bench.py measures both).

cmarkgfm's own github_flavored_markdown_to_html never frees the document tree nor the HTML
buffer it gets from the C library, a leak that grows with every text and so with the size
of the chronology; `_to_html` makes the same calls through the same library and frees both.
"""

from __future__ import annotations

import ctypes
import re

import nh3
from cmarkgfm import _cmark
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
# What github_flavored_markdown_to_html adds: GitHub's pre-lang option and its extensions.
_GFM_OPTIONS = _OPTIONS | Options.CMARK_OPT_GITHUB_PRE_LANG
_GFM_EXTENSIONS = (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist")

_lib, _ffi = _cmark.lib, _cmark.ffi
_lib.cmark_gfm_core_extensions_ensure_registered()
_extensions = [_lib.cmark_find_syntax_extension(name) for name in _GFM_EXTENSIONS]
# Not in cmarkgfm's cffi declarations: the library's own cmark_node_free, and libc's free
# (cmark's default allocator is calloc/realloc/free).
_node_free = ctypes.CDLL(_cmark.__file__).cmark_node_free
_node_free.argtypes = [ctypes.c_void_p]
_node_free.restype = None
_free = ctypes.CDLL(None).free
_free.argtypes = [ctypes.c_void_p]
_free.restype = None


def _address(pointer: object) -> int:
    return int(_ffi.cast("uintptr_t", pointer))


def _to_html(text: str) -> str:
    """cmarkgfm.github_flavored_markdown_to_html(text, options=_OPTIONS), without its leak."""
    parser = _lib.cmark_parser_new(_GFM_OPTIONS)
    try:
        for extension in _extensions:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        encoded = text.encode("utf-8")
        _lib.cmark_parser_feed(parser, encoded, len(encoded))
        root = _lib.cmark_parser_finish(parser)
        try:
            if _lib.cmark_node_get_type(root) == _lib.CMARK_NODE_NONE:
                raise ValueError("Error parsing markdown!")
            raw = _lib.cmark_render_html(
                root, _GFM_OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser)
            )
            try:
                return _ffi.string(raw).decode("utf-8")
            finally:
                _free(_address(raw))
        finally:
            _node_free(_address(root))
    finally:
        _lib.cmark_parser_free(parser)


def _drop_empty_href(tag: str, attribute: str, value: str) -> str | None:
    # cmark blanks unsafe URLs (javascript:, data:) to href="": drop them so no dead link stays.
    return None if attribute == "href" and not value.strip() else value


def convert(text: str) -> Markup:
    """Safe HTML for a Markdown `text`. Paragraph-level; headings are flattened to paragraphs."""
    return Markup(
        nh3.clean(
            _to_html(text),
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_SCHEMES,
            link_rel="noopener nofollow ugc",
            strip_comments=True,
            attribute_filter=_drop_empty_href,
        )
    )


def inline(html: Markup) -> Markup:
    """`html` without the wrapping <p> of a one-paragraph text."""
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return Markup(html[3:-4])
    return html


class Converter:
    """convert(), with the texts already converted kept by text (the model's own strings:
    hashed once). Bounded: a full build converts each summary once, the live server's feeds
    keep converting the latest ones. `limit=0` keeps nothing (each text converted once)."""

    def __init__(self, limit: int = 16_384) -> None:
        self.limit = limit
        self.done: dict[str, Markup] = {}

    def render(self, text: str) -> Markup:
        html = self.done.get(text)
        if html is None:
            html = convert(text)
            if self.limit:
                if len(self.done) >= self.limit:
                    del self.done[next(iter(self.done))]  # the oldest
                self.done[text] = html
        return html

    def render_inline(self, text: str) -> Markup:
        """Like render() but without the wrapping <p> of a one-paragraph text."""
        return inline(self.render(text))


# For callers outside a build's templates (the feeds, tests): one Converter per process.
_shared = Converter()
_cache = _shared.done
render = _shared.render
render_inline = _shared.render_inline


def paragraphs(text: str) -> list[str]:
    """The passages of a quoted text, as plain strings (escaped by the template).

    A quote written after `>-` keeps a blank line of the record as one line break; after `|`,
    as an empty line: either one starts a new paragraph, as EDITING.md promises.
    """
    if "\n\n" in text:
        parts = [" ".join(p.split()) for p in _BLANK_LINE.split(text)]
    else:
        parts = [p.strip() for p in text.split("\n")]
    return [p for p in parts if p]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
