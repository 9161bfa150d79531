"""Bilingual summaries of a draft, from its fields (a starting point for the editor)."""

from __future__ import annotations

from typing import Any

from generator.importer.extract import DraftIncident
from generator.importer.gazetteer import Gazetteer
from generator.model import Range

_ATTACK_FR = {
    "drone": "de drone",
    "rocket": "à la roquette",
    "ballistic-missile": "au missile balistique",
    "cruise-missile": "au missile de croisière",
    "mortar": "au mortier",
    "ied": "à l'engin explosif improvisé",
    "small-arms": "aux armes légères",
}
_ATTACK_EN = {
    "drone": "Drone",
    "rocket": "Rocket",
    "ballistic-missile": "Ballistic-missile",
    "cruise-missile": "Cruise-missile",
    "mortar": "Mortar",
    "ied": "IED",
    "small-arms": "Small-arms",
}
_STRIKE_FR = {
    "airstrike": "Frappe aérienne",
    "gunship": "Frappe d'un avion d'appui (AC-130)",
    "cruise-missile": "Frappe au missile de croisière",
    "drone": "Frappe de drone",
}
_STRIKE_EN = {
    "airstrike": "Airstrike",
    "gunship": "Gunship strike",
    "cruise-missile": "Cruise-missile strike",
    "drone": "Drone strike",
}
_STATUS_FR = {
    "confirmed": "confirmée par la partie visée ou par celle qui a frappé",
    "claimed": "seulement revendiquée",
    "reported": "rapportée, sans confirmation ni revendication",
    "disputed": "contestée ou non confirmée",
}
_STATUS_EN = {
    "confirmed": "confirmed by the side targeted or the side that struck",
    "claimed": "only claimed",
    "reported": "reported, neither confirmed nor claimed",
    "disputed": "disputed or not confirmed",
}


def _count(r: Range, fr: bool) -> str | None:
    if r.min is None and r.max is None:
        return None
    if r.min == r.max:
        return str(r.min)
    if r.max is None:
        return f"au moins {r.min}" if fr else f"at least {r.min}"
    if r.min is None:
        return f"jusqu'à {r.max}" if fr else f"up to {r.max}"
    return f"{r.min} à {r.max}" if fr else f"{r.min} to {r.max}"


def _casualties(d: DraftIncident, fr: bool) -> str:
    if d.killed == Range(0, 0) and d.injured == Range(0, 0):
        return "Aucune victime." if fr else "No casualties."
    parts = []
    killed, injured = _count(d.killed, fr), _count(d.injured, fr)
    if killed:
        parts.append(f"{killed} {'tué(s)' if fr else 'killed'}")
    if injured:
        parts.append(f"{injured} {'blessé(s)' if fr else 'injured'}")
    if not parts:
        return "Bilan non précisé." if fr else "Casualties not reported."
    return ("Bilan : " if fr else "Casualties: ") + ", ".join(parts) + "."


def _place(d: DraftIncident, fr: bool) -> str:
    p = d.place
    if p.base:
        return p.name_fr if fr else p.name_en
    return p.name_fr if fr else p.name_en


def _actor(gaz: Gazetteer, actor_id: str, lang: str) -> str:
    actor: dict[str, Any] = gaz.actors.get(actor_id, {})
    return actor.get("names", {}).get(lang) or actor.get("name") or actor_id


def summary(d: DraftIncident, gaz: Gazetteer) -> dict[str, str]:
    """{"fr": ..., "en": ...}: what, where, toll, who claimed, how sure; marked as a draft."""
    texts = {}
    for lang in ("fr", "en"):
        fr = lang == "fr"
        weapons = [w for w in d.weapons if w != "unknown"]
        if d.kind == "attack":
            table = _ATTACK_FR if fr else _ATTACK_EN
            if fr:
                how = " et ".join(table[w] for w in weapons if w in table)
                head = (
                    f"Attaque {how}".strip() + " contre les forces américaines ou de la "
                    f"coalition — {_place(d, fr)}."
                )
            else:
                how = " and ".join(table[w] for w in weapons if w in table)
                head = (
                    f"{how} attack" if how else "Attack"
                ) + f" on US or coalition forces — {_place(d, fr)}."
        else:
            table = _STRIKE_FR if fr else _STRIKE_EN
            what = " ; ".join(table[w] for w in weapons if w in table) or (
                "Frappe" if fr else "Strike"
            )
            head = (
                f"{what} américaine ou de la coalition — {_place(d, fr)}."
                if fr
                else f"US or coalition {what[0].lower() + what[1:]} — {_place(d, fr)}."
            )
        parts = [head, _casualties(d, fr)]
        if d.claimed_by and d.kind == "attack":
            names = ", ".join(_actor(gaz, a, lang) for a in d.claimed_by)
            parts.append(f"Revendiquée par : {names}." if fr else f"Claimed by: {names}.")
        if d.attributed_to:
            names = ", ".join(_actor(gaz, a, lang) for a in d.attributed_to)
            parts.append(f"Imputée à : {names}." if fr else f"Blamed on: {names}.")
        status = (_STATUS_FR if fr else _STATUS_EN)[d.status]
        parts.append(f"Statut : {status}." if fr else f"Status: {status}.")
        parts.append(
            "*Brouillon généré par `chronology import` : à relire.*"
            if fr
            else "*Draft generated by `chronology import`: review it.*"
        )
        texts[lang] = " ".join(parts)
    return texts
