"""The chronology's own settings, declared once: name, type, default and meaning.

Pelican's settings file (pelican.conf.py) and `chronology build`'s overrides may set any of
these; `check` refuses a CHRONOLOGY_* key that is not declared here, or one of the wrong type,
so a misspelt setting is an error naming it instead of a silent default. Code reads them with
`value(settings, NAME)`, which gives the declared default when the key is absent.

Settings that shape what a page shows (SEARCH_INDEX, PUBLISH_ARCHIVED_COPIES) are not named
CHRONOLOGY_*: the fingerprint that decides whether a published page can be reused covers every
setting but those (generator/site/incremental/reuse.py), which only say how and where to build.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "CHRONOLOGY_"


@dataclass(frozen=True)
class Setting:
    name: str
    types: tuple[type, ...]  # what a value may be (None is always the default's stand-in)
    default: Any
    meaning: str


DECLARED: tuple[Setting, ...] = (
    Setting(
        "CHRONOLOGY_SEEDS",
        (str, Path),
        None,
        "the folder of stored articles the quotes are checked against (default: seeds/ "
        "beside the content folder)",
    ),
    Setting(
        "CHRONOLOGY_CACHE",
        (str, Path, bool),
        None,
        "where the build keeps its caches (default .cache/chronology/ beside the content "
        "folder); False for none",
    ),
    Setting("CHRONOLOGY_WORKERS", (int,), None, "at most this many rendering processes"),
    Setting(
        "CHRONOLOGY_PARALLEL_MIN",
        (int,),
        None,
        "fewer pages than this render in the build's own process",
    ),
    Setting(
        "CHRONOLOGY_PUBLISHED",
        (str, Path),
        None,
        "the published site whose incident ids keep a page (default: the output folder; "
        "`chronology build --previous`)",
    ),
    Setting(
        "CHRONOLOGY_REUSE_FROM",
        (str, Path),
        None,
        "the published site whose unchanged pages are linked instead of rendered",
    ),
    Setting(
        "CHRONOLOGY_RECYCLED",
        (str, Path),
        None,
        "the spare folder a build starts from (set by generator/recycle.py)",
    ),
    Setting(
        "CHRONOLOGY_ON_VALID",
        (object,),
        None,
        "called once the records are valid (generator/recycle.py's Recycler)",
    ),
    Setting(
        "CHRONOLOGY_STATE",
        (object,),
        None,
        "what a process keeps from one build to the next (the live server's BuildState)",
    ),
)
BY_NAME = {s.name: s for s in DECLARED}


class SettingsError(ValueError):
    """A CHRONOLOGY_* setting that is not declared, or whose value has the wrong type."""


def check(settings: dict[str, Any], where: str) -> None:
    """Refuse undeclared CHRONOLOGY_* keys and values of the wrong type; `where` names the
    settings file in the message."""
    for name, given in settings.items():
        if not name.startswith(PREFIX):
            continue
        declared = BY_NAME.get(name)
        if declared is None:
            close = difflib.get_close_matches(name, BY_NAME, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            known = ", ".join(sorted(BY_NAME))
            raise SettingsError(f"{where}: unknown setting {name}{hint} (known: {known})")
        anything = object in declared.types
        wrong = isinstance(given, bool) and bool not in declared.types and not anything
        if given is not None and (wrong or not isinstance(given, declared.types)):
            expected = " or ".join(t.__name__ for t in declared.types)
            raise SettingsError(
                f"{where}: {name} must be {expected} ({declared.meaning}), "
                f"not {type(given).__name__} {given!r}"
            )
