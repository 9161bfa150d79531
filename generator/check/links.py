"""Extract the links and the fragment targets (ids) of HTML pages with lxml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from lxml import etree

HTML_SUFFIXES = (".html", ".htm")

# Everything a reader (or the browser on the reader's behalf) follows or loads, plus the targets
# of fragments. One XPath pass in document order is the fastest way through lxml.
_XPATH = etree.XPath(
    "//@href | //@src | //@srcset | //@poster | //@id | //a/@name | //meta/@content"
)
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


_UTF8_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True)
_SNIFF_PARSER = etree.HTMLParser(no_network=True)


def parse_html(data: bytes, path: str) -> Page:
    """The links and ids of one page, given its bytes.

    Pages without a declared charset are read as UTF-8 (what the site generator writes)
    rather than libxml2's Latin-1 default.
    """
    ids: set[str] = set()
    links: list[Link] = []
    base: str | None = None
    head = data[:1024]
    declared = head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _CHARSET.search(head)
    try:
        root = etree.fromstring(data, _SNIFF_PARSER if declared else _UTF8_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        root = None  # empty or unparseable document: nothing to follow
    if root is None:
        return Page(path, ids, links, base)
    append = links.append
    for value in _XPATH(root):
        name = value.attrname
        if name == "id" or name == "name":
            ids.add(str(value))
            continue
        element = value.getparent()
        tag = element.tag
        if name == "href":
            if tag == "base":
                if base is None:
                    base = str(value)
            elif tag != "link" or not _HINT_RELS.intersection(
                (element.get("rel") or "").lower().split()
            ):
                append((str(value), element.sourceline, element.get("data-archive")))
        elif name == "src" or name == "poster":
            append((str(value), element.sourceline, None))
        elif name == "srcset":
            line = element.sourceline
            links.extend((url, line, None) for url in srcset_urls(str(value)))
        elif tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            url = refresh_url(str(value))
            if url:
                append((url, element.sourceline, None))
    return Page(path, ids, links, base)


def parse_file(site_dir: str | Path, path: str) -> Page:
    """Read and parse the page at ``path`` (relative to ``site_dir``)."""
    with open(Path(site_dir, path), "rb") as fh:
        return parse_html(fh.read(), path)


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
