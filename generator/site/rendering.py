"""Jinja, made cheap to call tens of thousands of times (see `python -m generator.bench`).

- FastContext: every `{{ f(x) }}` in a template goes through Context.call, which asks three
  times whether `f` wants the context passed in; for plain functions, bound methods and
  macros (nearly every call here) one check is enough. Same results, a third of the cost.
- TemplateCode: compiled templates kept across builds of one process (Pelican makes a new
  Jinja environment for every run) and in the cache folder for the next process; Jinja's
  bytecode cache checks each template's source, so an edited template is compiled again.
- RowCache: `{{ incident_row(incident_item, i, lang) }}` renders the row of an incident once
  per language and reuses it on every list page that shows the incident (a month, its base,
  its year, actors, weapons...): the macro must depend on nothing but the incident and the
  language (and site-wide constants such as SITEURL).
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from jinja2.runtime import Context, Macro

_PLAIN = frozenset({FunctionType, MethodType, BuiltinFunctionType, Macro})


class FastContext(Context):
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            __traceback_hide__ = True  # noqa: F841 (read by Jinja's traceback rewriting)
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return Context.call(__self, __obj, *args, **kwargs)


class TemplateCode(BytecodeCache):
    """In-memory bytecode cache: compiled templates by name, checked against their source;
    backed by a folder (`on_disk`, the build's cache folder) so that a new process does not
    compile the templates again (0.2 s of every `chronology build`)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.disk: FileSystemBytecodeCache | None = None

    def on_disk(self, folder: Path) -> None:
        if self.disk is None:
            with suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                self.disk = FileSystemBytecodeCache(str(folder))

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)  # a stale file (other source) is left unused

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            with suppress(OSError):  # an optimisation: never a reason for a build to fail
                self.disk.dump_bytecode(bucket)


class RowCache:
    """The HTML of one macro call per (macro name, incident, language), reused by identity.

    The incident is kept with its row, so its id() cannot be reused by another object while
    the row is here; `keep()` drops the rows of incidents that left the model.
    """

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int, str], tuple[Any, Any]] = {}

    def __call__(self, macro: Any, incident: Any, lang: str) -> Any:
        key = (macro.name, id(incident), lang)
        hit = self.rows.get(key)
        if hit is not None and hit[0] is incident:
            return hit[1]
        html = macro(incident, lang)
        self.rows[key] = (incident, html)
        return html

    def keep(self, incidents: list[Any]) -> None:
        live = {id(i) for i in incidents}
        self.rows = {k: v for k, v in self.rows.items() if k[1] in live}

    def clear(self) -> None:
        self.rows.clear()
