"""A draft's evidence (the contract of issue 14): which quote supports which field, and
why the importer says what no quote states.

`quotes` is the draft's main quote, then as few other sentences of the article as are
needed for the fields the main quote does not state, each with `supports: [FIELD...]`.
`basis` explains every field with a value that no quote supports, or whose value the
importer inferred (a weekday counted from the publication date, a place narrowed by the
gazetteer, "several" read as at least 2), in French and English, for the editor.
The tests are deliberately plain (words and names present in the quoted text): a field a
quote is said to support can be checked by reading the quote.
"""

from __future__ import annotations

import re
from typing import Any

from generator.importer import lexicon as lx
from generator.importer.extract import DraftIncident
from generator.importer.fold import fold
from generator.importer.gazetteer import Gazetteer

FIELDS = (
    "date",
    "place",
    "kind",
    "weapons",
    "killed",
    "injured",
    "claimed_by",
    "attributed_to",
    "status",
)
_KILLED = re.compile(r"\b(?:tue|tues|tuee|tuant|mort|morts|deces|killed|killing|dead|died|death)")
_INJURED = re.compile(r"\b(?:bless|injur|wound|hurt|lesion|trauma)")
_NONE = re.compile(
    r"\bsans faire de (?:victime|blesse|mort)|\baucun(?:e)? (?:victime|blesse)|\bno "
    r"(?:casualt|injur|one was (?:hurt|injured))|\bwithout (?:causing )?(?:casualt|injur)"
)
_ATTRIBUTE = re.compile(r"\b(?:attribu|imput|accus|blam|responsab|responsib)")
_SAID = re.compile(
    r"\b(?:a (?:indique|declare|annonce|affirme|precise|confirme|rapporte)|selon|said|says|"
    r"according to|announced|confirmed|told|reported|statement|communique)"
)
_VERB = re.compile(
    r"\b(?:attaqu|vise|cibl|frapp|tir|lanc|bombard|raid|attack|target|struck|strike|fired|"
    r"launch|hit|bomb)"
)


def _printed(note: str) -> str | None:
    """The date expression a date note quotes ('mercredi' in "'mercredi' read as ...")."""
    m = re.search(r"'([^']{2,60})'", note)
    return m.group(1) if m else None


def _names(draft: DraftIncident, gaz: Gazetteer) -> list[str]:
    place = draft.place
    names = [place.name_fr, place.name_en, place.admin1 or ""]
    if place.base and place.base in gaz.bases:
        base = gaz.bases[place.base]
        names += [base.get("name", ""), *base.get("aliases", []), *base.get("names", {}).values()]
    return [fold(str(n)) for n in names if n and "(" not in str(n)]


def supported(draft: DraftIncident, text: str, gaz: Gazetteer) -> list[str]:
    """The fields `text` states for this draft."""
    folded = fold(text)
    out: list[str] = []
    printed = _printed(draft.date_note or "")
    if printed and fold(printed) in folded:
        out.append("date")
    if any(name and name in folded for name in _names(draft, gaz)):
        out.append("place")
    if _VERB.search(folded):
        out.append("kind")
    if any(
        pattern.search(folded)
        for weapon, pattern in lx.WEAPONS
        if weapon in draft.weapons and weapon != "unknown"
    ):
        out.append("weapons")
    nobody = bool(_NONE.search(folded))
    if draft.killed.known and (_KILLED.search(folded) or nobody):
        out.append("killed")
    if draft.injured.known and (_INJURED.search(folded) or nobody):
        out.append("injured")
    if draft.claimed_by and lx.CLAIM.search(folded):
        out.append("claimed_by")
    if draft.attributed_to and _ATTRIBUTE.search(folded):
        out.append("attributed_to")
    if _SAID.search(folded) or lx.CLAIM.search(folded):
        out.append("status")
    return out


_COALITION_SPEAKER = re.compile(
    r"\b(?:coalition (?:official|spokes\w*)|responsable de la coalition)"
)


def speaker(text: str) -> str | None:
    """Who a passage quotes, when it is one of the forces (said_by of the contract)."""
    folded = fold(text)
    if _COALITION_SPEAKER.search(folded):
        return "international-coalition"
    if lx.US_SPEAKER.search(folded):
        return "united-states"
    return None


