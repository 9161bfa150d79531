"""HTML page -> Article: the article body and its metadata. No I/O beyond the given bytes.

Metadata comes from where publishers put it (Open Graph, `article:*` meta, JSON-LD
NewsArticle, `<time>`, `<link rel=canonical>`, `<html lang>`); the body from the
`articleBody`, `<article>` or `<main>` element, else the element holding most paragraph
text. Navigation, share buttons, comments, "Lire aussi" boxes, subscription prompts,
figures and scripts are dropped before the text is read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag

from generator.importer.article import Article, ArticleError
from generator.importer.clean import Line, agency_in_text, clean_lines, detect_language
from generator.importer.published import from_line, from_metadata, from_url

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "video",
    "audio",
    "picture",
    "img",
    "object",
    "embed",
    "dialog",
    "menu",
]
_DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
    "menu",
    "menubar",
    "toolbar",
}
_JUNK = re.compile(
    r"(?:^|[-_ ])(?:share|sharing|social|comments?|commentaires?|disqus|related|recommend\w*"
    r"|newsletter|subscri\w*|abonn\w*|paywall|premium-banner|promo\w*|advert\w*|ads?|pub"
    r"|sponsor\w*|read-?more|lire-?aussi|a-?lire|voir-?aussi|see-?also|also-?read|more-?stories"
    r"|breadcrumbs?|tags?|tag-?list|keywords|menu|navbar|nav|cookies?|consent|gdpr|popup|modal"
    r"|outbrain|taboola|sidebar|widget|signup|login|author-?bio|most-?read|trending|footer"
    r"|masthead|toolbar|caption|credit|visually-?hidden|sr-only)(?:$|[-_ ])",
    re.IGNORECASE,
)
_BODY_CLASS = re.compile(
    r"article[-_]?(?:body|content|text)|story[-_]?body|entry[-_]content"
    r"|post[-_](?:content|body)|content[-_]body|article__content",
    re.I,
)
_BLOCKS = ["p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre"]
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "webpage",
    "liveblogposting",
    "backgroundnewsarticle",
}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    """First value of every <meta property|name|itemprop>, keys lower-cased."""
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _walk_jsonld(root: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD tree (lists and @graph entered), without recursion."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            if isinstance(node.get("@graph"), list):
                stack.extend(reversed(node["@graph"]))


def _jsonld(soup: BeautifulSoup) -> dict[str, Any]:
    """The page's NewsArticle (or Article) object from JSON-LD, {} when there is none."""
    best: dict[str, Any] = {}
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError, RecursionError):  # broken or absurdly nested: ignored
            continue
        for node in _walk_jsonld(data):
            types = node.get("@type", [])
            types = [types] if isinstance(types, str) else types
            names = {str(t).lower() for t in types}
            if names & _ARTICLE_TYPES and (not best or "headline" in node or "articleBody" in node):
                best = node
    return best


def _name(value: Any) -> str | None:
    """A person's or organisation's name from JSON-LD (string, object or list)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _text(tag: Tag) -> str:
    """Visible text as a browser joins it: inline tags glued, <br> as a line break."""
    for br in tag.find_all("br"):
        br.replace_with("\n")
    text = tag.get_text("")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return " ".join(line for line in lines if line)


def _is_junk(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    if tag.get("itemprop") == "articleBody":
        return False
    if tag.get("role") in _DROP_ROLES or tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    classes = tag.get("class") or []
    names = [*classes, tag.get("id") or ""]
    return any(_JUNK.search(str(name)) for name in names if name) and not any(
        _BODY_CLASS.search(str(name)) for name in names if name
    )


def _strip_junk(root: Tag) -> None:
    """Drop scripts, comments and page furniture in one walk from the top: a dropped
    element's descendants are never visited, so the time is linear in the page's size
    whatever its nesting depth."""
    stack: list[tuple[Tag, bool]] = [(root, False)]  # (element, inside <article>/<main>)
    while stack:
        tag, inside = stack.pop()
        for child in list(tag.children):
            if isinstance(child, Comment):
                child.extract()
                continue
            if not isinstance(child, Tag):
                continue
            page_level = child.name == "header" and not inside
            if child.name in _DROP_TAGS or _is_junk(child) or page_level or child.name == "footer":
                child.decompose()
                continue
            stack.append((child, inside or child.name in ("article", "main")))


def _paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p", recursive=False))


def _container(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article body."""
    for selector in ('[itemprop="articleBody"]', '[property="articleBody"]'):
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    articles = [a for a in soup.find_all("article") if a.find("p")]
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    for tag in soup.find_all(class_=_BODY_CLASS):
        if tag.find("p"):
            return tag
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None and main.find("p"):
        return main
    scored = [(t, _paragraph_text(t)) for t in soup.find_all(["div", "section", "td", "body"])]
    scored = [(t, s) for t, s in scored if s > 0]
    return max(scored, key=lambda ts: ts[1])[0] if scored else None


