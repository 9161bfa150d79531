"""The evidence rules: every field a record asserts is stated by a quote or has a basis.

generator.records.checks calls `check_record` for each record (its problems are cached with the
record's other cross-checks, keyed by its `Policy`), `check_links` once across all
records (responds_to and related point at other records), and builds the evidence parts of
the model through `source`, `location` and `extras`. The fields a quote can support are
declared once, in the incident schema's `$defs.field` (generator.fields.supportable); the
rule names are listed in EDITING.md ("Evidence rules").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator import fields, model

Report = Callable[[tuple[str | int, ...], str, str], None]  # (path, message, rule)
VAGUE = ("admin1", "country")  # place precisions drawn as an area, never as a point


@dataclass(frozen=True)
class Policy:
    """What the per-record rules read of chronology.yaml, and all they see of it: the
    validator reuses a record's results only for an equal Policy (records.rules.Inputs)."""

    forces: tuple[str, ...]  # whose word confirms: `status: confirmed` needs one of them
    legacy_quotes: str  # allow | refuse the single `quote` of the old contract


def policy(settings: dict[str, Any]) -> Policy:
    return Policy(tuple(settings.get("forces") or ()), settings.get("legacy_quotes", "allow"))


def passages(source: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path inside the source, text) of every verbatim passage of a source."""
    for n, quote in enumerate(source.get("quotes") or ()):
        yield ("quotes", n, "text"), quote["text"]
    if "quote" in source:
        yield ("quote",), source["quote"]


def is_legacy(record: dict[str, Any]) -> bool:
    """A record none of whose sources says what its passages support (the old contract)."""
    return not any("quotes" in source for source in record["sources"])


def asserted(record: dict[str, Any]) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """(field, path, what it says) of every field the record asserts. Silence asserts
    nothing: weapons [unknown], null casualty bounds, no claimant, no attribution."""
    yield "date", ("date",), record["date"]
    if record.get("base"):
        yield "place", ("base",), record["base"]
    elif record.get("location"):
        yield "place", ("location",), record["location"]["name"]
    yield "kind", ("kind",), record["kind"]
    if [w for w in record["weapons"] if w != "unknown"]:
        yield "weapons", ("weapons",), ", ".join(record["weapons"])
    for what in ("killed", "injured"):
        count = record["casualties"][what]
        if count["min"] is not None or count["max"] is not None:
            yield what, ("casualties", what), f"min {count['min']}, max {count['max']}"
    for what in ("claimed_by", "attributed_to", "responds_to"):
        if record.get(what):
            yield what, (what,), ", ".join(record[what])
    yield "status", ("status",), record["status"]


def supported(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Field -> the quotes that support it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for source in record["sources"]:
        for quote in source.get("quotes") or ():
            for what in quote["supports"]:
                out.setdefault(what, []).append(quote)
    return out


def check_record(
    record: dict[str, Any],
    policy: Policy,
    actors: dict[str, Any] | None,
    report: Report,
) -> None:
    """The per-record evidence rules (EDITING.md lists them with their names)."""
    refuse_legacy = policy.legacy_quotes == "refuse"
    for n, source in enumerate(record["sources"]):
        if "quote" in source and ("quotes" in source or refuse_legacy):
            report(
                ("sources", n, "quote"),
                "a single 'quote' is the contract before per-field evidence; give "
                "quotes: [{text, supports: [...]}] instead",
                "legacy-quote",
            )
        _check_speakers(n, source, actors, report)
    if is_legacy(record) and not refuse_legacy:
        return  # read as migration input: shown as such, not held to the rules below
    _check_place(record, report)
    _check_window(record, report)
    support = supported(record)
    basis = record.get("basis") or {}
    for what, path, value in asserted(record):
        if what not in support and what not in basis:
            report(
                path,
                f"the record says {what} is {value!s} but no quote supports it and it has "
                f"no basis; add '{what}' to the supports of the passage that states it, or "
                f"give basis.{what} (how: inferred|external|editor, note: {{fr, en}})",
                "unsupported-field",
            )
    status = record["status"]
    forces = policy.forces
    if status == "confirmed":
        said = [q.get("said_by") for q in support.get("status", [])]
        if not any(s and (s in forces or not forces) for s in said):
            who = ", ".join(forces) if forces else "the force targeted or the force that struck"
            report(
                ("status",),
                "status confirmed needs a quote supporting status said by "
                f"{who} (said_by); otherwise use reported, claimed or disputed",
                "confirmed-needs-force-quote",
            )
    elif status == "claimed" and not (record.get("claimed_by") and support.get("claimed_by")):
        report(
            ("status",),
            "status claimed needs a claimant (claimed_by) and a quote supporting claimed_by",
            "claimed-needs-claim-quote",
        )


def check_statement(
    statement: dict[str, Any], actors: dict[str, Any] | None, report: Report
) -> None:
    """A statement's speakers and counter are known actors ('source': the article itself)."""
    counter = (statement.get("tally") or {}).get("counted_by")
    if counter and counter != "source" and actors is not None and counter not in actors:
        report(
            ("tally", "counted_by"),
            f"unknown actor '{counter}'; use an id from actors.yaml, or 'source'",
            "unknown-actor",
        )
    for n, source in enumerate(statement["sources"]):
        _check_speakers(n, source, actors, report)


