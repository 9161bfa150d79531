"""List pages are re-rendered when anything they may show of an incident changes: what they
show is derived from the model (every field but those declared NOT_LISTED), so a field added to
the model is listed without anyone remembering to list it."""

from __future__ import annotations

import dataclasses

from generator.model import Incident
from generator.records.checks import load_chronology
from generator.site.incremental.signatures import NOT_LISTED, listed
from tests.conftest import CONTENT


def some_incident() -> Incident:
    return load_chronology(CONTENT).incidents[0]


def test_not_listed_names_fields_of_the_model_only() -> None:
    assert {f.name for f in dataclasses.fields(Incident)} >= NOT_LISTED


def test_a_field_added_to_the_model_is_listed() -> None:
    incident = some_incident()
    extended = dataclasses.make_dataclass(
        "ExtendedIncident",
        [("severity", str, dataclasses.field(default="low"))],
        bases=(Incident,),
        frozen=True,
    )
    values = {f.name: getattr(incident, f.name) for f in dataclasses.fields(Incident)}
    low, high = extended(**values), extended(**values, severity="high")
    assert listed(low) != listed(high)
    assert listed(low)[:-1] == listed(incident)


def test_every_listed_field_changes_the_listing() -> None:
    incident = some_incident()
    for field in dataclasses.fields(Incident):
        changed = dataclasses.replace(incident, **{field.name: object()})
        assert (listed(changed) == listed(incident)) == (field.name in NOT_LISTED), field.name
