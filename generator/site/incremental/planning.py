"""Which pages this build must render: the plan, each page's signature, and what changed.

A page is rendered again only when what it shows changed: its signature (the records it lists,
by identity; incremental/signatures.py) differs from the one it was last written with.
The same plan as last time (the usual case of an edit) keeps the same Page objects, and
incident pages whose record and neighbours are the very same objects keep their signature
without computing it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import is_not
from typing import Any

from generator.model import Chronology
from generator.site.incremental.signatures import signature
from generator.site.incremental.state import BuildState
from generator.site.kinds import page_urls, plan, plan_key, reuse_plan
from generator.site.pages import Page
from generator.site.urls import output_file


@dataclass
class Plan:
    """Every page of a build, and which of them to render."""

    pages: list[Page]
    urls: list[str]  # the URL of each of `pages`, in the same order
    todo: list[tuple[Page, Any]]  # (page, signature) of each page to render
    signatures: dict[str, Any]  # url -> signature, of every page of this build
    gone: list[str]  # URLs of the last build that have no page now


def plan_pages(state: BuildState, chron: Chronology) -> tuple[list[Page], list[str], bool]:
    """Every page and its URL; True if the plan is the last build's (the same Page objects)
    and only its records may have changed."""
    shared = (chron.bases, chron.actors, chron.statements, chron.settings, chron.region)
    every = shared != state.shared  # the gazetteer or the settings changed: every page may
    if every:  # show it; the last URLs are kept, to remove those with no page now
        state.signatures = dict.fromkeys(state.signatures)
    state.shared = shared
    key = plan_key(chron)
    same_plan = state.plan is not None and state.plan[0] == key
    if same_plan:
        reuse_plan(chron, state.plan[1], state.plan[2])
    pages, page_url = plan(chron), page_urls(chron)
    if not same_plan:
        files = frozenset(map(output_file, page_url))
        state.plan = (key, pages, page_url, _page_index(pages), files)
    return pages, page_url, same_plan and not every


def page_files(state: BuildState) -> frozenset[str]:
    """The files of the pages of the plan plan_pages last made (where their URLs are written)."""
    assert state.plan is not None
    return state.plan[4]


def changed_pages(
    state: BuildState, chron: Chronology, pages: list[Page], page_url: list[str], same_plan: bool
) -> Plan:
    """The pages whose signature is new or differs from the one they were last written with."""
    kept = _unmoved(state.incidents, chron.incidents)
    todo: list[tuple[Page, Any]] = []
    memo: dict[Any, Any] = {}
    last = state.signatures
    if same_plan and kept is not None and len(last) == len(pages):
        # Only the other pages and those of the changed records (and neighbours).
        seen = dict(last)
        others, by_incident = state.plan[3]
        indexes = others + [n for i in kept.exclude for n in by_incident.get(i, ())]
        for n in sorted(indexes):
            page, url = pages[n], page_url[n]
            sig = seen[url] = signature(page, chron, memo)
            if sig is None or last.get(url) != sig:
                todo.append((page, sig))
    else:
        seen = {}
        for page, url in zip(pages, page_url, strict=True):
            if kept is not None and page.row.one_incident and page.key in kept:
                sig = last.get(url)
                if sig is not None:
                    seen[url] = sig
                    continue
            sig = signature(page, chron, memo)
            seen[url] = sig
            if sig is None or last.get(url) != sig:
                todo.append((page, sig))
    gone = [url for url in last if url not in seen]
    state.incidents = chron.incidents
    return Plan(pages, page_url, todo, seen, gone)


def settle(state: BuildState, chron: Chronology, done: Plan) -> None:
    """After the pages are written: their signatures are the last build's; the values kept
    for incidents that left the model go."""
    state.signatures = done.signatures
    state.rows.forget_others(chron.incidents)
    state.memos.forget_others(chron.incidents)


def _page_index(pages: list[Page]) -> tuple[list[int], dict[str, list[int]]]:
    """(places of the pages that are not of one incident, places of each incident's pages)."""
    others: list[int] = []
    by_incident: dict[str, list[int]] = {}
    for n, page in enumerate(pages):
        if page.row.one_incident:
            by_incident.setdefault(page.key, []).append(n)
        else:
            others.append(n)
    return others, by_incident


def _unmoved(before: list[Any] | None, now: list[Any]) -> _AllIds | None:
    """Ids of the incidents that are, with both their neighbours, the very same objects at
    the same places as in `before`; None when the list grew or shrank (compute everything)."""
    if before is None or len(before) != len(now):
        return None
    changed = list(compress(range(len(now)), map(is_not, before, now)))
    if not changed:
        return _AllIds()
    near = {k + d for k in changed for d in (-1, 0, 1)}
    return _AllIds(exclude={now[k].id for k in near if 0 <= k < len(now)})


class _AllIds:
    """`id in kept` for every incident id but `exclude`, without building a set of every id."""

    def __init__(self, exclude: set[str] | frozenset[str] = frozenset()):
        self.exclude = exclude

    def __contains__(self, incident_id: object) -> bool:
        return incident_id not in self.exclude
