"""Valid record data -> the model (generator.model): nothing here checks, everything here builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator import fields, model
from generator.files import relative
from generator.records import evidence
from generator.records.cache import ParsedFile


def bases_and_actors(
    bases_raw: dict[str, Any], actors_raw: dict[str, Any]
) -> tuple[dict[str, model.Base], dict[str, model.Actor]]:
    bases = {
        k: model.Base(
            id=k,
            name=b["name"],
            names=b.get("names", {}),
            aliases=tuple(b.get("aliases", ())),
            country=b["country"],
            admin1=b.get("admin1"),
            lat=b["lat"],
            lon=b["lon"],
            description=b.get("description", {}),
        )
        for k, b in bases_raw.items()
    }
    actors = {
        k: model.Actor(
            id=k,
            names=a.get("names") or {"fr": a["name"], "en": a["name"]},
            aliases=tuple(a.get("aliases", ())),
            description=a.get("description", {}),
        )
        for k, a in actors_raw.items()
    }
    return bases, actors


def incident(
    parsed: ParsedFile,
    content: Path,
    bases: dict[str, model.Base],
    actors: dict[str, model.Actor],
) -> model.Incident:
    r = parsed.data
    loc = r.get("location")
    casualties = r["casualties"]
    return model.Incident(
        id=r["id"],
        date=dt.date.fromisoformat(r["date"]),
        date_precision=r["date_precision"],
        date_note=r.get("date_note"),
        kind=r["kind"],
        weapons=tuple(r["weapons"]),
        base=bases[r["base"]] if r.get("base") else None,
        location=evidence.location(loc) if loc else None,
        killed=model.Range(**casualties["killed"]),
        injured=model.Range(**casualties["injured"]),
        casualty_note=casualties.get("note"),
        claimed_by=tuple(actors[a] for a in r["claimed_by"]),
        attributed_to=tuple(actors[a] for a in r.get("attributed_to", [])),
        status=r["status"],
        summary=r["summary"],
        sources=tuple(evidence.source(s) for s in r["sources"]),
        corrections=tuple(
            model.Correction(c["date"], c.get("kind", "correction"), c["text"])
            for c in r.get("corrections", [])
        ),
        retracted=model.Retraction(r["retracted"]["date"], r["retracted"]["reason"])
        if r.get("retracted")
        else None,
        file=relative(parsed.path, content),
        extra={f.name: r[f.name] for f in fields.plain() if f.name in r},
        **evidence.extras(r),
    )


def assemble(
    content: Path,
    settings: dict[str, Any],
    bases_raw: dict[str, Any],
    actors_raw: dict[str, Any],
    records: list[ParsedFile],
    statements_raw: list[dict[str, Any]],
    gazetteer: Any = None,
    models: tuple[dict[str, model.Base], dict[str, model.Actor]] | None = None,
    region: model.Region | None = None,
) -> model.Chronology:
    """The Chronology of checked records. A record whose model object was built against the
    same gazetteer (`parsed.built`) keeps that very object: unchanged records keep their
    identity across the rebuilds of one process (the incremental build relies on it)."""
    bases, actors = models or bases_and_actors(bases_raw, actors_raw)
    incidents = []
    for parsed in records:
        if gazetteer is not None and parsed.built and parsed.built[0] == gazetteer:
            incidents.append(parsed.built[1])
            continue
        incidents.append(incident(parsed, content, bases, actors))
        parsed.built = (gazetteer, incidents[-1])
    statements = [
        model.Statement(
            id=s["id"],
            date=dt.date.fromisoformat(s["date"]),
            date_precision=s["date_precision"],
            date_note=s.get("date_note"),
            text=s["text"],
            sources=tuple(evidence.source(x) for x in s["sources"]),
            **evidence.statement_extras(s),
        )
        for s in statements_raw or []
    ]
    return model.Chronology(
        incidents, bases, actors, statements, dict(settings), region or model.Region()
    )
