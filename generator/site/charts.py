"""The chart of incidents per month, drawn at build time as SVG (shows with no script at all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from xml.sax.saxutils import escape

from babel.dates import format_date

from generator.fields import vocabulary
from generator.model import Chronology, Incident, Tally
from generator.site import i18n
from generator.site.memo import model_cache

WIDTH, HEIGHT = 700, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 6, 12, 30  # margins around the plot, for the axes' labels


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, month = first
    out = []
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


Row = tuple[tuple[int, int], tuple[int, ...]]  # a month, and its count of each kind


def monthly(chron: Chronology) -> list[Row]:
    """(month, count of each kind, in the schema's order: attacks, strikes...) for every month
    of the covered period (Chronology.months)."""
    return model_cache(chron).once("monthly", lambda: _monthly(chron))


def _monthly(chron: Chronology) -> list[Row]:
    kinds = vocabulary("kind")
    rows = []
    for key in chron.months:
        # an incident dated only to a window of several months is not put in one bar
        members = [i for i in chron.by_month.get(key, []) if not spans_months(i)]
        counted = [i.kind for i in members if i.retracted is None]
        rows.append((key, tuple(counted.count(kind) for kind in kinds)))
    return rows


def _counts(counts: tuple[int, ...], word: Callable[[str], str]) -> str:
    """'3 attaques, 1 frappe': each kind's count, in the schema's order."""
    kinds = vocabulary("kind")
    return ", ".join(
        f"{n} {word(kind + 's').lower()}" for kind, n in zip(kinds, counts, strict=True)
    )


def spans_months(incident: Incident) -> bool:
    window = incident.date_window
    return window is not None and (window[0].year, window[0].month) != (
        window[1].year,
        window[1].month,
    )


def _scale(value: int) -> tuple[int, int]:
    """(top of the axis, step between ticks): at most five ticks at round numbers."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * max(1, -(-value // step)), step
    return value, value


@lru_cache(maxsize=512)
def _short_month(year: int, month: int, lang: str) -> str:
    return format_date(dt.date(year, month, 1), format="MMM", locale=lang).rstrip(".")


def per_month(chron: Chronology, lang: str) -> dict[str, str]:
    """Stacked bars, one per month, a part per kind (attacks below strikes); tooltips give the
    figures.

    Returns {"svg": the chart, "summary": one sentence saying what it shows}; computed once
    per build and language.
    """
    return model_cache(chron).once(("chart", lang), lambda: _chart(chron, lang))


def _chart(chron: Chronology, lang: str) -> dict[str, str]:
    marks = [
        ((s.date.year, s.date.month), s.tally, s.date) for s in chron.tallies if s.tally is not None
    ]
    chart = _draw(monthly(chron), lang, marks)
    windowed = sum(1 for i in chron.counted if spans_months(i))
    if windowed and chart["svg"]:
        chart["summary"] += " " + i18n.word(lang, "chart_windowed").format(windowed) + "."
    return chart


def _bound(tally: Tally) -> str:
    return {"at-least": "≥", "more-than": ">", "exactly": ""}[tally.bound] + str(tally.count)


def _draw(
    rows: list[Row],
    lang: str,
    marks: list[tuple[tuple[int, int], Tally, dt.date]] = (),  # type: ignore[assignment]
) -> dict[str, str]:
    if not rows:
        return {"svg": "", "summary": ""}

    def word(key: str) -> str:
        return i18n.word(lang, key)

    top, step = _scale(max(sum(counts) for _, counts in rows) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)
    bar = max(1.0, min(slot * 0.8, 40.0))
    scale = plot_h / top
    parts = []
    for tick in range(0, top + 1, step):
        y = TOP + plot_h - tick * scale
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    long_span = len(rows) > 24
    stride = max(1, -(-len(rows) // 6))  # at most six month labels: readable on a phone
    for n, ((year, month), counts) in enumerate(rows):
        x = LEFT + n * slot + (slot - bar) / 2
        label = f"{i18n.month_name(year, month, lang)}{word('colon')}{_counts(counts, word)}"
        bars = ""
        bottom = TOP + plot_h
        for value, css in zip(counts, vocabulary("kind"), strict=True):  # stacked, first below
            if value:
                height = value * scale
                bottom -= height
                bars += (
                    f'<rect class="{css}" x="{x:.1f}" y="{bottom:.1f}" width="{bar:.1f}" '
                    f'height="{height:.1f}"/>'
                )
        if bars:
            parts.append(f"<g><title>{escape(label)}</title>{bars}</g>")
        if long_span:
            if month == 1 and (len(rows) <= 120 or year % 2 == 0):
                parts.append(
                    f'<text class="tick" x="{LEFT + n * slot:.1f}" y="{HEIGHT - 6}">{year}</text>'
                )
        elif n % stride == 0:
            text = _short_month(year, month, lang)
            if month == 1 or n == 0:
                text += f" {year}"
            middle = x + bar / 2
            anchor = "end" if middle > WIDTH - 60 else "middle"
            at = WIDTH - RIGHT if anchor == "end" else middle
            parts.append(
                f'<text class="tick" x="{at:.1f}" y="{HEIGHT - 6}" '
                f'text-anchor="{anchor}">{escape(text)}</text>'
            )
    # The counts the sources report, drawn where they were reported: a dashed line over the
    # month with the figure on top (cumulative counts: not to the bars' scale).
    index = {key: n for n, (key, _) in enumerate(rows)}
    stacked: dict[tuple[int, int], int] = {}  # several counts in one month: one under another
    for key, tally, day in marks:
        if key not in index:
            continue
        x = LEFT + index[key] * slot + slot / 2
        below = stacked[key] = stacked.get(key, -1) + 1
        top_y = TOP + 10 + 11 * below
        label = f"{_bound(tally)} {word('tally_what.' + tally.kind)}"
        parts.append(
            f'<g class="tally-group"><title>{escape(label)} ({escape(i18n.long_date(day, lang))})'
            f'</title><line class="tally-mark" x1="{x:.1f}" x2="{x:.1f}" y1="{top_y}" '
            f'y2="{TOP + plot_h}"/><text class="tally" x="{x:.1f}" y="{top_y - 2}" '
            f'text-anchor="middle">{escape(_bound(tally))}</text></g>'
        )
    totals = tuple(map(sum, zip(*(counts for _, counts in rows), strict=True)))
    most = max(sum(counts) for _, counts in rows)
    busiest = [key for key, counts in rows if sum(counts) == most]
    (fy, fm), (ly, lm) = rows[0][0], rows[-1][0]
    summary = (
        f"{i18n.month_name(fy, fm, lang)} – {i18n.month_name(ly, lm, lang)}{word('colon')}"
        f"{_counts(totals, word)}. "
    )
    if most:  # ties: every month with the most incidents is named
        summary += (
            f"{word('busiest_month' if len(busiest) == 1 else 'busiest_months')}{word('colon')}"
            + ", ".join(i18n.month_name(*key, lang) for key in busiest)
            + f" ({most})."
        )
    if marks:
        summary += f" {word('chart_tally').capitalize()}."
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(word("per_month"))}</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>' + "".join(parts) + "</svg>"
    )
    return {"svg": svg, "summary": summary}
