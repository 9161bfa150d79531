"""Interface words and date formats in each language. Record text is the editors' own."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "site_title": "Chronologie des attaques",
        "colon": "\u00a0: ",
        "lang_name": "Français",
        "other_lang": "English",
        "home": "Chronologie",
        "bases": "Bases",
        "archives": "Archives",
        "about": "À propos des données",
        "search": "Rechercher",
        "skip": "Aller au contenu",
        "attack": "Attaque",
        "strike": "Frappe",
        "attacks": "Attaques",
        "strikes": "Frappes",
        "kind.attack": "attaque contre les forces américaines ou de la coalition",
        "kind.strike": "frappe des forces américaines ou de la coalition",
        "confirmed": "Confirmé",
        "claimed": "Revendiqué",
        "disputed": "Contesté",
        "status.confirmed": "Confirmé par les forces visées ou par la force qui a frappé.",
        "status.claimed": "Seule une revendication l'atteste ; aucune confirmation indépendante.",
        "status.disputed": "Démenti, ou le Pentagone dit ne pas pouvoir le confirmer.",
        "date": "Date",
        "place": "Lieu",
        "kind": "Type",
        "weapons": "Armes",
        "status": "Statut",
        "killed": "Tués",
        "injured": "Blessés",
        "casualties": "Victimes",
        "claimed_by": "Revendiqué par",
        "attributed_to": "Attribué à",
        "nobody": "personne",
        "sources": "Sources",
        "quote": "Citation",
        "archived": "copie archivée",
        "published": "publié le",
        "source_seed": "article conservé",
        "summary": "Résumé",
        "precision.day": "date établie au jour près",
        "precision.month": "seul le mois est connu",
        "precision.approximate": "date approximative",
        "date_inferred": "date déduite de l'article",
        "previous": "Précédent",
        "next": "Suivant",
        "month": "Mois",
        "year": "Année",
        "incidents": "incidents",
        "incident": "incident",
        "all_incidents": "Tous les incidents",
        "country": "Pays",
        "province": "Province",
        "coordinates": "Coordonnées",
        "location.precision.exact": "position exacte",
        "location.precision.approximate": "position approximative",
        "location.precision.admin1": "seule la province est connue",
        "location.precision.country": "seul le pays est connu",
        "base": "Base",
        "counts_by_kind": "Par type",
        "counts_by_weapon": "Par arme",
        "statements": "Bilans rapportés par les sources",
        "actors": "Acteurs",
        "corrections": "Corrections et mises à jour",
        "correction": "Correction",
        "update": "Mise à jour",
        "retracted": "Retiré",
        "retracted_note": "Cet incident a été retiré de la chronologie",
        "record_file": "Fiche source",
        "feed": "Flux Atom",
        "latest": "Derniers incidents",
        "per_month": "Incidents par mois",
        "no_incidents": "Aucun incident.",
        "filter": "Filtrer",
        "filter_reset": "Tout afficher",
        "filter_any": "Tous",
        "filter_shown": "incidents affichés",
        "browse": "Parcourir",
        "map": "Carte",
        "weapon.drone": "drone",
        "weapon.rocket": "roquette",
        "weapon.ballistic-missile": "missile balistique",
        "weapon.cruise-missile": "missile de croisière",
        "weapon.mortar": "mortier",
        "weapon.ied": "engin explosif improvisé",
        "weapon.small-arms": "armes légères",
        "weapon.gunship": "avion d'appui-feu (AC-130…)",
        "weapon.airstrike": "frappe aérienne",
        "weapon.unknown": "non précisée",
        "more_months": "Mois précédents : voir les archives",
        "map_title": "Carte des bases et des lieux frappés",
        "map_where": "Où",
        "map_legend_base": "base : le chiffre est le nombre d'incidents",
        "map_legend_place": "lieu frappé hors d'une base",
        "map_legend_vague": "lieu connu seulement à la province ou au pays près",
        "map_credit": "Fond de carte : Natural Earth (domaine public).",
        "map_here": "position de la base",
        "map_area": "le cercle ou la zone montre ce que l'on sait du lieu",
        "busiest_month": "Mois le plus chargé",
        "chart_note": "Chaque barre est un mois ; le détail de chaque mois est dans les archives.",
        "filter.year": "Année",
        "filter.base": "Base",
        "filter.kind": "Type",
        "filter.weapon": "Arme",
        "filter.actor": "Revendiqué par ou attribué à",
        "filter.status": "Statut",
        "filter_note": (
            "Les filtres agissent sur les incidents de cette page ; chaque valeur a aussi sa page"
            " complète."
        ),
        "filter_full_list": "Liste complète",
        "filter_browse": "Pages par année, base, type, arme, auteur et statut",
        "places": "Lieux frappés hors des bases",
        "latest_at_place": "dernier",
        "search_label": "Mots à chercher",
        "search_results": "{n} résultat(s) pour « {q} »",
        "search_none": "Aucun résultat pour « {q} »",
        "search_results_filtered": "{n} résultat(s) avec ces filtres",
        "search_none_filtered": "Aucun résultat avec ces filtres",
        "search_more": "Plus de résultats",
        "search_failed": "L'index de recherche n'a pas pu être chargé.",
        "search_intro": (
            "Recherche plein texte dans les résumés et les sources de tous les incidents."
        ),
        "search_noscript": (
            "La recherche a besoin de JavaScript. Sans lui, parcourez les archives, les bases ou"
            " les pages par type, arme et statut."
        ),
        "search_unavailable": (
            "La recherche n'est pas disponible dans cette version du site (construite sans"
            " index de recherche). Parcourez les archives ou les bases :"
        ),
        "data": "Données",
        "status_meaning": "Ce que signifie ce statut",
        "print": "Imprimer",
        "aliases": "Autres graphies",
        "reported": "Signalé",
        "status.reported": (
            "Rapporté par les sources, sans confirmation des forces visées ou de la force qui a"
            " frappé, ni revendication citée."
        ),
        "status.responds_to": "En riposte à",
        "responds_to": "En riposte à",
        "drew-response": "A provoqué",
        "responds-to": "En riposte à",
        "same-event": "Même événement que",
        "same-event.reverse": "Même événement que",
        "follow-up": "Suite de",
        "follow-up.reverse": "A eu pour suite",
        "claimed-retaliation": "Présenté comme représailles à",
        "claimed-retaliation.reverse": "A donné lieu à des représailles revendiquées",
        "links": "Liens avec d'autres incidents",
        "claim.nobody": "aucun groupe ne l'a revendiqué",
        "claim.unreported": "aucune revendication rapportée par les sources",
        "weapons.unknown": "arme non précisée dans les sources",
        "casualties.unknown": "non précisé dans les sources",
        "casualties.none": "aucun, selon les sources",
        "stated_in": "Dit dans la source",
        "passage": "passage",
        "supports": "Appuie",
        "basis.inferred": "Déduit du texte",
        "basis.external": "D'une source extérieure",
        "basis.editor": "Jugement de l'éditeur",
        "date_from.quote": "date imprimée dans la source",
        "date_from.inferred": "date déduite de l'article",
        "date_from.external": "date tirée d'une source extérieure à l'article",
        "date_from.editor": "date estimée par l'éditeur",
        "date_between": "entre le {} et le {}",
        "date_window": "fenêtre de dates",
        "no_field_evidence": (
            "Fiche antérieure aux preuves par champ : ses citations ne disent pas quel champ"
            " elles appuient."
        ),
        "unsupported": "aucune citation ni justification",
        "somewhere_in_admin1": "quelque part dans la province de {}",
        "somewhere_in_country": "quelque part {}",
        "coordinates_base": "coordonnées de la base",
        "coordinates_approx": "point approximatif placé par l'éditeur",
        "no_coordinates": "pas de coordonnées : seul ce qui est dit du lieu est montré",
        "publisher": "Éditeur",
        "publisher_unknown": "éditeur inconnu",
        "wire_story": "dépêche {}",
        "stored_copy": "copie conservée, adresse inconnue",
        "archive_copy": "copie archivée le {}, SHA-256 {}",
        "coverage": "Ce que couvre la chronologie",
        "coverage_documented": "Documenté ici",
        "coverage_reported": "Rapporté par les sources",
        "coverage_docs": (
            "{n} incidents documentés ({attacks} attaques, {strikes} frappes) à partir de {sources}"
            " articles ; période couverte : {first} – {last}."
        ),
        "coverage_note": (
            "La chronologie ne documente que les incidents que ses articles décrivent un par un ;"
            " les décomptes des sources montrent qu'il y en a eu bien davantage."
        ),
        "tally_line": "{bound} {count} {what}{since}{where} — décompte {who}, au {day}",
        "tally_since": " depuis le {}",
        "tally_where": " ({})",
        "bound.at-least": "au moins",
        "bound.more-than": "plus de",
        "tally_what.attack": "attaques",
        "tally_what.strike": "frappes",
        "counted_by.source": "de l'article",
        "counted_by": "de : {}",
        "documented_same": "documentées ici sur la même période : {}",
        "empty_month": "Aucun incident documenté ce mois-ci dans les articles de la chronologie.",
        "empty_month_reported": "Ce que les sources rapportent pour la période :",
        "busiest_months": "Mois les plus chargés",
        "chart_tally": "décomptes rapportés (cumulés, non à l'échelle des barres)",
        "in_window": "date approximative : {}",
        "chart_windowed": (
            "{} incidents datés seulement d'une fenêtre de plusieurs mois ne sont pas dans les"
            " barres"
        ),
    },
    "en": {
        "site_title": "Chronology of attacks",
        "colon": ": ",
        "lang_name": "English",
        "other_lang": "Français",
        "home": "Chronology",
        "bases": "Bases",
        "archives": "Archives",
        "about": "About the data",
        "search": "Search",
        "skip": "Skip to content",
        "attack": "Attack",
        "strike": "Strike",
        "attacks": "Attacks",
        "strikes": "Strikes",
        "kind.attack": "attack on US or coalition forces",
        "kind.strike": "strike by US or coalition forces",
        "confirmed": "Confirmed",
        "claimed": "Claimed",
        "disputed": "Disputed",
        "status.confirmed": "Confirmed by the forces targeted or by the force that struck.",
        "status.claimed": "Only a claim supports it; no independent confirmation.",
        "status.disputed": "Denied, or the Pentagon says it cannot confirm it.",
        "date": "Date",
        "place": "Place",
        "kind": "Kind",
        "weapons": "Weapons",
        "status": "Status",
        "killed": "Killed",
        "injured": "Injured",
        "casualties": "Casualties",
        "claimed_by": "Claimed by",
        "attributed_to": "Attributed to",
        "nobody": "nobody",
        "sources": "Sources",
        "quote": "Quote",
        "archived": "archived copy",
        "published": "published",
        "source_seed": "stored article",
        "summary": "Summary",
        "precision.day": "date known to the day",
        "precision.month": "only the month is known",
        "precision.approximate": "approximate date",
        "date_inferred": "date inferred from the article",
        "previous": "Previous",
        "next": "Next",
        "month": "Month",
        "year": "Year",
        "incidents": "incidents",
        "incident": "incident",
        "all_incidents": "All incidents",
        "country": "Country",
        "province": "Province",
        "coordinates": "Coordinates",
        "location.precision.exact": "exact position",
        "location.precision.approximate": "approximate position",
        "location.precision.admin1": "only the province is known",
        "location.precision.country": "only the country is known",
        "base": "Base",
        "counts_by_kind": "By kind",
        "counts_by_weapon": "By weapon",
        "statements": "Figures reported by sources",
        "actors": "Actors",
        "corrections": "Corrections and updates",
        "correction": "Correction",
        "update": "Update",
        "retracted": "Retracted",
        "retracted_note": "This incident was retracted from the chronology",
        "record_file": "Record file",
        "feed": "Atom feed",
        "latest": "Latest incidents",
        "per_month": "Incidents per month",
        "no_incidents": "No incidents.",
        "filter": "Filter",
        "filter_reset": "Show all",
        "filter_any": "All",
        "filter_shown": "incidents shown",
        "browse": "Browse",
        "map": "Map",
        "weapon.drone": "drone",
        "weapon.rocket": "rocket",
        "weapon.ballistic-missile": "ballistic missile",
        "weapon.cruise-missile": "cruise missile",
        "weapon.mortar": "mortar",
        "weapon.ied": "improvised explosive device",
        "weapon.small-arms": "small arms",
        "weapon.gunship": "gunship (AC-130…)",
        "weapon.airstrike": "airstrike",
        "weapon.unknown": "not given",
        "more_months": "Earlier months: see the archives",
        "map_title": "Map of the bases and places struck",
        "map_where": "Where",
        "map_legend_base": "base: the figure is the number of incidents",
        "map_legend_place": "place struck outside a base",
        "map_legend_vague": "place known only to the province or the country",
        "map_credit": "Base map: Natural Earth (public domain).",
        "map_here": "position of the base",
        "map_area": "the circle or area shows what is known of the place",
        "busiest_month": "Busiest month",
        "chart_note": "Each bar is a month; the archives give every month in detail.",
        "filter.year": "Year",
        "filter.base": "Base",
        "filter.kind": "Kind",
        "filter.weapon": "Weapon",
        "filter.actor": "Claimed by or attributed to",
        "filter.status": "Status",
        "filter_note": (
            "Filters act on the incidents of this page; each value also has its full page."
        ),
        "filter_full_list": "Full list",
        "filter_browse": "Pages by year, base, kind, weapon, perpetrator and status",
        "places": "Places struck outside bases",
        "latest_at_place": "latest",
        "search_label": "Words to find",
        "search_results": "{n} result(s) for “{q}”",
        "search_none": "No results for “{q}”",
        "search_results_filtered": "{n} result(s) with these filters",
        "search_none_filtered": "No results with these filters",
        "search_more": "More results",
        "search_failed": "The search index could not be loaded.",
        "search_intro": "Full-text search in the summaries and sources of every incident.",
        "search_noscript": (
            "Search needs JavaScript. Without it, browse the archives, the bases or the pages by"
            " kind, weapon and status."
        ),
        "search_unavailable": (
            "Search is not available in this build of the site (it was built without a search"
            " index). Browse the archives or the bases:"
        ),
        "data": "Data",
        "status_meaning": "What this status means",
        "print": "Print",
        "aliases": "Other spellings",
        "reported": "Reported",
        "status.reported": (
            "Reported by the sources, with no confirmation by the forces targeted or the force"
            " that struck, and no claim quoted."
        ),
        "status.responds_to": "In response to",
        "responds_to": "In response to",
        "drew-response": "Drew a response",
        "responds-to": "In response to",
        "same-event": "Same event as",
        "same-event.reverse": "Same event as",
        "follow-up": "Follow-up to",
        "follow-up.reverse": "Followed by",
        "claimed-retaliation": "Claimed as retaliation for",
        "claimed-retaliation.reverse": "Drew claimed retaliation",
        "links": "Links to other incidents",
        "claim.nobody": "no group claimed it",
        "claim.unreported": "no claim reported in the sources",
        "weapons.unknown": "weapon not given in the sources",
        "casualties.unknown": "not given in the sources",
        "casualties.none": "none, according to the sources",
        "stated_in": "Stated in source",
        "passage": "passage",
        "supports": "Supports",
        "basis.inferred": "Inferred from the text",
        "basis.external": "From a source outside the article",
        "basis.editor": "Editor's judgement",
        "date_from.quote": "date printed in the source",
        "date_from.inferred": "date worked out from the article",
        "date_from.external": "date taken from a source outside the article",
        "date_from.editor": "date estimated by the editor",
        "date_between": "between {} and {}",
        "date_window": "date window",
        "no_field_evidence": (
            "Record older than per-field evidence: its quotes do not say which field they support."
        ),
        "unsupported": "no quote or basis",
        "somewhere_in_admin1": "somewhere in {} province",
        "somewhere_in_country": "somewhere {}",
        "coordinates_base": "coordinates of the base",
        "coordinates_approx": "approximate point placed by the editor",
        "no_coordinates": "no coordinates: only what is said of the place is shown",
        "publisher": "Publisher",
        "publisher_unknown": "publisher unknown",
        "wire_story": "{} story",
        "stored_copy": "stored copy, address unknown",
        "archive_copy": "archived copy, captured {}, SHA-256 {}",
        "coverage": "What this chronology covers",
        "coverage_documented": "Documented here",
        "coverage_reported": "Reported by the sources",
        "coverage_docs": (
            "{n} incidents documented ({attacks} attacks, {strikes} strikes) from {sources}"
            " articles; period covered: {first} – {last}."
        ),
        "coverage_note": (
            "The chronology documents only the incidents its articles describe one by one; the"
            " sources' own counts show there were many more."
        ),
        "tally_line": "{bound} {count} {what}{since}{where} — counted by {who}, as of {day}",
        "tally_since": " since {}",
        "tally_where": " ({})",
        "bound.at-least": "at least",
        "bound.more-than": "more than",
        "tally_what.attack": "attacks",
        "tally_what.strike": "strikes",
        "counted_by.source": "the article",
        "counted_by": "{}",
        "documented_same": "documented here over the same period: {}",
        "empty_month": "No incident documented this month in the chronology's articles.",
        "empty_month_reported": "What the sources report for the period:",
        "busiest_months": "Busiest months",
        "chart_tally": "reported counts (cumulative, not to the bars' scale)",
        "in_window": "approximate date: {}",
        "chart_windowed": (
            "{} incidents dated only to a window of several months are not in the bars"
        ),
    },
}

# "quelque part en Irak / au Koweït / aux Émirats arabes unis", "somewhere in Iraq / in the
# United Arab Emirates": CLDR names countries but not the words put before a name, so each
# language says them here: its usual form, then the countries that take another (French:
# "au" before a masculine name starting with a consonant, "aux" before a plural one, "à"
# before most islands and city-states).
IN_COUNTRY: dict[str, tuple[str, dict[str, str]]] = {
    "fr": (
        "en {}",
        {
            "au {}": "BD BF BI BJ BN BR BT BW BZ CA CD CG CL CM CR CV DK EH GA GB GH GL GT HN"
            " JP KE KG KH KW KZ LA LB LI LR LS LU MA ME ML MM MW MX MZ NE NG NI NP PA PE PK PT"
            " PY QA RW SD SN SR SS SV TD TG TJ TL TM VE VN VU XK YE ZW",
            "aux {}": "AE AS AX BM BQ BS CC CK FJ FK FO HM IC KM KY MH MP MV NL PH PN PW SB SC"
            " TC TO UM US VG VI WS",
            "à {}": "AI AW BH BL CU CW CY DJ GG GI GU JE KI KN LC MC MF MG MS MT MU NR NU OM PM"
            " RE SG SH SM ST SX TK TT TV TW VC YT",
            "à la {}": "BB DM GD",
            "dans la {}": "HK MO",
            "dans les {}": "PS TF",
            "dans l’{}": "VA",
        },
    ),
    "en": (
        "in {}",
        {
            "in the {}": "AE AX BQ BS CC CF CK DO FK FO GB GM HM IO KM KY MH MP MV NL PH PN PS"
            " SB SC TC TF UM US VG VI",
        },
    ),
}


def country(lang: str, code: str) -> str:
    """The country's name in `lang`, from CLDR (the code itself if CLDR has none)."""
    return _territories(lang).get(code, code)


