"""File -> Article: the only place that reads an article file, and the gate for bad input.

Refuses, with a message naming what is wrong: an empty file, a file over MAX_BYTES, a
binary file (images, PDF, archives, anything with NUL bytes), text that is not UTF-8, and
(from the parsers) a page or text with no article in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.importer.article import Article, ArticleError, Block
from generator.importer.html import parse_html
from generator.importer.text import parse_text

MAX_BYTES = 4_000_000  # a news page with its scripts is ~0.1-2 MB
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.odt)",
    b"\x1f\x8b": "gzip data",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "a program",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "a Word/Excel document",
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head"
    rb"|body|meta|title)\b",
    re.I | re.S,
)
_TAGS = re.compile(rb"<(?:p|div|article|span|a|h[1-6]|br)\b[^>]*>", re.I)


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return "binary data" if controls > len(head) * 0.05 else None


def looks_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or len(_TAGS.findall(head)) >= 3


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ArticleError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); "
            "save the article as UTF-8"
        ) from None


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _without_controls(article: Article) -> Article:
    """Terminal escapes and other control characters (an ESC pasted from a console, a
    stray NUL) are removed from the text: records and pages cannot carry them."""
    count = sum(len(_CONTROLS.findall(b.text)) for b in article.blocks)
    if count:
        article.blocks = [Block(_CONTROLS.sub("", b.text), b.heading) for b in article.blocks]
        article.warnings.append(
            f"{count} control character{'s' if count > 1 else ''} (such as ESC) removed "
            "from the text"
        )
    for name in ("title", "author", "outlet"):
        value = getattr(article, name)
        if value:
            setattr(article, name, _CONTROLS.sub("", value) or None)
    return article


def read_article(path: Path) -> Article:
    """Read and clean one article file, or raise ArticleError saying what is wrong."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ArticleError("not a file")
        if size == 0:
            raise ArticleError("the file is empty")
        if size > MAX_BYTES:
            raise ArticleError(
                f"the file is {size:,} bytes; an article page is at most "
                f"{MAX_BYTES:,} bytes (save the article alone, as text or HTML)"
            )
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read the file: {err.strerror}") from None
    if not data.strip():
        raise ArticleError("the file holds only white space")
    if (kind := _binary_kind(data)) is not None:
        raise ArticleError(f"the file is {kind}, not an article in text or HTML")
    if looks_html(path, data):
        return _without_controls(parse_html(data))
    article = _without_controls(parse_text(decode_text(data)))
    if article.word_count() < 15 or not any(
        b.text.rstrip()[-1:] in ".!?»\"”'’)" for b in article.blocks if not b.heading
    ):
        raise ArticleError("no article text found (no paragraph with a sentence in it)")
    return article
