"""A list row is rendered once per incident and language and then reused on every list that
shows it (generator/site/write/rendering.py RowCache): a macro passed to `incident_row` may
read nothing but its arguments, the environment's globals and site-wide settings. A row
that read the page (its number, its kind...) would be reused on pages it is wrong for."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, meta, nodes

from generator.site.incremental import BuildState
from generator.site.write.environment import configure

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _environment() -> Environment:
    env = Environment()
    configure(env, BuildState(), None)
    return env


def _free_names(env: Environment, source: str) -> dict[str, tuple[set[str], set[str]]]:
    """Each macro of a template: (names it reads from outside, macros of the file it calls)."""
    tree = env.parse(source)
    defined = {m.name for m in tree.find_all(nodes.Macro)}
    defined |= {i.target for i in tree.find_all(nodes.Import)}
    out = {}
    for macro in tree.find_all(nodes.Macro):
        body = nodes.Template(macro.body, lineno=macro.lineno).set_environment(env)
        free = meta.find_undeclared_variables(body) - {a.name for a in macro.args}
        out[macro.name] = (free - defined, free & defined)
    return out


def test_row_macros_read_only_their_arguments_and_site_wide_names() -> None:
    env = _environment()
    rows = set()
    for template in TEMPLATES.glob("*.html"):
        rows |= set(re.findall(r"incident_row\((\w+),", template.read_text("utf-8")))
    assert rows, "no list row goes through incident_row"
    macros: dict[str, tuple[set[str], set[str]]] = {}
    for template in TEMPLATES.glob("*.html"):
        macros |= _free_names(env, template.read_text("utf-8"))
    allowed = set(env.globals)
    for name in rows:
        seen, todo = set(), [name]
        while todo:  # the macro and every macro of the same files it calls
            current = todo.pop()
            if current in seen or current not in macros:
                continue
            seen.add(current)
            free, calls = macros[current]
            # Upper-case names are the site's settings (SITEURL...): the same on every page.
            reads = {n for n in free - allowed if not n.isupper()}
            assert not reads, f"{name} (through {current}) reads {sorted(reads)} of the page"
            todo += sorted(calls)


def test_the_check_sees_a_row_that_reads_the_page() -> None:
    env = _environment()
    found = _free_names(env, "{% macro row(i, lang) %}{{ page.number }}{{ i.id }}{% endmacro %}")
    assert found["row"][0] == {"page"}