def _ordered(container: Tag) -> Iterator[Tag]:
    """The outermost paragraph-like elements in reading order, each visited once (an
    element taken is not entered again), so the walk is linear at any nesting depth."""
    stack: list[Tag] = [c for c in reversed(list(container.children)) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        is_block = tag.name in _BLOCKS and not (
            tag.name in ("blockquote", "li") and tag.find(["p", "h2", "h3", "h4"])
        )  # a list item or quote holding paragraphs: its paragraphs come on their own
        if is_block:
            yield tag
            continue
        stack.extend(c for c in reversed(list(tag.children)) if isinstance(c, Tag))


def _lines(container: Tag) -> list[Line]:
    lines: list[Line] = []
    for tag in _ordered(container):
        text = _text(tag)
        if text:
            lines.append(Line(text, heading=tag.name.startswith("h")))
    if not lines:
        text = _text(container)
        lines = [Line(text)] if text else []
    return lines


def _iso_language(*values: str | None) -> str | None:
    for value in values:
        if value:
            code = re.split(r"[-_]", value.strip())[0].lower()
            if re.fullmatch(r"[a-z]{2}", code):
                return code
    return None


def _url(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and re.match(r"^https?://[^\s/$.?#][^\s]*$", value.strip()):
            return value.strip()
    return None


def _title_from_head(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    parts = re.split(r"\s+[|\-–—]\s+", title.strip())
    if len(parts) > 1 and (
        site is None or parts[-1].strip().lower() == site.lower() or len(parts[-1].split()) <= 4
    ):
        return " - ".join(parts[:-1]).strip() or title.strip()
    return title.strip()


def parse_html(data: bytes) -> Article:
    """Read one HTML page; raise ArticleError when it holds no article text."""
    try:
        text, charset_note = decode_html(data)
        soup = BeautifulSoup(text, "lxml")
    except Exception as err:  # lxml is lenient; this is truly unreadable input
        raise ArticleError(f"cannot parse the HTML: {err}") from None
    if soup.find() is None:
        raise ArticleError("no HTML elements in the file")
    meta = _meta(soup)
    ld = _jsonld(soup)
    html_tag = soup.find("html")
    head_title = soup.title.get_text(" ", strip=True) if soup.title else None
    site = (
        meta.get("og:site_name")
        or _name(ld.get("publisher"))
        or meta.get("application-name")
        or meta.get("twitter:site", "").lstrip("@")
        or None
    )
    title = (
        meta.get("og:title")
        or (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
        or meta.get("twitter:title")
    )
    time_tag = soup.find("time", attrs={"datetime": True})
    published_raw = (
        meta.get("article:published_time")
        or _str(ld.get("datePublished"))
        or meta.get("pubdate")
        or meta.get("publishdate")
        or meta.get("date")
        or meta.get("dc.date.issued")
        or meta.get("dcterms.created")
        or meta.get("dc.date")
        or meta.get("parsely-pub-date")
        or meta.get("sailthru.date")
        or meta.get("og:published_time")
        or _itemprop(soup)
        or (time_tag.get("datetime") if time_tag else None)
    )
    url = _url(
        *(link.get("href") for link in soup.find_all("link", rel="canonical")),
        meta.get("og:url"),
        ld.get("url"),
        ld.get("mainEntityOfPage"),
    )
    author = (
        _name(ld.get("author"))
        or meta.get("author")
        or meta.get("article:author")
        or meta.get("dc.creator")
        or meta.get("parsely-author")
    )
    if author and author.startswith("http"):
        author = None
    lang_attr = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    language = _iso_language(
        lang_attr if isinstance(lang_attr, str) else None,
        meta.get("og:locale"),
        _str(ld.get("inLanguage")),
        meta.get("content-language"),
        meta.get("language"),
    )

    h1 = soup.find("h1")
    h1_text = h1.get_text(" ", strip=True) if h1 else None
    _strip_junk(soup)
    container = _container(soup)
    lines = _lines(container) if container is not None else []
    cleaned = clean_lines(lines, find_title=False)
    body = " ".join(b.text for b in cleaned.blocks if not b.heading)
    if len(body.split()) < 25 and isinstance(ld.get("articleBody"), str):
        paragraphs = [Line(p) for p in re.split(r"\n+", ld["articleBody"]) if p.strip()]
        cleaned = clean_lines(paragraphs, find_title=False)
        body = " ".join(b.text for b in cleaned.blocks if not b.heading)
    if len(body.split()) < 25 or not any(
        b.text.rstrip()[-1:] in '.!?»"”' for b in cleaned.blocks if not b.heading
    ):
        raise ArticleError(
            "no article in the page: no <article>, articleBody or paragraphs "
            "of text were found (is it a home, search or error page?)"
        )
    # the headline, when the page repeats it as its first heading; a paragraph that repeats
    # it is the lead, the one copy of the text left once duplicates are dropped
    if (
        h1_text
        and cleaned.blocks
        and cleaned.blocks[0].heading
        and cleaned.blocks[0].text == h1_text
    ):
        cleaned.blocks.pop(0)
    detected = detect_language(body)
    if detected and language != detected:
        language = detected
    domain = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    today = dt.date.today()
    found = from_metadata(published_raw, language or "en", today)
    if found is None and cleaned.published_text:
        found = from_line(cleaned.published_text, today)
    article = Article(
        blocks=cleaned.blocks,
        raw_text=text,
        format="html",
        title=title or h1_text or _title_from_head(head_title, site),
        outlet=site or cleaned.outlet or agency_in_text(body) or (domain and domain.group(1)),
        author=author or cleaned.author,
        url=url,
        language=language or "fr",
        notes=cleaned.notes,
    )
    article.set_published(found or from_url(url, today))
    if charset_note:
        article.warnings.append(charset_note)
    return article


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(data: bytes) -> tuple[str, str | None]:
    """The page as text, and a note when the charset it declares does not fit its bytes
    (the page is then read in the encoding the bytes do fit, and the editor is told)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    match = _DECLARED.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace").lower() if match else None
    try:
        as_utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    if declared in (None, "utf-8", "utf8"):
        if as_utf8 is not None:
            return as_utf8, None
        note = (
            f"the page declares {declared.upper()} but its bytes are not UTF-8: read as "
            "Windows-1252; check accented letters"
            if declared
            else "the page declares no charset and is not UTF-8: read as Windows-1252"
        )
        return data.decode("cp1252", errors="replace"), note
    try:
        as_declared = data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        if as_utf8 is not None:
            return (
                as_utf8,
                f"the page declares '{declared}', which does not fit its bytes: read as UTF-8",
            )
        return data.decode("cp1252", errors="replace"), (
            f"the page declares '{declared}', which does not fit its bytes: read as "
            "Windows-1252; check accented letters"
        )
    if as_utf8 is not None and not data.isascii():
        return as_utf8, (
            f"the page declares {declared.upper()} but its bytes are UTF-8: read as UTF-8"
        )
    return as_declared, None


def _itemprop(soup: BeautifulSoup) -> str | None:
    """`itemprop="datePublished"` on a meta, time or any tag (content, datetime or text)."""
    tag = soup.find(attrs={"itemprop": re.compile(r"^datePublished$", re.I)})
    if not isinstance(tag, Tag):
        return None
    value = tag.get("content") or tag.get("datetime") or tag.get_text(" ", strip=True)
    return value if isinstance(value, str) and value.strip() else None


def _str(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None