def _check_speakers(
    n: int, source: dict[str, Any], actors: dict[str, Any] | None, report: Report
) -> None:
    """Every said_by of the source at index `n` names a known actor."""
    for m, quote in enumerate(source.get("quotes") or ()):
        speaker = quote.get("said_by")
        if speaker and actors is not None and speaker not in actors:
            report(
                ("sources", n, "quotes", m, "said_by"),
                f"unknown actor '{speaker}'; known actors are in actors.yaml",
                "unknown-actor",
            )


def _check_place(record: dict[str, Any], report: Report) -> None:
    loc = record.get("location")
    if loc and loc.get("precision") in VAGUE:
        for axis in ("lat", "lon"):
            if axis in loc:
                known = "province" if loc["precision"] == "admin1" else "country"
                report(
                    ("location", axis),
                    f"a place known only to its {known} has no point coordinates; remove "
                    "lat and lon (a province may give area: {lat, lon, radius_km} for the map)",
                    "area-has-coordinates",
                )
    if loc and loc.get("area") and loc.get("precision") == "country":
        report(
            ("location", "area"),
            "a place known only to the country is drawn as the country; remove area",
            "area-has-coordinates",
        )


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _check_window(record: dict[str, Any], report: Report) -> None:
    window = record.get("date_window")
    if not window:
        if record["date_precision"] == "approximate":
            report(
                ("date_precision",),
                "an approximate date needs date_window: {from, to} (the days it can be)",
                "date-window",
            )
        return
    first, last, day = _day(window["from"]), _day(window["to"]), _day(record["date"])
    if first is None or last is None or day is None:
        return  # impossible dates are reported by the date checks
    if record["date_precision"] != "approximate":
        report(
            ("date_window",),
            "a date window goes with date_precision: approximate",
            "date-window",
        )
    elif last < first or day != first:
        report(
            ("date_window",),
            f"the window must run forward and start on the record's date ({day}); "
            f"found {first} to {last}",
            "date-window",
        )


def link_facts(record: dict[str, Any]) -> dict[str, Any]:
    """What check_links needs of a record (kept after a lean build drops the data)."""
    return {k: record.get(k) for k in ("id", "kind", "date", "responds_to", "related")}


def _kinds(kinds: list[str], plural: bool = False) -> str:
    """Kinds in a message: "a strike", "an attack or a raid", "attacks"."""
    if plural:
        return " or ".join(f"{k}s" for k in kinds)
    return " or ".join(f"{'an' if k[:1] in 'aeiou' else 'a'} {k}" for k in kinds)


