"""Sentence segmentation that keeps every character: a sentence is a span of its block.

Splits after . ! ? … (and a closing quote or bracket) before an upper-case letter, a
digit or an opening quote; not after common abbreviations (M., Mme, U.S., Gen., Dec.) or
initials. A closing quote glued to the next sentence ("…d'attaque »Ces combattants"), a
pasting accident, also ends a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "me",
    "st",
    "ste",
    "mr",
    "mrs",
    "ms",
    "messrs",
    "gen",
    "lt",
    "col",
    "sgt",
    "maj",
    "capt",
    "cpt",
    "adm",
    "cmdr",
    "sen",
    "rep",
    "gov",
    "pres",
    "no",
    "nos",
    "vol",
    "art",
    "fig",
    "p",
    "pp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janv",
    "fevr",
    "avr",
    "juil",
    "env",
    "cf",
    "etc",
    "vs",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "mgr",
    "av",
    "bd",
    "ca",
}
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+[\"'»”’)\]]*)(?P<space>\s+)(?=[\"«“(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])"
    r"|(?P<glued>[»”])(?=[A-ZÀ-ÖØ-Þ])"
)


@dataclass(frozen=True)
class Sentence:
    block: int  # index of the article block
    start: int
    end: int
    text: str
    heading: bool = False


def _abbreviation(text: str, dot: int) -> bool:
    """Is the period at `dot` the end of an abbreviation or an initial?"""
    word = re.search(r"([\w.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1)
    if "." in token:  # U.S, U.N, a.m
        return True
    lower = token.lower()
    if lower in _ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isupper()  # an initial: "Antony J. Blinken"


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; together they cover all non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group("glued"):
            cut = match.end()
        else:
            if (
                match.group("end").startswith(".")
                and len(match.group("end")) == 1
                and _abbreviation(text, match.start("end"))
            ):
                continue
            cut = match.end("end")
        if text[start:cut].strip():
            spans.append((start, cut))
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(blocks: list[tuple[str, bool]]) -> list[Sentence]:
    """Sentences of a list of (block text, is heading), in reading order."""
    out: list[Sentence] = []
    for index, (text, heading) in enumerate(blocks):
        if heading:
            out.append(Sentence(index, 0, len(text), text, True))
            continue
        for start, end in split(text):
            out.append(Sentence(index, start, end, text[start:end]))
    return out