@lru_cache(maxsize=16)
def _territories(lang: str) -> dict[str, str]:
    return Locale.parse(lang).territories


def country_in(lang: str, code: str) -> str:
    """'en Irak', 'au Koweït', 'in Iraq': the country as the end of "somewhere in ..."."""
    if lang not in IN_COUNTRY:
        return f"({country(lang, code)})"
    usual, others = _in_country(lang)
    return others.get(code, usual).format(country(lang, code))


@lru_cache(maxsize=16)
def _in_country(lang: str) -> tuple[str, dict[str, str]]:
    usual, others = IN_COUNTRY[lang]
    return usual, {code: form for form, codes in others.items() for code in codes.split()}


def word(lang: str, key: str) -> str:
    return WORDS[lang].get(key) or WORDS["en"].get(key) or key


@lru_cache(maxsize=65536)
def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)


def when(incident: Any, lang: str) -> str:
    """The date as it is known: the day, the month, or an approximate date's window."""
    if incident.date_window:
        return date_window(*incident.date_window, lang)
    if incident.date_precision == "month":
        return month_name(incident.date.year, incident.date.month, lang)
    return long_date(incident.date, lang)


def id_date(incident_id: str, lang: str) -> str:
    """The day an incident id starts with, as a date (the strikes list names its targets)."""
    return long_date(dt.date.fromisoformat(incident_id[:10]), lang)


def date_from(incident: Any) -> str:
    """Where the date comes from: quote | inferred | external | editor (a basis wins: the
    quotes then give only part of it, such as the weekday)."""
    basis = incident.basis.get("date")
    return basis.how if basis else "quote"


def date_window(first: dt.date, last: dt.date, lang: str) -> str:
    """'entre le 18 octobre 2023 et le 21 octobre 2023': an approximate date as its window."""
    return word(lang, "date_between").format(long_date(first, lang), long_date(last, lang))


@lru_cache(maxsize=4096)
def month_name(year: int, month: int, lang: str) -> str:
    text = format_date(dt.date(year, month, 1), format="LLLL y", locale=lang)
    return text[:1].upper() + text[1:]