def check_links(records: list[tuple[dict[str, Any], Report]]) -> None:
    """responds_to and related across records: (link_facts, report) pairs, every run. Which
    kind answers which is the schema's (generator.fields.answers: a strike answers attacks)."""
    by_id = {record["id"]: record for record, _ in records}
    answers = fields.answers()
    for record, report in records:
        allowed = answers.get(record["kind"]) if answers else None
        for n, target_id in enumerate(record.get("responds_to") or ()):
            target = by_id.get(target_id)
            if answers and allowed is None:
                report(
                    ("responds_to", n),
                    f"only {_kinds(list(answers))} responds to "
                    f"{_kinds(sorted({k for t in answers.values() for k in t}), plural=True)}; "
                    "use related for other links",
                    "responds-to-not-strike",
                )
            elif target is None:
                report(
                    ("responds_to", n),
                    f"no incident '{target_id}' in the chronology",
                    "responds-to-unknown",
                )
            elif allowed is not None and target["kind"] not in allowed:
                report(
                    ("responds_to", n),
                    f"'{target_id}' is {_kinds([target['kind']])}, not {_kinds(list(allowed))}",
                    "responds-to-not-attack",
                )
            elif target["date"] > record["date"]:
                report(
                    ("responds_to", n),
                    f"'{target_id}' ({target['date']}) is later than this {record['kind']} "
                    f"({record['date']})",
                    "responds-to-later",
                )
        for n, link in enumerate(record.get("related") or ()):
            if link["id"] == record["id"] or link["id"] not in by_id:
                report(
                    ("related", n, "id"),
                    f"no other incident '{link['id']}' in the chronology",
                    "related-unknown",
                )


# -- the model's evidence parts, from valid data ---------------------------------------------
def _basis(raw: dict[str, Any]) -> model.Basis:
    source = raw.get("source") or {}
    return model.Basis(raw["how"], raw["note"], source.get("url"), source.get("title"))


def source(raw: dict[str, Any]) -> model.Source:
    quotes = tuple(
        model.Quote(q["text"], tuple(q["supports"]), q.get("said_by"))
        for q in raw.get("quotes") or ()
    )
    texts = [q.text for q in quotes] or [raw["quote"]]
    archive = raw.get("archive")
    return model.Source(
        outlet=raw.get("publisher") or raw.get("outlet") or raw.get("wire") or "",
        language=raw["language"],
        quote="\n\n".join(texts),
        title=raw.get("title"),
        author=raw.get("author"),
        url=raw.get("url"),
        archive_url=raw.get("archive_url"),
        published=raw.get("published"),
        seed=raw.get("seed"),
        publisher=raw.get("publisher"),
        wire=raw.get("wire"),
        quotes=quotes or (model.Quote(raw["quote"]),),
        archive=model.Archive(archive["sha256"], archive["captured"], archive["path"])
        if archive
        else None,
    )


def location(loc: dict[str, Any]) -> model.Location:
    area = loc.get("area")
    return model.Location(
        loc["name"],
        loc.get("admin1"),
        loc["country"],
        loc.get("lat"),
        loc.get("lon"),
        loc.get("precision", "exact"),
        loc.get("names") or {},
        loc.get("admin1_names") or {},
        model.Area(area["lat"], area["lon"], area["radius_km"]) if area else None,
    )


def extras(r: dict[str, Any]) -> dict[str, Any]:
    """The Incident fields of the evidence contract."""
    window = r.get("date_window")
    return {
        "date_window": (dt.date.fromisoformat(window["from"]), dt.date.fromisoformat(window["to"]))
        if window
        else None,
        "basis": {k: _basis(v) for k, v in (r.get("basis") or {}).items()},
        "responds_to": tuple(r.get("responds_to") or ()),
        "related": tuple((x["id"], x["relation"]) for x in r.get("related") or ()),
        "legacy": is_legacy(r),
    }


def statement_extras(s: dict[str, Any]) -> dict[str, Any]:
    tally = s.get("tally")
    return {
        "tally": model.Tally(
            tally["kind"],
            tally["count"],
            tally["bound"],
            tally["counted_by"],
            dt.date.fromisoformat(tally["since"]) if tally.get("since") else None,
            tuple(tally.get("country") or ()),
        )
        if tally
        else None,
        "date_basis": _basis(s["date_basis"]) if s.get("date_basis") else None,
    }
