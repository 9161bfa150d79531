"""The weapons of one incident, from the sentences it was read from.

An attack's weapons are those its sentences name (never an air strike's aircraft); a
strike's are the air weapons, and a drone only when it is the one that struck. "Drone or
rocket attacks" leaves the weapon unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.importer import lexicon as lx

if TYPE_CHECKING:
    from generator.importer.mentions import Reading

_WEAPON_WORD = r"(?:drones?|rockets?|roquettes?|missiles?|mortars?|mortiers?)"
_EITHER_WEAPON = re.compile(rf"\b{_WEAPON_WORD}\s+(?:or|ou)\s+(?:de |d'|par )?{_WEAPON_WORD}")

# "a near-daily barrage of rocket and drone attacks": the campaign's weapons, not an incident's
_CAMPAIGN = re.compile(
    r"\b(?:near-daily|almost daily|daily|nightly|regular|repeated|frequent|quasi-quotidiennes?"
    r"|quasi quotidiennes?|quotidiennes?|regulieres?|repetees?|incessantes?)\s+"
    r"(?:(?:barrage|series|wave|string|campaign|serie|vague) (?:of|d'|de)\s*)?"
    r"(?:[\w'-]+\s+){0,5}?(?:attacks|attaques|tirs|strikes)\b"
)

# a weapon first named, then no longer confirmed
_FIRST_SAID = re.compile(
    r"\b(?:initialement|d'abord|dans un premier temps|initially|at first)\s+"
    r"(?:\w+\s+){0,3}[\"«“]?\s*$"
)


def weapons_of(
    kind: str,
    readings: list[Reading],
    told_at: dict[int, int] | None = None,
    clauses: dict[int, tuple[int, int]] | None = None,
) -> list[str]:
    """The incident's weapons in the schema's order; ["unknown"] (an attack) or
    ["airstrike"] (a strike) when its sentences name none. `told_at` gives where the
    incident is mentioned in a sentence (0 when it is only added to), `clauses` the clause
    of a sentence that lists several incidents (its weapons only)."""
    found: list[str] = []
    for r in readings:
        folded = r.folded
        start, end = (clauses or {}).get(r.index, (0, len(folded)))
        # "drone or rocket attacks", "a near-daily barrage of rocket and drone attacks"
        unsure = [e.span() for e in _EITHER_WEAPON.finditer(folded)]
        unsure += [c.span() for c in _CAMPAIGN.finditer(folded)]
        # "... following a rocket strike on al-Asad air base": the weapons of the event recalled
        recalled = lx.RECALLED_AFTER.search(folded, (told_at or {}).get(r.index, 0))
        for weapon, pattern in lx.WEAPONS:
            for m in pattern.finditer(folded):
                if recalled is not None and m.start() >= recalled.end():
                    continue
                if not start <= m.start() < end:
                    continue  # another clause's incident
                if any(a <= m.start() < b for a, b in unsure):
                    continue  # which one, or whether this incident's, is not known
                if _FIRST_SAID.search(folded[max(0, m.start() - 40) : m.start()]):
                    continue  # "après avoir initialement évoqué des missiles balistiques"
                if kind == "strike":
                    allowed = weapon in lx.STRIKE_WEAPONS or (
                        weapon == "drone" and _striking_drone(folded, m.start())
                    )
                    if not allowed or lx.TARGET_WEAPON.search(
                        folded[max(0, m.start() - 60) : m.start()]
                    ):
                        continue
                elif weapon in ("airstrike", "gunship"):
                    continue
                found.append(weapon)
    order = [w for w, _ in lx.WEAPONS]
    unique = sorted(set(found), key=order.index)
    if not unique:
        return ["airstrike"] if kind == "strike" else ["unknown"]
    if "gunship" in unique and "airstrike" in unique:
        unique.remove("airstrike")  # the AC-130 is the platform: kept, not generalised
    return unique


def _striking_drone(folded: str, at: int) -> bool:
    """Is the drone named at `at` the one a US or coalition strike was made with?"""
    if lx.US_DRONE_STRIKE.search(folded):
        return True
    return any(
        d.start() <= at < d.end() and not _on_us(folded[d.end() : d.end() + 60])
        for d in lx.DRONE_STRIKE.finditer(folded)
    )


def _on_us(after: str) -> bool:
    """US forces named right after the drone strike, in its clause ('a drone strike on US
    troops'), not in the next ('a drone strike in Iraq on Dec. 3, as the American troops
    there continue to be targeted')."""
    us = lx.US.search(after)
    return us is not None and not re.search(
        r",\s*(?:as|while|when|alors que|tandis que)\b", after[: us.start()]
    )


__all__ = ["weapons_of"]
