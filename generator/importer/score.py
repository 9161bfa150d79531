"""Accuracy against labelled articles: per-field precision and recall.

A label file (YAML) names one article and the incidents a careful editor finds in it:

    article: ../../../seeds/000_47c6cc99b4566279.txt   # relative to the label file
    published: 2023-12-06                               # optional
    incidents:
      - date: 2023-12-06
        kind: attack
        place: ain-al-asad          # a base id, or {country: IQ, admin1: Kirkouk},
                                    # {country: IQ, name: Au sud de Bagdad}, {country: IQ}
        weapons: [drone]
        killed: [0, 0]              # [min, max]; null for unknown
        injured: [0, 0]
        claimant: [islamic-resistance-in-iraq]
        status: confirmed

Found incidents are paired with expected ones (same kind, date and place count most; a
pair needs the date within a week or the same place). For each field, precision is the
share of found incidents whose value is right, recall the share of expected incidents
found with the right value; "incidents" counts the pairs themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importer.article import ArticleError
from generator.importer.extract import DraftIncident, extract
from generator.importer.fold import fold, slug
from generator.importer.gazetteer import Gazetteer
from generator.importer.published import option
from generator.importer.reader import read_article
from generator.records.loader import load_file

FIELDS = ["incidents", "date", "place", "kind", "weapons", "casualties", "claimant", "status"]


@dataclass
class Expected:
    date: dt.date
    kind: str
    place: Any
    weapons: set[str]
    killed: tuple[int | None, int | None]
    injured: tuple[int | None, int | None]
    claimant: set[str]
    status: str


@dataclass
class ArticleScore:
    label: Path
    article: Path
    found: int = 0
    expected: int = 0
    matched: int = 0
    error: str | None = None
    correct: dict[str, int] = field(default_factory=dict)
    silent_wrong_dates: int = 0  # paired drafts dated wrong without a flag and a window
    # What an evaluator reads to see why: each wrong field of a paired draft, each draft
    # paired with no labelled incident, each labelled incident no draft was paired with.
    details: list[str] = field(default_factory=list)


@dataclass
class Score:
    articles: list[ArticleScore] = field(default_factory=list)

    def totals(self) -> tuple[int, int, dict[str, int]]:
        found = sum(a.found for a in self.articles)
        expected = sum(a.expected for a in self.articles)
        correct = {f: sum(a.correct.get(f, 0) for a in self.articles) for f in FIELDS}
        return found, expected, correct

    def precision_recall(self) -> dict[str, tuple[float, float]]:
        found, expected, correct = self.totals()
        return {
            f: (correct[f] / found if found else 0.0, correct[f] / expected if expected else 0.0)
            for f in FIELDS
        }

    def table(self) -> str:
        found, expected, _ = self.totals()
        lines = [f"{'article':<44} {'found':>5} {'expected':>8} {'paired':>6}"]
        for a in self.articles:
            name = a.article.name if a.error is None else f"{a.article.name} ({a.error})"
            lines.append(f"{name[:44]:<44} {a.found:>5} {a.expected:>8} {a.matched:>6}")
        lines.append("")
        lines.append(f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6}")
        for name, (p, r) in self.precision_recall().items():
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"{name:<12} {p:>9.2f} {r:>7.2f} {f1:>6.2f}")
        silent = sum(a.silent_wrong_dates for a in self.articles)
        lines.append(
            f"({found} incidents found, {expected} expected, {len(self.articles)} articles; "
            f"{silent} wrongly dated without a date review flag and a window holding the date)"
        )
        return "\n".join(lines)

    def explained(self) -> str:
        """Per article, what was drafted wrong, drafted in excess, or missed (`--details`)."""
        lines = []
        for a in self.articles:
            if a.details:
                lines.append(f"{a.article.name}:")
                lines.extend(f"  {line}" for line in a.details)
        return "\n".join(lines) if lines else "(every draft paired and right)"


def _range(value: Any) -> tuple[int | None, int | None]:
    if value is None:
        return (None, None)
    if isinstance(value, int):
        return (value, value)
    return (value[0], value[1])


def _expected(raw: dict[str, Any]) -> Expected:
    return Expected(
        date=dt.date.fromisoformat(str(raw["date"])),
        kind=raw["kind"],
        place=raw["place"],
        weapons=set(raw.get("weapons") or []),
        killed=_range(raw.get("killed")),
        injured=_range(raw.get("injured")),
        claimant=set(raw.get("claimant") or []),
        status=raw.get("status", "confirmed"),
    )


def place_matches(draft: DraftIncident, expected: Any, gaz: Gazetteer) -> bool:
    place = draft.place
    if isinstance(expected, str):
        return place.base == expected
    if not isinstance(expected, dict) or place.base:
        return False
    if expected.get("country") and expected["country"] != place.country:
        return False
    if expected.get("admin1"):
        return (
            bool(place.admin1)
            and gaz.admin1_key(place.admin1) == gaz.admin1_key(expected["admin1"])
            or slug(place.name_fr) == slug(expected.get("name", ""))
            or slug(place.name_en) == slug(expected.get("name", ""))
        )
    if expected.get("name"):
        return (
            fold(place.name_fr).strip() == fold(expected["name"]).strip()
            or fold(place.name_en).strip() == fold(expected["name"]).strip()
        )
    return place.precision == "country"


def honestly_unsure(d: DraftIncident, truth: dt.date) -> bool:
    """A wrong date is honest when flagged for review with a window holding the truth."""
    window = d.date_window
    return (
        "date" in d.review
        and d.date_precision != "day"
        and window is not None
        and window[0] <= truth <= window[1]
    )


def _pair_score(d: DraftIncident, e: Expected, gaz: Gazetteer) -> float:
    days = abs((d.date - e.date).days)
    same_place = place_matches(d, e.place, gaz)
    if days > 7 and not same_place:
        return 0.0
    return (
        (2 if days == 0 else 1 if days <= 7 else 0)
        + (2 if same_place else 0)
        + (1.5 if d.kind == e.kind else 0)
        + 0.01
    )


def score_article(
    label: Path, gaz: Gazetteer, today: dt.date | None = None, *, published: bool = True
) -> ArticleScore:
    """Score one label file; `published=False` scores as an import without `--published`."""
    data, _, problems = load_file(label)
    if problems or not isinstance(data, dict):
        message = problems[0].message if problems else "not a label file"
        return ArticleScore(label, label, error=message)
    article_path = (label.parent / str(data["article"])).resolve()
    expected = [_expected(raw) for raw in data.get("incidents") or []]
    result = ArticleScore(label, article_path, expected=len(expected))
    try:
        article = read_article(article_path)
    except ArticleError as err:
        result.error = str(err)
        return result
    if published and data.get("published"):
        article.set_published(option(str(data["published"])))
    drafts = extract(article, gaz, today).incidents
    result.found = len(drafts)
    pairs = sorted(
        (
            (_pair_score(d, e, gaz), i, j)
            for i, d in enumerate(drafts)
            for j, e in enumerate(expected)
        ),
        reverse=True,
    )
    used_d: set[int] = set()
    used_e: set[int] = set()
    correct = dict.fromkeys(FIELDS, 0)
    for value, i, j in pairs:
        if value <= 0 or i in used_d or j in used_e:
            continue
        used_d.add(i)
        used_e.add(j)
        d, e = drafts[i], expected[j]
        correct["incidents"] += 1
        compared = _compared(d, e, gaz)
        wrong = []
        for name, ok, drafted, label in compared:
            correct[name] += ok
            if not ok:
                wrong.append(f"{name} {drafted!r} (label {label!r})")
        if d.date != e.date:
            honest = honestly_unsure(d, e.date)
            result.silent_wrong_dates += not honest
            wrong.append(
                "date flagged, its window holds the label's" if honest else "date unflagged"
            )
        if wrong:
            result.details.append(f"{_what(d)}: " + "; ".join(wrong))
    result.details.extend(
        f"{_what(d)}: not a labelled incident" for i, d in enumerate(drafts) if i not in used_d
    )
    result.details.extend(
        f"missed: {e.date} {e.kind} {e.place!r}" for j, e in enumerate(expected) if j not in used_e
    )
    result.matched = correct["incidents"]
    result.correct = correct
    return result


def _compared(d: DraftIncident, e: Expected, gaz: Gazetteer) -> list[tuple[str, bool, Any, Any]]:
    """Each field: whether the draft has it right, and its value as drafted and as labelled
    (as the details show them)."""
    casualties = (d.killed.min, d.killed.max), (d.injured.min, d.injured.max)
    return [
        ("date", d.date == e.date, str(d.date), str(e.date)),
        ("place", place_matches(d, e.place, gaz), _place(d), e.place),
        ("kind", d.kind == e.kind, d.kind, e.kind),
        ("weapons", set(d.weapons) == e.weapons, sorted(d.weapons), sorted(e.weapons)),
        ("casualties", casualties == (e.killed, e.injured), casualties, (e.killed, e.injured)),
        ("claimant", set(d.claimed_by) == e.claimant, sorted(d.claimed_by), sorted(e.claimant)),
        ("status", d.status == e.status, d.status, e.status),
    ]


def _place(d: DraftIncident) -> str:
    return d.place.base or d.place.name_en or d.place.name_fr


def _what(d: DraftIncident) -> str:
    return f"draft {d.date} {d.kind} {_place(d)}"


def score_labels(
    path: Path,
    content: Path | None = None,
    today: dt.date | None = None,
    *,
    published: bool = True,
) -> Score:
    """Score every label file under `path`, subfolders included (or the one file `path`).

    With `published=False` the labels' publication dates are not passed, as in an import
    without `--published`: only what the article itself carries can date it.
    """
    gaz = Gazetteer.load(content)
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    return Score([score_article(f, gaz, today, published=published) for f in files])
