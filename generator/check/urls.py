"""Classify a link as written in a page: internal path, outside URL, or nothing to check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STRIP = " \t\n\r\f"
_REMOVE = str.maketrans("", "", "\t\n\r")
WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class Internal:
    """A path inside the site: ``segments`` from the root, the last one empty for ``dir/``."""

    segments: tuple[str, ...]
    fragment: str | None


@dataclass(frozen=True, slots=True)
class External:
    url: str  # absolute http(s) URL, without its fragment


@dataclass(frozen=True, slots=True)
class Skip:
    """Nothing a link checker can follow: mailto:, tel:, javascript:, data:, other schemes."""


@dataclass(frozen=True, slots=True)
class Invalid:
    reason: str


Target = Internal | External | Skip | Invalid
SKIP = Skip()


def clean(url: str) -> str:
    """The link as a browser reads it: outer whitespace stripped, tabs and newlines removed."""
    return url.strip(_STRIP).translate(_REMOVE)


def join(base_dir: tuple[str, ...], path: str) -> tuple[str, ...] | None:
    """Resolve a (still percent-encoded) path against a directory; None if it leaves the root.

    Dot segments are removed as in RFC 3986 except that ``..`` above the root is an error
    instead of being dropped: such a link only works by accident, when the site is served at
    the root of its host, and breaks when it is browsed from the disk or under a sub-path.
    """
    if "\\" in path:
        path = path.replace("\\", "/")  # as browsers do for http(s) URLs
    if path[:1] == "/":
        stack: list[str] = []
        parts = path[1:].split("/")
    else:
        stack = list(base_dir)
        parts = path.split("/")
    if "%" in path:
        parts = [unquote(part) for part in parts]
    for part in parts:
        if part == "..":
            if not stack:
                return None
            stack.pop()
        elif part and part != ".":  # "a//b" is "a/b", as servers merge slashes
            stack.append(part)
    if parts[-1] in ("", ".", "..") or not stack:
        stack.append("")
    return tuple(stack)


@dataclass(frozen=True, slots=True)
class Relative:
    """A link relative to its page (or ``<base href>``), not yet resolved against it.

    ``path`` is empty for the document itself, starts with "/" from the site's root.
    """

    path: str
    fragment: str | None


def prepare(url: str, site_url: str | None = None) -> Target | Relative:
    """What can be known of a link without knowing its page (to be memoised per URL)."""
    url = clean(url)
    scheme = _SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() not in WEB_SCHEMES:
            return SKIP
        return _absolute(url, site_url)
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return _absolute("https:" + url.replace("\\", "/"), site_url)
    head, sep, fragment = url.partition("#")
    return Relative(head.partition("?")[0], fragment if sep else None)


def resolve(relative: Relative, base: tuple[str, ...]) -> Internal | Invalid:
    """A relative link from the document whose path segments are ``base``."""
    if not relative.path:  # "", "#x", "?q": the document itself
        return Internal(base, relative.fragment)
    segments = join(base[:-1], relative.path)
    if segments is None:
        return Invalid("points above the site root")
    return Internal(segments, relative.fragment)


def classify(
    url: str,
    base: tuple[str, ...],
    base_url: str | None = None,
    site_url: str | None = None,
) -> Target:
    """Where a link as written leads from a document whose path segments are ``base``.

    ``base_url`` is an absolute outside URL given by the page's ``<base href>`` (relative
    links then lead outside); ``site_url`` the site's own address, whose URLs are internal.
    """
    target = prepare(url, site_url)
    if not isinstance(target, Relative):
        return target
    if base_url is not None:
        return _absolute(urljoin(base_url, clean(url)), site_url)
    return resolve(target, base)


def _absolute(url: str, site_url: str | None) -> Target:
    if site_url and (url == site_url.rstrip("/") or url.startswith(site_url)):
        rest = url[len(site_url) :]
        return classify("/" + rest, ())
    try:
        parts = urlsplit(url)
        if parts.port is not None and not 0 < parts.port < 65536:
            raise ValueError("port out of range")
    except ValueError as error:
        return Invalid(f"invalid URL ({error})")
    if not parts.hostname:
        return Invalid("invalid URL (no host)")
    if "#" not in url and url.startswith(("http://", "https://")):
        return External(url)  # already as geturl() would write it
    return External(parts._replace(fragment="").geturl())


def resolve_base(
    base: str | None, page_path: str, site_url: str | None
) -> tuple[tuple[str, ...], str | None]:
    """The base of a page's relative links: path segments inside the site, or an outside URL.

    Without a ``<base href>`` (or with one that cannot be used), that is the page itself.
    """
    own = tuple(page_path.split("/"))
    if base is None:
        return own, None
    target = classify(base, own, None, site_url)
    if isinstance(target, Internal):
        return target.segments, None
    if isinstance(target, External):
        return own, target.url
    return own, None
