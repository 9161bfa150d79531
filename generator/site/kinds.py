"""Every kind of page the site has, declared once: one `PageKind` row each, in `KINDS`.

A row says where a page of its kind lives, which template renders it, what the template is
given, which pages there are (one per key and language; a list of a group's incidents
takes PER_PAGE a page), what a rebuild compares to decide whether to render one again, and,
for a list page that is also a filter (a `facet`), how an incident's values are read and
shown. The plan, the rendering, the filters and the incremental rebuild all read the rows,
so a new kind of page is a row here and its template (with its interface words).

`KINDS` is read when it is used, never copied at import: a test may add a row to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from generator.fields import vocabulary
from generator.model import Chronology, Incident
from generator.site import context as views
from generator.site import filters, i18n, urls
from generator.site.incremental import signatures
from generator.site.memo import model_cache
from generator.site.pages import Page, page_count

Builder = Callable[[Page, Chronology], dict[str, Any]]
Signer = Callable[[Page, Chronology, dict[Any, Any]], Any]


@dataclass(frozen=True)
class Facet:
    """A list kind offered as a filter: list pages and the home page link to its pages."""

    attribute: str  # the list items' data attribute filters.js reads (macros.html)
    values: Callable[[Incident], Iterable[Any]]  # the keys of the pages that list an incident
    label: Callable[[Chronology, Any, str], str]  # a key as a reader sees it, in a language
    order: filters.Order  # the keys in the order they are offered
    place: int  # where it comes among the filters offered


def _alone(chron: Chronology) -> tuple[None]:
    return (None,)


@dataclass(frozen=True, eq=False, repr=False)
class PageKind:
    name: str  # Page.kind, and the word "filter.<name>" of a facet
    url: Callable[[Any, str], str]  # (key, language) -> the address of its (first) page
    template: str
    context: Builder  # the template's variables (generator/site/context.py)
    keys: Callable[[Chronology], Iterable[Any]] = _alone  # a page per key and language
    # A list: a key per group of incidents, and as many pages as it takes (PER_PAGE each).
    groups: Callable[[Chronology], dict[Any, list[Incident]]] | None = None
    newest_first: bool = True  # the order a list shows its incidents in
    # What a rebuild compares (generator/site/incremental/signatures.py); None: the page is
    # rendered on every build.
    signature: Signer | None = None
    # A page of one incident (key: its id), whose signature depends only on that incident,
    # its neighbours and linked records: a rebuild signs it again only when one changed.
    one_incident: bool = False
    # Shows incidents' list rows (macros.html incident_item), which one process's row
    # cache renders once: such pages stay in the parent when rendering in processes.
    shows_rows: bool = True
    filters: Literal["site", "shown"] | None = None  # a filter form: every value, or the shown
    facet: Facet | None = None

    def __repr__(self) -> str:
        return f"PageKind({self.name!r})"

    def page_url(self, key: Any, lang: str, number: int = 1) -> str:
        url = self.url(key, lang)
        return url if number == 1 else f"{url}page/{number}/"

    def members(self, chron: Chronology) -> dict[Any, list[Incident]]:
        """The groups of a list kind (computed once per build)."""
        assert self.groups is not None, f"{self.name} pages list no group"
        groups = self.groups
        return model_cache(chron).once(("groups", self.name), lambda: groups(chron))

    def pages(self, chron: Chronology) -> Iterator[Page]:
        if self.groups is None:
            for key in self.keys(chron):
                for lang in chron.languages:
                    yield Page(self, key, lang)
            return
        for key, members in self.members(chron).items():
            for number in range(1, page_count(len(members)) + 1):
                for lang in chron.languages:
                    yield Page(self, key, lang, number)


def _word(prefix: str = "") -> Callable[[Chronology, Any, str], str]:
    return lambda chron, key, lang: i18n.word(lang, prefix + key)


def _by_vocabulary(field: str) -> Callable[[Chronology], dict[Any, list]]:
    """Incidents grouped by a one-value field, in the schema's order, empty groups left out."""

    def groups(chron: Chronology) -> dict[Any, list[Incident]]:
        found: dict[Any, list[Incident]] = {k: [] for k in vocabulary(field)}
        for incident in chron.incidents:
            found.setdefault(getattr(incident, field), []).append(incident)
        return {k: v for k, v in found.items() if v}

    return groups


def _actors(incident: Incident) -> list[str]:
    return list(dict.fromkeys(a.id for a in incident.claimed_by + incident.attributed_to))


def _summary(
    name: str, url: Callable[[str], str], template: str, view: Any, **more: Any
) -> PageKind:
    """A page that summarises the whole site, one per language (its address `url(lang)`), signed
    by every incident."""
    return PageKind(
        name, lambda _key, lang: url(lang), template, view, signature=signatures.of_site, **more
    )