def _quote(draft: DraftIncident, text: str, gaz: Gazetteer) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text, "supports": supported(draft, text, gaz)}
    said = speaker(text)
    if said and "status" in out["supports"]:
        out["said_by"] = said
    return out


def quotes_of(draft: DraftIncident, sentences: list[str], gaz: Gazetteer) -> list[dict[str, Any]]:
    """The main quote, then the sentences that add the fields it does not state."""
    quotes = [_quote(draft, draft.quote, gaz)]
    covered = set(quotes[0]["supports"])
    for sentence in sentences:
        if sentence in draft.quote:
            continue
        quote = _quote(draft, sentence, gaz)
        new = [f for f in quote["supports"] if f not in covered]
        forced = "said_by" in quote and not any("said_by" in q for q in quotes)
        if new and (set(new) - {"kind", "status"} or forced):
            quote["supports"] = new
            if "status" not in new:
                quote.pop("said_by", None)
            quotes.append(quote)
            covered |= set(new)
    return quotes


def _has_value(draft: DraftIncident, name: str) -> bool:
    return {
        "date": True,
        "place": True,
        "kind": True,
        "weapons": draft.weapons != ["unknown"],
        "killed": draft.killed.known,
        "injured": draft.injured.known,
        "claimed_by": bool(draft.claimed_by),
        "attributed_to": bool(draft.attributed_to),
        "status": True,
    }[name]


def basis_of(draft: DraftIncident, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Why the importer gives the fields no quote states, or states only in part."""
    covered = {f for q in quotes for f in q["supports"]}
    out: dict[str, Any] = {}
    inferred_date = draft.date_precision != "day" or "publication" in (draft.date_note or "")
    if inferred_date or "date" not in covered:
        out["date"] = {
            "how": "inferred",
            "note": {
                "fr": "Date déduite par l'importation : " + (draft.date_note or "sans note"),
                "en": "Date worked out by the import: " + (draft.date_note or "no note"),
            },
        }
    if "place" not in covered or draft.place.precision == "country":
        out["place"] = {
            "how": "inferred",
            "note": {
                "fr": f"Lieu retenu par l'importation : {draft.place.name_fr} (à vérifier).",
                "en": f"Place chosen by the import: {draft.place.name_en} (check it).",
            },
        }
    for name in ("weapons", "killed", "injured", "claimed_by", "attributed_to"):
        if _has_value(draft, name) and name not in covered:
            out[name] = {
                "how": "inferred",
                "note": {
                    "fr": "Valeur tirée d'une autre phrase de l'article ou de son contexte.",
                    "en": "Value taken from another sentence of the article or its context.",
                },
            }
    if draft.casualty_note and ("killed" in covered or "injured" in covered):
        for name in ("killed", "injured"):
            if _has_value(draft, name) and name not in out:
                value = getattr(draft, name)
                if value.max is None and value.min is not None:
                    out[name] = {
                        "how": "inferred",
                        "note": {
                            "fr": f"Au moins {value.min} : {draft.casualty_note}",
                            "en": f"At least {value.min}: {draft.casualty_note}",
                        },
                    }
    for name in FIELDS:  # every field the draft asserts has a quote or a basis
        if _has_value(draft, name) and name not in covered and name not in out:
            out[name] = {
                "how": "inferred",
                "note": {
                    "fr": "Déduit par l'importation de l'ensemble de l'article ; à vérifier.",
                    "en": "Worked out by the import from the article as a whole; check it.",
                },
            }
    return out


def status_of(draft: DraftIncident, quotes: list[dict[str, Any]]) -> str:
    """The contract's status: 'confirmed' only with a passage a force said."""
    if draft.status == "confirmed" and not any(
        "said_by" in q and "status" in q["supports"] for q in quotes
    ):
        return "reported"
    if draft.status == "claimed" and not any("claimed_by" in q["supports"] for q in quotes):
        return "reported"
    return draft.status


__all__ = ["FIELDS", "basis_of", "quotes_of", "speaker", "status_of", "supported"]
