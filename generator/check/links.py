"""Extract the links and the fragment targets (ids) of HTML pages with lxml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lxml import etree

HTML_SUFFIXES = (".html", ".htm")

# Attributes holding what a reader (or the browser on the reader's behalf) follows or loads,
# and the targets of fragments. A walk over the elements in document order: an XPath union of
# several attribute paths costs time quadratic in the number of matches (libxml2 merges the node
# sets with a linear search each).
_WANTED = frozenset({"href", "src", "srcset", "poster", "id", "name", "content"})
# libxml2's nesting limit with XML_PARSE_HUGE (lxml's huge_tree); 256 without it.
MAX_DEPTH = 2048
# Larger pages are reported, not read: nothing a site generator writes comes close.
MAX_PAGE_BYTES = 64 * 1024 * 1024
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=", re.IGNORECASE)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.S)
# <link rel> values whose href is a hint, not a resource a reader or the browser loads as such.
_HINT_RELS = frozenset({"preconnect", "dns-prefetch"})


# A link: (URL as written in the page, line, data-archive of a source link). A plain tuple:
# hundreds of thousands are made, and sent back from worker processes, on a large site.
Link = tuple[str, int | None, str | None]


class Page(NamedTuple):
    path: str  # relative to the site directory, with "/" separators
    ids: set[str]
    links: list[Link]
    base: str | None  # href of the first <base href>, as written
    errors: list[tuple[str, int | None]] = []  # what could not be read or parsed, and where


# huge_tree lifts the nesting limit from 256 to MAX_DEPTH; deeper pages are reported.
_UTF8_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True)
_SNIFF_PARSER = etree.HTMLParser(no_network=True, huge_tree=True)


def parse_html(data: bytes, path: str) -> Page:
    """The links and ids of one page, given its bytes.

    Pages without a declared charset are read as UTF-8 (what the site generator writes)
    rather than libxml2's Latin-1 default.
    """
    ids: set[str] = set()
    links: list[Link] = []
    errors: list[tuple[str, int | None]] = []
    base: str | None = None
    head = data[:1024]
    declared = head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _CHARSET.search(head)
    parser = _SNIFF_PARSER if declared else _UTF8_PARSER
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        root = None
        if data.strip():
            errors.append((f"cannot be parsed as HTML ({error})", None))
    for entry in parser.error_log.filter_from_fatals():
        errors.append((_parse_error(entry), entry.line or None))
    if root is None:
        return Page(path, ids, links, base, errors)
    append = links.append
    wanted = _WANTED
    for element in _elements(root):
        items = element.items()
        if not items:
            continue
        tag = element.tag
        for name, value in items:
            if name not in wanted:
                continue
            if name == "id":
                ids.add(value)
            elif name == "href":
                if tag == "base":
                    if base is None:
                        base = value
                elif tag != "link" or not _HINT_RELS.intersection(
                    (element.get("rel") or "").lower().split()
                ):
                    append((value, element.sourceline, element.get("data-archive")))
            elif name == "src" or name == "poster":
                append((value, element.sourceline, None))
            elif name == "srcset":
                line = element.sourceline
                links.extend((url, line, None) for url in srcset_urls(value))
            elif name == "name":
                if tag == "a":
                    ids.add(value)
            elif tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
                url = refresh_url(value)
                if url:
                    append((url, element.sourceline, None))
    return Page(path, ids, links, base, errors)


def _elements(root: etree._Element) -> Iterator[etree._Element]:
    """Every element of the document in order, also those libxml2 puts in top-level siblings
    of the root (what follows ``</html>``, which browsers add to the body)."""
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        yield from top.iter(etree.Element)


def _parse_error(entry: etree._LogEntry) -> str:
    if entry.type_name == "ERR_RESOURCE_LIMIT" and "depth" in entry.message.lower():
        return (
            f"not checked past this line: elements nested more than {MAX_DEPTH} deep"
            " (the links and ids that follow are not read)"
        )
    return f"not checked past this line: {entry.message.strip()}"


def parse_file(site_dir: str | Path, path: str) -> Page:
    """Read and parse the page at ``path`` (relative to ``site_dir``); what cannot be read is
    in the page's ``errors``."""
    try:
        with open(Path(site_dir, path), "rb") as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except OSError as error:
        return Page(path, set(), [], None, [(f"cannot be read ({error.strerror})", None)])
    if len(data) > MAX_PAGE_BYTES:
        why = f"not checked: larger than {MAX_PAGE_BYTES // 2**20} MiB"
        return Page(path, set(), [], None, [(why, None)])
    return parse_html(data, path)


def parse_files(site_dir: str, paths: list[str]) -> list[Page]:
    """Parse a batch of pages (the unit of work of a worker process)."""
    return [parse_file(site_dir, path) for path in paths]


def refresh_url(content: str) -> str | None:
    """The URL of a ``<meta http-equiv=refresh content="5; url=...">``, if any."""
    match = _REFRESH_URL.match(content)
    if not match:
        return None
    url = match.group(1).strip()
    if len(url) >= 2 and url[0] == url[-1] and url[0] in "'\"":
        url = url[1:-1]
    return url or None


def srcset_urls(srcset: str) -> list[str]:
    """The image candidate URLs of a ``srcset`` attribute (HTML standard parsing algorithm).

    A URL may itself contain commas (``data:`` URIs, query strings): a comma only separates
    candidates after whitespace or at the end of a URL.
    """
    urls: list[str] = []
    n, i = len(srcset), 0
    while i < n:
        while i < n and (srcset[i].isspace() or srcset[i] == ","):
            i += 1
        if i >= n:
            break
        start = i
        while i < n and not srcset[i].isspace():
            i += 1
        url = srcset[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            # Skip the descriptors up to the next comma outside parentheses.
            depth = 0
            while i < n:
                c = srcset[i]
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth = max(depth - 1, 0)
                elif c == "," and depth == 0:
                    break
                i += 1
        if url:
            urls.append(url)
    return urls
