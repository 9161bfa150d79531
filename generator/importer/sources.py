"""Who tells an incident, and the status that gives it.

The schema's status: `confirmed` when the US, the coalition or the force struck says it
(a US official, Centcom, or US troops' own losses), `claimed` when only a claim supports
it, `reported` otherwise: the account comes from others (Iraqi security sources, a monitor, a
television channel), or a claim is backed by another source's report, or the article names
no source at all (silence confirms nothing).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.importer import lexicon as lx

if TYPE_CHECKING:
    from generator.importer.mentions import Reading

# US or coalition troops killed or hurt: the force struck tells its own losses
_US_TROOPS = (
    r"(?:(?:soldats?|militaires?|troupes|membres? du service|personnels?|contractuels)"
    r" (?:de l'armee )?(?:americaine?s?|us|de la coalition)"
    r"|(?:us|u\.s\.|american|coalition) (?:troops|soldiers|service ?members|servicemen"
    r"|service personnel|personnel|forces|contractors)|americans|personnel americain)\b"
)
_HURT = (
    r"(?:tue|tues|tuee?s?|blesse|blesses|blessee?s?|trouve la mort|coute la vie|killed"
    r"|wounded|injured"
    r"|injury|injuries|hurt|traumatic)\b"
)
_US_LOSSES = re.compile(
    rf"\b{_US_TROOPS}(?=[^.;]{{0,100}}\b{_HURT})"
    rf"|\b(?:tuant|blessant|killing|wounding|injuring|{_HURT}) (?:[\w.']+ ){{0,4}}?"
    rf"{_US_TROOPS}"
)
_NOT = re.compile(r"\b(?:no|not|none|aucun\w*|sans|without|ni)\b|n'")

# sources that are neither the US nor the coalition, named as telling the event
_OTHER_SOURCE = re.compile(
    r"\bsources? (?:securitaires?|locales?|militaires? irakiennes?|irakiennes?|kurdes?"
    r"|medicales?|policieres?)\b|\b(?:security|local|army|police|medical|iraqi|kurdish"
    r"|military) (?:sources?|officials?)\b|\bresponsables? (?:securitaires?|irakiens?"
    r"|kurdes?|locaux|de la securite|de la police|des services de securite)\b"
    r"|\bforces de securite irakiennes\b|\biraqi security forces\b|\bantiterroris\w*"
    r"|\banti-terroris\w*|\bcounter-?terror\w*|\bosdh\b|\bobservatoire syrien\b"
    r"|\bsyrian observatory\b|\bsohr\b|\bmonitor\b|\bong\b|\bngo\b|\bal[- ]mayadeen\b"
    r"|\btelevision\b|\bchaine\b|\bchannel\b|\bsdf\b|\bfds\b"
)
# "the official said", "les deux responsables ont déclaré": the speaker named before
_BARE_OFFICIAL = re.compile(
    r"\b(?:the|these|both|two|three|les|ces|deux|trois|l'|le|cet) ?(?:officials?|officiel"
    r"|responsables?)\b(?! (?:irak|iraq|kurd|syri|locaux|local|securit|security|de la "
    r"securite|du ministere|des services))"
)
_OFFICIAL_WORD = re.compile(r"\b(?:officials?|officiel|responsables?|porte-parole|spokes\w+)\b")


# "the group behind the drone strike that killed U.S. troops in Jordan"
_RECALLS = re.compile(
    lx.RECALLED_AFTER.pattern + r"|\b(?:behind|derriere|responsible for|responsables? de)\s"
)


def us_losses(folded: str) -> bool:
    """'trois soldats américains ont été tués', not 'no U.S. troops were hurt', nor the
    losses of an event recalled ('à la suite d'une attaque qui a tué trois soldats')."""
    for m in _US_LOSSES.finditer(folded):
        if _NOT.search(folded[max(0, m.start() - 25) : m.end() + 80]):
            continue
        if _RECALLS.search(folded[max(0, m.start() - 60) : m.start()]):
            continue
        return True
    return False


def other_source(folded: str) -> bool:
    """Does the sentence give the account of a source other than the US or coalition?"""
    return bool(_OTHER_SOURCE.search(folded) and lx.SPEECH.search(folded))


def carry_speakers(readings: list[Reading | None]) -> None:
    """'The official said' speaks for the official named last: a US one makes the
    sentence told by the US (for its status; it is no longer another source's)."""
    last_official: Reading | None = None
    for r in readings:
        if r is None:
            continue
        if (
            not r.us_speaker
            and last_official is not None
            and last_official.us_speaker
            and r.index - last_official.index <= 5
            and _BARE_OFFICIAL.search(r.folded)
            and lx.SPEECH.search(r.folded)
        ):
            r.us_told = True
            r.other_source = False
        elif _goes_on(r, last_official):
            r.us_told = True  # the next sentence of a US official's account, no source of its own
        if _OFFICIAL_WORD.search(r.folded):
            last_official = r


def _goes_on(r: Reading, last_official: Reading | None) -> bool:
    """'U.S. defense officials say. ... In the latest attack on Monday, drones were
    launched at X.': a sentence that names no source, right after a US official's."""
    return (
        last_official is not None
        and (last_official.us_speaker or last_official.us_told)
        and 0 < r.index - last_official.index <= 2
        and not r.us_speaker
        and not r.other_source
        and not r.claim
        and not lx.SPEECH.search(r.folded)
    )


def status(readings: list[Reading], kind: str, claimed: list[str]) -> str:
    """The status of one incident from the sentences it was read from."""
    if any(r.denial for r in readings):
        return "disputed"
    if any(r.us_speaker or r.us_told for r in readings):
        return "confirmed"
    if kind == "strike":
        state = {"united-states", "international-coalition"}
        # no one but the state that struck claims a strike: without it, others report it
        return "confirmed" if state & set(claimed) else "reported"
    if any(r.us_losses for r in readings):
        return "confirmed"  # the force struck tells its own losses
    if claimed and not any(r.other_source for r in readings):
        return "claimed"
    return "reported"


__all__ = ["carry_speakers", "other_source", "status", "us_losses"]
