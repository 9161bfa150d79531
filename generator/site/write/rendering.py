"""Jinja, made cheap to call tens of thousands of times (see `python -m generator.bench`).

- FastContext: every `{{ f(x) }}` in a template goes through Context.call, which asks three
  times whether `f` wants the context passed in; for plain functions, bound methods and
  macros one check is enough. Same results, a third of the cost. A page's `_()` is its own
  words (kinds.context), a plain function; elsewhere it reads the context's language.
- TemplateCode: compiled templates kept across builds of one process (Pelican makes a new
  Jinja environment for every run) and in the cache folder for the next process, keyed by
  the template's name and the blake2b of its source (not its path: a copy of the project
  hits the same files), so an edited template is compiled again. Each file is sealed with
  a checksum (generator/diskcache.py): a corrupt one is discarded with a warning.
- RowCache: `{{ incident_row(incident_item, i, lang) }}` renders the row of an incident once
  per language and reuses it on every list page that shows the incident (a month, its base,
  its year, actors, weapons...): the macro must depend on nothing but the incident and the
  language (and site-wide constants such as SITEURL).
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from jinja2.runtime import Context, Macro
from jinja2.utils import _PassArg

from generator.diskcache import read_sealed, write_sealed

_PLAIN = frozenset({FunctionType, MethodType, BuiltinFunctionType, Macro})


class FastContext(Context):
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN:
            passed = getattr(__obj, "jinja_pass_arg", None)
            if passed is None:
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
            reads = getattr(__obj, "context_reads", None) if passed is _PassArg.context else None
            if reads is not None:
                # {{ _("key") }} outside a page's own context: the words read only the
                # language from the context. When no loop or block variable of the call sets
                # it, the context itself is the one Jinja would derive for the call.
                loop, block = kwargs.pop("_loop_vars", None), kwargs.pop("_block_vars", None)
                if (not loop or reads.isdisjoint(loop)) and (not block or reads.isdisjoint(block)):
                    return __obj(__self, *args, **kwargs)
                kwargs.update(_loop_vars=loop, _block_vars=block)
        return Context.call(__self, __obj, *args, **kwargs)


class TemplateCode(BytecodeCache):
    """In-memory bytecode cache: compiled templates by name, checked against their source;
    backed by a folder (`on_disk`, the build's cache folder) so that a new process does not
    compile the templates again (0.2 s of every `chronology build`)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.disk: Path | None = None

    def on_disk(self, folder: Path) -> None:
        if self.disk is None:
            with suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                self.disk = folder

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def get_source_checksum(self, source: str) -> str:
        return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        # One file per template name and source: Jinja's Bucket checks the source's checksum
        # it holds, and a file of another source is simply another file.
        bucket = Bucket(environment, self.get_cache_key(name), self.get_source_checksum(source))
        bucket.key = f"{bucket.key}-{bucket.checksum}"
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is None and self.disk is not None:
            code = read_sealed(self.disk / f"{bucket.key}.cache")  # None if corrupt
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # checks Jinja's magic and the checksum
            except (EOFError, ValueError, TypeError):
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.code[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            with suppress(OSError):  # an optimisation: never a reason for a build to fail
                write_sealed(self.disk / f"{bucket.key}.cache", code)


class RowCache:
    """The HTML of one macro call per (macro name, incident, language), reused by identity.

    The incident is kept with its row, so its id() cannot be reused by another object while
    the row is here; `forget_others()` drops the rows of incidents that left the model.
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

    def forget_others(self, incidents: list[Any]) -> None:
        """Drop the rows of every incident but `incidents` (those of the model now)."""
        live = {id(i) for i in incidents}
        self.rows = {k: v for k, v in self.rows.items() if k[1] in live}