# In the order of the plan (and so of sitemap.xml).
KINDS: tuple[PageKind, ...] = (
    _summary("home", urls.home, "index.html", views.home, filters="site"),
    _summary("bases", urls.bases, "bases.html", views.bases, shows_rows=False),
    _summary("archives", urls.archives, "archives.html", views.archives, shows_rows=False),
    _summary("about", urls.about, "about.html", views.about, shows_rows=False),
    _summary("search", urls.search, "search.html", views.static, shows_rows=False),
    PageKind(
        "incident",
        urls.incident,
        "incident.html",
        views.incident,
        keys=lambda chron: [i.id for i in chron.incidents],
        signature=signatures.of_incident,
        one_incident=True,
        shows_rows=False,
    ),
    PageKind(
        "month",
        lambda key, lang: urls.month(*key, lang),
        "month.html",
        views.month,
        keys=lambda chron: chron.months,  # every month of the covered period, even empty
        signature=signatures.of_month,
        filters="shown",
    ),
    PageKind(
        "base",
        urls.base,
        "base.html",
        views.base,
        groups=lambda chron: chron.by_base,
        newest_first=False,
        signature=signatures.of_list,
        filters="shown",
        facet=Facet(
            "base",
            lambda i: (i.base.id,) if i.base else (),
            lambda chron, key, lang: chron.bases[key].title(lang),
            filters.by_label,
            place=2,
        ),
    ),
    PageKind(
        "year",
        urls.year,
        "list.html",
        views.listing,
        groups=lambda chron: chron.by_year,
        signature=signatures.of_list,
        filters="shown",
        facet=Facet(
            "year",
            lambda i: (i.date.year,),
            lambda chron, key, lang: str(key),
            filters.newest_first,
            place=1,
        ),
    ),
    PageKind(
        "actor",
        urls.actor,
        "list.html",
        views.actor,
        groups=lambda chron: chron.by_actor,
        signature=signatures.of_list,
        filters="shown",
        facet=Facet(
            "actors",
            _actors,
            lambda chron, key, lang: chron.actors[key].title(lang),
            filters.by_label,
            place=5,
        ),
    ),
    PageKind(
        "weapon",
        urls.weapon,
        "list.html",
        views.listing,
        groups=lambda chron: chron.by_weapon,
        signature=signatures.of_list,
        filters="shown",
        facet=Facet("weapons", lambda i: i.weapons, _word("weapon."), filters.by_label, place=4),
    ),
    PageKind(
        "kind",
        urls.kind,
        "list.html",
        views.listing,
        groups=_by_vocabulary("kind"),
        signature=signatures.of_list,
        filters="shown",
        facet=Facet("kind", lambda i: (i.kind,), _word(), filters.in_vocabulary("kind"), place=3),
    ),
    PageKind(
        "status",
        urls.status,
        "list.html",
        views.listing,
        groups=_by_vocabulary("status"),
        signature=signatures.of_list,
        filters="shown",
        facet=Facet(
            "status", lambda i: (i.status,), _word(), filters.in_vocabulary("status"), place=6
        ),
    ),
)


def named(name: str) -> PageKind:
    return next(row for row in KINDS if row.name == name)


def templates() -> set[str]:
    """The template of every kind."""
    return {row.template for row in KINDS}


def facets() -> list[PageKind]:
    """The kinds offered as filters, in the order they are offered."""
    offered = [(row.facet.place, n, row) for n, row in enumerate(KINDS) if row.facet]
    return [row for _, _, row in sorted(offered)]


def context(page: Page, chron: Chronology) -> dict[str, Any]:
    """Everything the template of `page` is given."""
    values = {"page": page, "lang": page.lang, "page_url": page.url}
    values["_"] = i18n.words_of(page.lang)  # the page's words (else the context's `lang`'s)
    values.update(page.row.context(page, chron))
    if page.row.filters == "site":
        values["filters"] = filters.site_filters(chron, page.lang, facets())
    elif page.row.filters == "shown":
        values["filters"] = filters.page_filters(chron, page.lang, values["incidents"], facets())
    return values


# --- the plan: every page of the site -------------------------------------------------------


def plan(chron: Chronology) -> list[Page]:
    """Every page of the site, in a stable order (made once per model: the pages and the
    sitemap both need it)."""
    return model_cache(chron).once("plan", lambda: [p for row in KINDS for p in row.pages(chron)])


def plan_key(chron: Chronology) -> tuple[Any, ...]:
    """What the plan depends on: the languages, each kind's keys (the incidents by id, in
    order; the months...) and each list's size (its number of pages). Equal keys, equal plans."""
    return (chron.languages,) + tuple(
        (row.name, tuple(row.keys(chron)))
        if row.groups is None
        else (row.name, tuple((key, len(members)) for key, members in row.members(chron).items()))
        for row in KINDS
    )


def reuse_plan(chron: Chronology, pages: list[Page], page_url: list[str]) -> None:
    """Use the plan and URLs of an earlier model whose plan_key was equal to chron's."""
    cache = model_cache(chron)
    cache.put("plan", pages)
    cache.put("urls", page_url)


def page_urls(chron: Chronology) -> list[str]:
    """The URL of every page of plan(chron), in the same order (computed once per model)."""
    return model_cache(chron).once("urls", lambda: [page.url for page in plan(chron)])
