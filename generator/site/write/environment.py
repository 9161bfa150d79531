"""The Jinja environment of the pages: what templates may call, and what makes it cheap."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from generator import fields, markup
from generator.site import i18n, urls
from generator.site.write.rendering import FastContext


def configure(env: Any, state: Any, cache: Path | None) -> None:
    """Set up Pelican's Jinja environment `env` for the chronology's templates; `state` is
    the BuildState (compiled templates, list rows, converted texts), `cache` the cache folder.
    """
    # Record text is untrusted: escape everything that is not explicitly Markup (sanitised
    # Markdown), whatever JINJA_ENVIRONMENT says. Set before any template is compiled.
    env.autoescape = True
    # {{ _("key") }} and {% trans %}: the words of the page's language (the context's `lang`).
    # Old-style callables: _() returns plain text, escaped like any other; a {% trans %} block
    # is the template's own markup, with its variables escaped.
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    env.globals["_"] = _gettext  # not the extension's alias, which looks gettext up again
    env.globals.update(
        urls=urls,
        word=i18n.word,
        country=i18n.country,
        long_date=i18n.long_date,
        month_name=i18n.month_name,
        i18n=i18n,  # evidence wording: i18n.when, i18n.country_in...
        shown_text=i18n.shown_text,  # a record's text, in the default language if not in lang
        lang_attr=i18n.lang_attr,  # ... and then the element's lang attribute
        plain_fields=fields.shown,  # templates/fields.html
        plain=TemplateMacros(env, "fields.html"),
        # LANGS, MAP_CREDIT: the chronology's languages and map credit, set by each build
    )
    env.filters.update(
        markdown=state.markdown.render,
        markdown_inline=state.markdown.render_inline,
        paragraphs=markup.paragraphs,
    )
    # Speed (see generator/site/write/rendering.py): templates compiled once per process and
    # not checked against their files again during a build (a template edit makes the live
    # server start a fresh BuildState); cheaper calls from templates; list rows reused.
    if cache is not None:
        state.code.on_disk(template_folder(env, cache))
    env.bytecode_cache = state.code
    env.auto_reload = False
    env.context_class = FastContext
    env.globals["incident_row"] = state.rows


@pass_context
def _gettext(context: Context, key: str) -> str:
    return i18n.word(context.resolve_or_missing("lang"), key)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return i18n.nword(context["lang"], singular, plural, n)


# What the two read from the context: FastContext passes it as it is when a call's loop or
# block variables leave these alone.
_gettext.context_reads = _ngettext.context_reads = frozenset({"lang"})  # type: ignore[attr-defined]


class TemplateMacros:
    """A template's macros as a global (`plain.row(i, lang)`): its module is made once, where
    `{% import %}` would make Jinja compare the page's globals with the template's on every
    page. So the template may read only its macros' arguments and the environment's globals."""

    def __init__(self, env: Any, name: str) -> None:
        self._env, self._name = env, name

    def __getattr__(self, macro: str) -> Any:
        module = self._env.get_template(self._name).module  # Jinja keeps it on the template
        return getattr(module, macro)


def template_folder(env: Any, cache: Path) -> Path:
    """Where compiled templates are kept: one folder per set of options that shape the
    compiled code (Jinja's own key is only the template's name and source)."""
    options = (
        env.autoescape,
        env.trim_blocks,
        env.lstrip_blocks,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        sorted(env.extensions),
    )
    digest = hashlib.blake2b(repr(options).encode(), digest_size=8).hexdigest()
    return cache / f"templates-{digest}"
