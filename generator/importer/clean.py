"""Line-level cleaning shared by the HTML and text readers.

Pasted articles carry photo credits, repeated headlines, the body pasted twice, share
buttons, comment boxes, "Lire aussi" teasers, bylines and lines in another script. Each
rule below removes whole lines only, so a sentence of the article is never cut.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.importer.article import Block
from generator.importer.fold import fold

_END = re.compile(r"[.!?…][\"'»”’)\]]*\s*$")
_SPACES = re.compile(r"\s+")

_SHARE_WORDS = {
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "pinterest",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "partager",
    "share",
    "tweet",
    "tweeter",
    "imprimer",
    "print",
    "reddit",
    "telegram",
    "messenger",
    "flipboard",
    "bluesky",
    "threads",
    "copier",
    "copy",
    "link",
    "lien",
    "le",
    "envoyer",
    "send",
    "sur",
    "on",
    "this",
    "article",
    "cet",
    "par",
    "by",
}
_BOILERPLATE = re.compile(
    r"^(?:"
    r"leave a (?:comment|reply)|laisser un commentaire|laissez un commentaire"
    r"|\d+\s+(?:commentaires?|comments?|reactions?)|(?:commentaires?|comments?)(?: en ligne)?"
    r"|(?:afficher|voir) (?:tous )?les commentaires|view (?:all )?comments|show comments"
    r"|notification pour|notify of|guest|invite|s'abonner|subscribe|abonnez-vous.*"
    r"|se connecter|connexion|log ?in|sign (?:in|up)|register|reply|repondre"
    r"|.*\bakismet\b.*|suivez la couverture complete|suivez-nous.*|follow us.*"
    r"|.*\bnewsletters?\b.*|inscrivez-vous.*|deja abonne.*|already a subscriber.*"
    r"|publicite|advertisement|advertising|sponsored|contenu sponsorise|annonce"
    r"|lire la suite|read more|en savoir plus|learn more|continue reading"
    r"|[-–—•*|·_=~]+|partager (?:sur|cet article|l'article).*|share (?:on|this).*"
    r"|retour en haut.*|back to top|cet article vous a plu.*|la suite est reservee.*"
    r"|il vous reste \d+ ?% .*|vous avez lu .*articles?.*|you have \d+ free articles?.*"
    r"|(?:tags?|mots-cles|themes?|topics?)\s*:.*|ecouter cet article|listen to this article"
    r"|temps de lecture.*|reading time.*|\d+ min(?:utes?)? de lecture|\d+ min read"
    r"|(?:additional )?(?:reporting|writing|editing|compiled) by .*|our standards:.*"
    r"|.*\bcontributed to this report\b.*|copyright \d{4}.*|all rights reserved.*"
    r"|you must be logged in.*|vous devez etre connecte.*|connectez-vous.*|log in to .*"
    r"|share this:?|partager (?:via|par) ?:?.*"
    r")[\s.!:]*$"
)
_COMMENT_POLICY = re.compile(
    r"comment.*(?:retirer|moder|charte|injurieu|diffamatoire|antisemite|raciste|regles"
    r"|policy|guidelines|moderat)"
)
_READ_ALSO = re.compile(
    r"^(?:a lire aussi|lire aussi|a lire egalement|lire egalement|voir aussi|a voir aussi"
    r"|read more|read also|see also|also read|related(?: articles?| stories| content)?"
    r"|more on this(?: story)?|sur le meme sujet|dans la meme rubrique|a lire|a voir"
    r"|recommended|recommande)\b\s*[:>»\-–]?\s*(?P<rest>.*)$"
)
_PHOTO = re.compile(
    r"^(?:©|\(c\)|copyright|photo|photos|credit|credits|image|images|illustration|video"
    r"|afp photo|reuters photo|getty)\b"
)
_AGENCY_PHOTO = re.compile(r"\b(?:afp|reuters|ap|getty(?: images)?|epa|anadolu|xinhua)\b")
_AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "anadolu": "Anadolu",
    "ansa": "ANSA",
    "dpa": "dpa",
    "efe": "EFE",
    "xinhua": "Xinhua",
}
_AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))
_WITH_AGENCY = re.compile(
    rf"^(?P<author>.+?),?\s+(?:avec|with|et|and|pour|for)\s+(?:l')?"
    rf"(?P<outlet>{_AGENCY_NAMES}|agences)\b\W*$"
)
_BY = re.compile(
    r"^(?:par|by)\s+(?P<author>.+?)(?:\s*[-,/]\s*(?P<outlet>" + _AGENCY_NAMES + r"))?\W*$"
)
_SITE = re.compile(
    r"^(?:www\.)?(?P<site>[a-z0-9-]+\.(?:fr|com|net|org|info|ca|be|ch|co\.uk|news"
    r"|io|tv))\b(?:\s+(?:avec|with|et|and|pour|-)\s+.*)?$"
)
_PUBLISHED = re.compile(
    r"^(?:publie|published|mis en ligne|posted|date)\b(?: le| on)?\s*:?\s*"
    r"(?P<when>.+)$"
)
_UPDATED = re.compile(r"^(?:mis a jour|modifie|updated|last updated)\b")


def normal(text: str) -> str:
    """The key under which two lines count as the same line."""
    return _SPACES.sub(" ", fold(text)).strip(" .")


def ends_sentence(text: str) -> bool:
    return bool(_END.search(text))


def headline_like(text: str) -> bool:
    """A heading or headline: short and without the final punctuation of a sentence."""
    words = len(text.split())
    if ends_sentence(text):
        return words <= 8 and text.rstrip("\"'»”’) ").endswith(("?", "!")) and " ?" in text[-3:]
    return words <= 25


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)
    return latin / len(letters)


@dataclass
class Line:
    text: str
    heading: bool | None = None  # from the HTML tag; None: decide from the text


@dataclass
class Cleaned:
    blocks: list[Block]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_text: str | None = None
    notes: list[str] = field(default_factory=list)


def credit(text: str) -> tuple[str | None, str | None] | None:
    """(outlet, author) when the line is a byline or an agency/site credit, else None."""
    if len(text.split()) > 14 or ends_sentence(text) and not text.rstrip().endswith(")"):
        return None
    text = text.strip()
    folded = fold(text)
    if normal(text).strip("() ") in _AGENCIES:
        return _AGENCIES[normal(text).strip("() ")], None
    if match := _WITH_AGENCY.match(folded):
        author = text[match.start("author") : match.end("author")].strip(" ,")
        agency = _AGENCIES.get(match.group("outlet"), "agences")
        return agency, author or None
    if match := _BY.match(folded):
        author = text[match.start("author") : match.end("author")].strip(" ,")
        outlet = _AGENCIES.get(match.group("outlet") or "")
        return outlet, author
    if match := _SITE.match(folded):
        site = text.strip().split()[0]
        site = site[4:] if site.lower().startswith("www.") else site
        return site, None
    return None


# "AFP , AP , Wednesday 22 Nov 2023": the credits before a date line
CREDITS = re.compile(r"^(?:[a-z][a-z.]{1,9}\s*[,|/]\s*)+(?=\w)")
_DATE_LINE_START = re.compile(
    r"^(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d"
    r"|(?:\w+,? )?[a-z]{3,9}\.? \d{1,2},? (?:19|20)\d\d"
    r"|(?:\w+ )?\d{1,2}(?:er)? [a-z]{3,9}\.? (?:19|20)\d\d)\b"
)


def _byline_date(text: str) -> bool:
    from generator.importer.published import byline_date  # published.py reads dates.py

    return byline_date(text) is not None


def date_line(text: str) -> bool:
    """A short line that is a date (and time, byline) under a headline, not a sentence."""
    if len(text) > 120:
        return False
    folded = CREDITS.sub("", normal(text), count=1)
    if not _DATE_LINE_START.match(folded):
        return False
    from generator.importer.published import from_line  # published.py reads dates.py

    rest = _DATE_LINE_START.sub("", folded, count=1)
    return len(rest.split()) <= 8 and from_line(text, dt.date.max) is not None


def is_boilerplate(text: str) -> bool:
    folded = normal(text)
    if not folded:
        return True
    if _BOILERPLATE.match(folded) or _COMMENT_POLICY.search(folded) and len(folded) < 300:
        return True
    words = re.findall(r"[\w-]+", folded)
    return bool(words) and all(w in _SHARE_WORDS for w in words) and len(words) <= 12


def is_photo_credit(text: str) -> bool:
    folded = normal(text)
    if len(folded.split()) > 16:
        return False
    if _PHOTO.match(folded):
        return True
    return "/" in folded and bool(_AGENCY_PHOTO.search(folded)) and not ends_sentence(text)


def clean_lines(lines: list[Line], *, find_title: bool) -> Cleaned:
    """Keep the article's paragraphs and headings, in order, and nothing else."""
    out = Cleaned(blocks=[])
    removed = {"duplicate": 0, "boilerplate": 0, "credit": 0, "script": 0, "teaser": 0}
    seen: set[str] = set()
    skip_teasers = 0
    main_latin = _latin_share(" ".join(line.text for line in lines)) >= 0.5
    candidates: list[int] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        key = normal(text)
        if skip_teasers:
            if headline_like(text) and not ends_sentence(text):
                removed["teaser"] += 1
                skip_teasers -= 1
                continue
            skip_teasers = 0
        if key in seen:
            removed["duplicate"] += 1
            continue
        if main_latin and _latin_share(text) < 0.5:
            removed["script"] += 1
            continue
        if match := _READ_ALSO.match(key):
            if not match.group("rest"):
                skip_teasers = 2
            removed["teaser"] += 1
            continue
        if (published := _PUBLISHED.match(fold(text))) and len(key) < 80:
            out.published_text = out.published_text or text[published.start("when") :]
            continue
        if _UPDATED.match(key) and len(key) < 80:
            continue
        if len(out.blocks) <= 3 and date_line(text):
            out.published_text = out.published_text or text
            continue
        if len(out.blocks) <= 3 and len(key) < 120 and _byline_date(text):
            out.published_text = out.published_text or text
            continue
        if is_photo_credit(text):
            agency = _AGENCIES.get(normal(text).lstrip("©(c) ").strip())
            out.outlet = out.outlet or agency
            removed["credit"] += 1
            continue
        if (found := credit(text)) is not None:
            outlet, author = found
            out.outlet = out.outlet or outlet
            out.author = out.author or author
            removed["credit"] += 1
            continue
        if is_boilerplate(text):
            removed["boilerplate"] += 1
            continue
        seen.add(key)
        heading = line.heading if line.heading is not None else headline_like(text)
        if (
            find_title
            and out.title is None
            and heading
            and len(candidates) <= 1
            and len(text.split()) >= 4
        ):
            out.title = text
            continue
        candidates.append(len(out.blocks))
        out.blocks.append(Block(text, heading))
    if out.title:
        title_key = normal(out.title)
        out.blocks = [b for b in out.blocks if normal(b.text) != title_key]
    out.notes = [
        f"{n} {what} line{'s' if n > 1 else ''} dropped" for what, n in removed.items() if n
    ]
    return out


_FR = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "est",
    "une",
    "dans",
    "pour",
    "sur",
    "aux",
    "que",
    "qui",
    "été",
    "ont",
    "par",
    "avec",
    "selon",
    "il",
    "elle",
    "pas",
    "ces",
    "sont",
}
_EN = {
    "the",
    "of",
    "and",
    "to",
    "is",
    "was",
    "were",
    "for",
    "that",
    "with",
    "by",
    "said",
    "has",
    "have",
    "from",
    "after",
    "it",
    "its",
    "they",
    "this",
    "are",
    "been",
    "which",
}


def detect_language(text: str) -> str | None:
    """'fr' or 'en' from function words; None when neither is clearly there."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    if fr + en < 5:
        return None
    return "fr" if fr >= en else "en"


_TOLD = re.compile(
    r"(?:\b(?:a l'|a |told |to |told the |selon l'|according to )|\()(afp|reuters"
    r"|ap|associated press|agence france-presse)\b"
)


def agency_in_text(text: str) -> str | None:
    """The agency the article's sources spoke to ('a indiqué à l'AFP'), a fair outlet guess."""
    match = _TOLD.search(fold(text))
    return _AGENCIES.get(match.group(1)) if match else None
