"""The colours of the kinds and statuses, as a style sheet written beside style.css.

The schema declares each value's colour once (`x-colours`, read by generator/fields.py);
this writes the rules that give it to the classes the pages use: a badge (`kind-<kind>`,
`status-<status>`, templates/macros.html), the chart's bars (generator/site/charts.py) and
their legend's keys, the evidence box of an incident page. A content folder whose schema
adds a kind gives it a colour there, not in the style sheet.
"""

from __future__ import annotations

from generator import fields
from generator.site.write.writer import PageWriter

FILE = "theme/vocabulary.css"  # linked after style.css by templates/layout.html and 404.html

# Field -> the rules of each coloured value ({v}: the value, {c}: its colour).
_RULES = {
    "kind": (
        ".key-{v} {{ border-radius: 2px; background: {c}; }}",
        "svg.chart .{v} {{ fill: {c}; }}",
    ),
    "status": (".status-box-{v} {{ border-color: {c}; }}",),
}
# Badges are outlined in print (style.css's @media print), so their colour is for screens.
_BADGES = {
    "kind": ".kind-{v} {{ background: {c}; }}",
    "status": ".status-{v} {{ background: {c}; }}",
}


def stylesheet() -> str:
    """The rules of every coloured value; raises InvalidContent for a bad `x-colours`."""
    declared = {name: fields.colours(name) for name in _RULES}
    badges = [
        _BADGES[name].format(v=v, c=c) for name, given in declared.items() for v, c in given.items()
    ]
    rules = [
        rule.format(v=v, c=c)
        for name, given in declared.items()
        for v, c in given.items()
        for rule in _RULES[name]
    ]
    lines = ["/* From the schema's x-colours (generator/site/colours.py). */", "@media not print {"]
    return "\n".join([*lines, *badges, "}", *rules]) + "\n"


def write(text: str, out: PageWriter) -> None:
    out.write(FILE, text)
