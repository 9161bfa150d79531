"""Mentions -> draft incidents: cluster them, then give each incident its fields.

1. Sentences are read for mentions of attacks and strikes (mentions.py).
2. Mentions are clustered: same kind, compatible date and place (a base is compatible with
   its province, "l'ouest de l'Irak" with bases in the west). "Deux attaques ... les 16 et
   25 juillet" gives two incidents.
3. A sentence right after a mention, without a mention of its own ("Aucune victime", "Le
   Pentagone a déclaré ne pas être en mesure de le confirmer"), adds its casualties, claims,
   denials and weapons to the incident in focus.
4. Each incident gets its fields, a date with its precision and note, and the contiguous
   sentences of the article that best support it as its quote.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace

from generator.importer import lexicon as lx
from generator.importer import sources
from generator.importer.article import Article
from generator.importer.casualties import combine
from generator.importer.dates import (
    CAMPAIGN_START,
    WAR_START,
    DateContext,
    DateMention,
    Resolved,
    chronology_days,
    war_context,
)
from generator.importer.fold import fold
from generator.importer.gazetteer import Gazetteer, Place, closeness, compatible, within
from generator.importer.mentions import Mention, MentionFinder, Reading, reason_after
from generator.importer.published import from_line
from generator.importer.sentences import sentences
from generator.importer.weapons import weapons_of
from generator.model import Range
from generator.records.text import normalise_quote

US_ACTOR = "united-states"
COALITION_ACTOR = "international-coalition"
_STATE_ACTORS = {US_ACTOR, COALITION_ACTOR}
# the label content/actors.yaml keeps for sources that name no group: beside a named group
# ("the Islamic Resistance in Iraq, a network of Iran-backed militias") it describes it
GENERIC_ACTOR = "pro-iran-iraqi-factions"


def _named_first(actors: list[str]) -> list[str]:
    named = [a for a in actors if a != GENERIC_ACTOR]
    return named if named else actors


@dataclass
class Cluster:
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    attached: list[Reading] = field(default_factory=list)
    place: Place | None = None
    fixed_date: Resolved | None = None
    pending_claim: list[str] = field(default_factory=list)
    last: int = 0
    one_more_of: Cluster | None = None  # "une deuxième frappe": its agent is that one's

    @property
    def readings(self) -> list[Reading]:
        seen: dict[int, Reading] = {}
        for r in [m.reading for m in self.mentions] + self.attached:
            seen.setdefault(r.index, r)
        return [seen[i] for i in sorted(seen)]


@dataclass
class DraftIncident:
    """One incident found in an article, with every field a record needs."""

    kind: str
    date: dt.date
    date_precision: str
    date_note: str
    place: Place
    weapons: list[str]
    killed: Range
    injured: Range
    casualty_note: str | None
    claimed_by: list[str]
    attributed_to: list[str]
    status: str
    quote: str
    review: list[str] = field(default_factory=list)
    other_quotes: list[str] = field(default_factory=list)  # next best, for a stricter check
    date_window: tuple[dt.date, dt.date] | None = None  # the days it can be, when not sure
    evidence: list[str] = field(default_factory=list)  # the sentences it was read from


@dataclass
class Extraction:
    incidents: list[DraftIncident]
    notes: list[str] = field(default_factory=list)


class Extractor:
    def __init__(self, article: Article, gazetteer: Gazetteer, today: dt.date | None = None):
        self.article = article
        self.gaz = gazetteer
        self.today = today or dt.date.today()
        self.sents = sentences([(b.text, b.heading) for b in article.blocks])
        self.finder = MentionFinder(gazetteer)
        self.readings: list[Reading | None] = [
            None if s.heading else self.finder.read(i, s) for i, s in enumerate(self.sents)
        ]
        self.finder.readings = self.readings
        sources.carry_speakers(self.readings)
        entries = chronology_days([(s.text, s.heading) for s in self.sents], article.title)
        for i, entry in entries.items():
            reading = self.readings[i]
            if reading is not None:
                reading.dates.insert(0, entry)
        body = " ".join(s.text for s in self.sents if not s.heading)
        mentions = [d for r in self.readings if r for d in r.dates]
        war = war_context(body)
        month_only = article.published is not None and article.published_precision == "month"
        published = article.published
        self.notes: list[str] = []
        given = article.published_source == "option"
        if published is not None and war and published < WAR_START and not given:
            # "DECEMBER 9, 2022" over an article on the Gaza war: the site's header, not the
            # day the article was published
            self.notes.append(
                f"The date found for the publication ({published.isoformat()}, "
                f"{article.published_how}) is before the Gaza war the article speaks of: "
                "not used."
            )
            published, month_only = None, False
        if published is None or month_only:
            published = self._dateline_day(mentions, war) or published
            month_only = month_only and published == article.published
        self.post_day: dt.date | None = None
        if published is None:
            # "— World News (@ferozwala) April 21, 2024": the day of a post the article quotes
            # stands for its own, flagged: the article may be later
            published = self.post_day = _post_day(article.quote_source, self.today)
            if published is not None:
                self.notes.append(
                    f"No publication date: the day of the post the article quotes "
                    f"({published.isoformat()}) is taken for it."
                )
        loose = (
            published is not None
            and published == article.published
            and (article.published_source == "line")
        )
        self.dates = DateContext(
            mentions, published, war, self.today, month_only=month_only, loose=loose
        )

    def _dateline_day(self, mentions: list[DateMention], war: bool) -> dt.date | None:
        """'BAGHDAD, Jan 21 (Reuters) -': the day of a dateline stands for the publication."""
        line = [d for d in mentions if d.role == "dateline" and d.explicit]
        if not line:
            return None
        found = DateContext(mentions, None, war, self.today).resolve(line[0])
        return found[0].date if found else None

    # -- clustering ------------------------------------------------------------------------
    def _resolved(self, days: list[DateMention]) -> Resolved | None:
        event = [d for d in days if d.role == "event"] or days
        for d in event:
            found = self.dates.resolve(d)
            if found:
                return found[0]
        return None

    def _day(self, mention: Mention) -> dt.date | None:
        """The day a mention speaks of, if it says (or inherited) one."""
        if mention.shifted is not None:
            return mention.shifted.date
        found = self._resolved(mention.days) or self._resolved(mention.inherited)
        return found.date if found else None

    def _firm(self, mention: Mention) -> tuple[Resolved, int | None] | None:
        """The day a mention speaks of (and the weekday it was named by), unless it is only
        the day someone spoke (a later report of the same event must not split it in two)."""
        if mention.shifted is not None:
            return mention.shifted, None
        own = [d for d in mention.days if d.role == "event" and not d.vague]
        if mention.days and not own:
            return None
        days = own or mention.inherited
        event = [d for d in days if d.role == "event"] or days
        for d in event:
            found = self.dates.resolve(d)
            if found:
                return found[0], d.weekday
        return None

    def _firm_day(self, mention: Mention) -> dt.date | None:
        found = self._firm(mention)
        return found[0].date if found else None

    def _fits(self, cluster: Cluster, mention: Mention) -> bool:
        if cluster.kind != mention.kind:
            return False
        day = self._firm(mention)
        if cluster.fixed_date is not None:
            if day is not None and not _same_day(day, (cluster.fixed_date, None)):
                return False
        else:
            days = [d for d in (self._firm(m) for m in cluster.mentions) if d is not None]
            if day is not None and days and not any(_same_day(day, d) for d in days):
                return False
        if mention.place is not None and cluster.place is not None:
            return compatible(mention.place, cluster.place)
        return True

    def _best(self, candidates: list[Cluster], mention: Mention) -> Cluster:
        if mention.place is not None:
            placed = [c for c in candidates if c.place is not None]
            if placed:
                return max(placed, key=lambda c: (closeness(mention.place, c.place), c.last))
        return max(candidates, key=lambda c: c.last)

    def _add(self, cluster: Cluster, mention: Mention) -> None:
        cluster.mentions.append(mention)
        cluster.last = mention.reading.index
        place, current = mention.place, cluster.place
        if place is None or current is not None and place.level <= current.level:
            return
        if (
            current is not None
            and current.level == 2
            and place.level == 4
            and _same_name(place.name_fr, current.admin1)
        ):
            return  # "la frappe de Kirkouk" after "la province de Kirkouk": the province
        cluster.place = place

    def _seeds(self, mention: Mention, clusters: list[Cluster]) -> bool:
        r = mention.reading
        if (
            not mention.specific
            and not mention.anaphoric
            and not mention.recent_only
            and not mention.recalled
            and mention.place is not None
            and mention.place.level >= 2
        ):
            return True  # "conducted precision airstrikes in eastern Syria"
        if mention.kind == "strike" and mention.specific and lx.RETALIATION.search(r.folded):
            return True  # "a coalition aircraft retaliated by striking the launcher"
        if (
            mention.kind == "strike"
            and not mention.recent_only
            and not mention.recalled
            and (lx.US.search(r.folded) or lx.THE_US.search(r.folded))
            and lx.TARGETS_COUNTED.search(r.folded)
        ):
            # "strikes were conducted by US forces on three facilities in Iraq", unless it
            # recalls the strikes already drafted in that country
            country = mention.place.country if mention.place else None
            return not any(
                c.kind == "strike" and c.place is not None and c.place.country == country
                for c in clusters
            )
        return mention.specific and bool(
            mention.days
            or mention.inherited
            or (mention.place and mention.place.level > 1)
            or r.figures
            or any(p.search(r.folded) for _, p in lx.WEAPONS)
        )

    def _twin_told(
        self, mention: Mention, mentions: list[Mention], clusters: list[Cluster]
    ) -> bool:
        """ "des frappes en Irak et en Syrie" after the strikes in Syria were told: the same
        operation in the other country, an incident of its own. Only beside the country's
        strikes just told, with no finer place, and with no day of its own (a sentence that
        dates itself recalls other strikes: "this weekend", "over the past weekend")."""
        r = mention.reading
        return (
            mention.twin
            and not r.dates
            and not _RECALLS_OTHERS.search(r.folded)
            and any(
                self._fits(c, m)
                and c.place is not None
                and c.place.level <= 2
                and r.index - c.last <= 2
                for m in mentions
                if m is not mention and m.twin and m.place != mention.place
                for c in clusters
            )
        )

    def clusters(self) -> list[Cluster]:
        clusters: list[Cluster] = []
        focus: Cluster | None = None
        focus_at = -10
        previous: list[Mention] = []
        pending: tuple[list[str], int] | None = None
        told_by: tuple[list[str], int] | None = None
        for reading in self.readings:
            if reading is None:
                continue
            mentions = self.finder.find(reading, previous)
            if mentions:
                self._inherit(mentions, previous)
                for mention in mentions:
                    # "... l'attaque menée contre ses troupes la semaine dernière. En effet, une
                    # attaque de drone en Jordanie a tué trois soldats": the same recalled event
                    if (
                        mention.specific
                        and not mention.days
                        and any(
                            p.kind == mention.kind
                            and not p.specific
                            and lx.RECALLED_UNDATED.search(p.reading.folded)
                            for p in previous
                        )
                        and reading.index - max(p.reading.index for p in previous) == 1
                    ):
                        mention.specific = False
            touched: list[Cluster] = []
            for mention in mentions:
                if mention.multi:
                    for d in mention.multi:
                        for resolved in self.dates.resolve(d):
                            cluster = Cluster(mention.kind, fixed_date=resolved)
                            self._add(cluster, mention)
                            clusters.append(cluster)
                            touched.append(cluster)
                    continue
                candidates = [c for c in clusters if self._fits(c, mention)]
                if mention.other:  # "another strike": none of those told before
                    candidates = []
                told = None if candidates else self._told_before(mention, previous)
                if mention.recent_only:
                    candidates = [c for c in candidates if reading.index - c.last <= 6]
                    if not candidates and told is None:
                        reading.generic = True
                        continue
                if candidates:
                    cluster = self._best(candidates, mention)
                elif told is not None:
                    # "American forces carried out airstrikes in Iraq." then "Conducted on
                    # Monday, the strikes ...": the strikes just told, dated now
                    cluster = Cluster(mention.kind)
                    clusters.append(cluster)
                    self._add(cluster, told)
                elif (
                    self._seeds(mention, clusters)
                    or self._twin_told(mention, mentions, clusters)
                    # "quatre autres blessés dans une deuxième frappe à Wassit": one more of the
                    # strikes told, at a place none of them is at
                    or mention.one_more
                    and mention.place is not None
                ):
                    cluster = Cluster(mention.kind)
                    if mention.one_more:
                        strikes = [c for c in clusters if c.kind == "strike"]
                        cluster.one_more_of = max(strikes, key=lambda c: c.last, default=None)
                    clusters.append(cluster)
                else:
                    continue
                self._add(cluster, mention)
                touched.append(cluster)
                if pending and mention.kind == "attack" and pending[1] > 0:
                    cluster.pending_claim = pending[0]
                    pending = (pending[0], pending[1] - 1)
            if touched and reading.claim and all(c.kind == "strike" for c in touched):
                self._claim_of_recalled_attack(reading, clusters)
            told_by = self._claim_goes_on(reading, touched, told_by)
            if touched and _BOTH.search(reading.folded):
                # "the Observatory confirmed that both bases were hit": the two just told
                recent = [
                    c
                    for c in clusters
                    if c.kind == touched[-1].kind
                    and c not in touched
                    and reading.index - c.last <= 3
                ]
                if len(recent) == 1 and reading not in recent[0].attached:
                    recent[0].attached.append(reading)
            focus_kind = focus.kind if focus is not None else None
            if touched:
                focus, focus_at = touched[-1], reading.index
            elif reading.generic:
                if reading.claim:
                    actors = self._claimants(reading)
                    count = self.finder.count_in(reading.folded)
                    recent = [
                        c for c in clusters if c.kind == "attack" and reading.index - c.last <= 6
                    ]
                    if actors and count and count <= 5:
                        if len(recent) >= count:  # "X a revendiqué les deux attaques"
                            for cluster in recent[-count:]:
                                cluster.pending_claim = actors
                        else:  # "X a revendiqué deux attaques. La première ..."
                            pending = (actors, count)
                    elif actors and not count and lx.THE_ATTACKS_JUST_TOLD.search(reading.folded):
                        # "X said in two statements that the attacks were a response"
                        for cluster in recent:
                            cluster.pending_claim = cluster.pending_claim or actors
                focus = None
            elif reading.foreign and not lx.US.search(reading.folded):
                focus = None
            elif mentions and all(m.recalled and m.kind != focus_kind for m in mentions):
                pass  # "It comes a week after U.S. forces carried out an airstrike, killing 4"
            elif (
                focus is not None
                and reading.index - focus_at <= 2
                and (
                    # "The incident happened on Monday evening." dates the incident in focus
                    (lx.HAPPENED.search(reading.folded) and reading.dates)
                    or (self._adds(reading) and not self._other_day(reading, focus))
                )
            ):
                target = _twin_named(reading, clusters, focus) or focus
                self._base_attack(reading, clusters, target).attached.append(reading)
                focus_at = reading.index
            if mentions or (previous and reading.index - previous[0].reading.index > 2):
                previous = mentions
        return clusters

    @staticmethod
    def _base_attack(reading: Reading, clusters: list[Cluster], focus: Cluster) -> Cluster:
        """The incident a sentence with no mention adds to: the one in focus, unless that is
        a strike and the sentence names the base an attack just told hit ("... tués sur la
        base d'Al-Omar, a indiqué l'OSDH")."""
        bases = [f.what for f in reading.places if f.what.base]
        if focus.kind != "strike" or not bases:
            return focus
        hit = [
            c
            for c in clusters
            if c.kind == "attack"
            and c.place is not None
            and any(compatible(b, c.place) for b in bases)
            and reading.index - c.last <= 6
        ]
        return hit[-1] if hit else focus

    def _claim_goes_on(
        self, reading: Reading, touched: list[Cluster], told_by: tuple[list[str], int] | None
    ) -> tuple[list[str], int] | None:
        """'X announced it attacked A. ... They also targeted B.': the group's statement goes
        on telling its attacks; returns the claim still being told (its actors, where)."""
        if reading.claim:
            actors = self._claimants(reading)
            return (actors, reading.index) if actors else told_by
        if (
            told_by is None
            or reading.index - told_by[1] > 3
            or reading.us_speaker
            or reading.other_source
            or not lx.ALSO_DID.search(reading.folded)
        ):
            return told_by
        attacks = [c for c in touched if c.kind == "attack" and not c.pending_claim]
        for cluster in attacks:
            cluster.pending_claim = told_by[0]
        return (told_by[0], reading.index) if attacks else told_by

    def _claim_of_recalled_attack(self, reading: Reading, clusters: list[Cluster]) -> None:
        """'L'attaque, revendiquée par X, intervient après les frappes ...': the sentence
        tells the strikes, and the claim of the attack just told."""
        claim = lx.CLAIM.search(reading.folded)
        attack = lx.ANAPHORIC_ATTACK.search(reading.folded)
        if claim is None or attack is None or not 0 <= claim.start() - attack.end() < 40:
            return
        recent = [c for c in clusters if c.kind == "attack" and reading.index - c.last <= 6]
        actors = self._claimants(reading)
        if recent and actors and not recent[-1].pending_claim:
            recent[-1].pending_claim = actors

    @staticmethod
    def _told_before(mention: Mention, previous: list[Mention]) -> Mention | None:
        """The undated strikes of the sentence just before, that 'the strikes' with a day of
        its own now dates (a US or coalition strike only: 'the attacks' may be many)."""
        if mention.kind != "strike" or mention.specific or not mention.days:
            return None
        return next(
            (
                p
                for p in reversed(previous)
                if p.kind == mention.kind
                and not p.specific
                and not p.days
                and not p.recalled
                and mention.reading.index - p.reading.index <= 2
            ),
            None,
        )

    def _inherit(self, mentions: list[Mention], previous: list[Mention]) -> None:
        """A mention with no date of its own takes the date of the sentence just before
        ("La réponse américaine est venue ..."), unless it says the time differs."""
        source = [d for m in previous for d in m.days if d.shift is None]
        for mention in mentions:
            shifted = [d for d in mention.days if d.shift is not None]
            if shifted:  # "La veille, ...": the day before the event just told
                mention.days = [d for d in mention.days if d.shift is None]
                base = self._resolved(source)
                if (
                    base is not None
                    and previous
                    and mention.reading.index - previous[0].reading.index <= 2
                ):
                    shift = shifted[0].shift or 0
                    side = "before" if shift < 0 else "after"
                    mention.shifted = Resolved(
                        base.date + dt.timedelta(days=shift),
                        base.precision,
                        f"'{shifted[0].text}': the day {side} {base.date.isoformat()}, the date "
                        f"of the event told just before. {base.note}",
                        _widen(base, shift, shift) if base.window else None,
                    )
                continue
            if mention.days or not source or mention.multi or mention.other:
                continue
            if lx.SAME_DAY.search(mention.reading.folded):
                mention.days = source  # "Le même jour": the date just told, as sure
                continue
            if lx.RELATIVE_TIME.search(mention.reading.folded):
                continue
            if previous and mention.reading.index - previous[0].reading.index > 2:
                continue
            if mention.anaphoric and all(m.kind != mention.kind for m in previous):
                continue  # "l'attaque" after a sentence on strikes: not the strikes' day
            mention.inherited = source

    def _other_day(self, r: Reading, cluster: Cluster) -> bool:
        """Does the sentence date itself to another day than the incident in focus?"""
        days = {self._day(m) for m in cluster.mentions} - {None}
        if cluster.fixed_date:
            days = {cluster.fixed_date.date}
        own = {x.date for d in r.dates if d.role == "event" for x in self.dates.resolve(d)}
        return bool(days and own and not days & own)

    def _adds(self, r: Reading) -> bool:
        """Does a sentence without a mention of its own add something to the focus?"""
        return bool(
            (r.figures and not r.foreign)
            or r.denial
            or r.claim
            or r.us_speaker
            or any(p.search(r.folded) for _, p in lx.WEAPONS)
        )

    # -- fields ----------------------------------------------------------------------------
    def _claimants(self, r: Reading) -> list[str]:
        """Who claims: the actor named nearest the claim ("revendiquée par X"), with any
        named right beside it ("X et Y"); "ces factions" is the last group named before."""
        found = [f for f in r.actors if f.what not in _STATE_ACTORS]
        if any(f.what != GENERIC_ACTOR for f in found):
            found = [f for f in found if f.what != GENERIC_ACTOR]
        claim = lx.CLAIM.search(r.folded)
        demonstrative = lx.DEMONSTRATIVE_ACTOR.search(r.folded)
        if (
            claim
            and demonstrative
            # "X a publié un communiqué indiquant que le groupe avait attaqué": X itself
            and not any(f.start < demonstrative.start() for f in found)
            and (
                not found
                or abs(demonstrative.start() - claim.start())
                < min(abs(f.start - claim.start()) for f in found)
            )
        ):
            return self._earlier_actor(r.index)
        if not found:
            return []
        at = claim.start() if claim else 0
        after = [f for f in found if f.start >= at]
        before = [f for f in found if f.start < at]
        if (
            claim
            and after
            and re.match(r"\w*\s+(?:[\w']+\s+){0,3}?(?:par|by)\b", r.folded[claim.end() :])
        ):
            nearest = after[0]  # "revendiquée par X", "claimed by X"
        elif claim and before:
            nearest = before[0]  # "X, nébuleuse de ..., a revendiqué": the subject
        else:
            nearest = min(found, key=lambda f: abs(f.start - at))
        group = [
            f.what
            for f in found
            if f is nearest or abs(f.start - nearest.end) < 8 or abs(nearest.start - f.end) < 8
        ]
        return list(dict.fromkeys(group))

    def _earlier_actor(self, index: int) -> list[str]:
        for reading in reversed(self.readings[:index]):
            if reading is None:
                continue
            found = [f.what for f in reading.actors if f.what not in _STATE_ACTORS]
            if found:
                return _named_first(found)[-1:]  # the group named, not the label describing it
        return []

    def _date(self, cluster: Cluster) -> tuple[Resolved, list[str]]:
        review: list[str] = []
        if cluster.fixed_date is not None:
            return cluster.fixed_date, review
        ranked: list[tuple[int, Resolved]] = []
        spoken: list[Resolved] = []
        for mention in cluster.mentions:
            if mention.shifted is not None:
                ranked.append((1, mention.shifted))
            for group, penalty in ((mention.days, 0), (mention.inherited, 2)):
                for d in group:
                    for resolved in self.dates.resolve(d):
                        rank = (
                            penalty
                            + (0 if d.explicit else 1)
                            + (2 if d.role == "speech" else 0)
                            + (1 if d.vague else 0)
                            # "The incident happened on Monday evening": the sentence dates it
                            - (1 if lx.HAPPENED.search(mention.reading.folded) else 0)
                        )
                        if d.role == "speech":
                            resolved = _widened(
                                resolved,
                                (-6, 0),
                                "; it is the day the sources spoke, the event may be earlier.",
                            )
                            spoken.append(resolved)
                        if penalty:
                            resolved = _widened(
                                resolved,
                                (-6, 6),
                                " (date of the event told just before in the article).",
                            )
                        ranked.append((rank, resolved))
        for r in cluster.attached:  # "The incident happened on Monday evening."
            if lx.HAPPENED.search(r.folded):
                for d in r.dates:
                    if d.role == "event":
                        ranked += [(0, resolved) for resolved in self.dates.resolve(d)]
        if ranked:
            # two days sources spoke of it, equally good: it happened on or before the first
            best = min(
                ranked,
                key=lambda x: (
                    x[0],
                    {"day": 0, "month": 1}.get(x[1].precision, 2),
                    x[1].date if any(x[1] is s for s in spoken) else dt.date.max,
                ),
            )
            chosen = best[1]
            days = sorted({res.date for _, res in ranked if res.precision == "day"})
            if chosen.precision == "day" and len(days) > 1:
                # its own sentences name two days ("on Tuesday", "late Monday evening"):
                # shown the best read, flagged with both
                chosen = Resolved(
                    chosen.date,
                    "approximate",
                    chosen.note.rstrip(".")
                    + "; the incident's sentences also name "
                    + ", ".join(d.isoformat() for d in days if d != chosen.date)
                    + ": check the date.",
                    (days[0], days[-1]),
                )
            if chosen.precision != "day":
                review.append("date")
            elif self.post_day is not None:
                review.append("date")
                chosen = replace(chosen, note=chosen.note + " (counted from the quoted post's day)")
            return chosen, review
        review.append("date")
        if self.dates.basis == "publication" and self.dates.now is not None:
            day = self.dates.now
            low = min(CAMPAIGN_START, day)
            return Resolved(
                day,
                "approximate",
                "The article gives no date for this incident: it happened on or before "
                f"the publication date ({day.isoformat()}). Set the date.",
                (low, day),
            ), review
        # nothing dates it: never the day of the import
        low = self.dates.low or CAMPAIGN_START
        high = max(low, self.dates.high)
        if self.dates.basis == "month" and self.dates.guess_from is not None:
            # published that month: show its first day, never a day of the month before
            shown, earliest = self.dates.guess_from, "the first day of the publication month"
        elif self.dates.guess_from is not None and low <= self.dates.guess_from <= high:
            # the article is published on or after the latest date it prints: the nearest
            # guess for an event it tells without a date, as the publication day would be
            shown, earliest = self.dates.guess_from, "the latest date the article prints"
        else:
            shown, earliest = low, "the earliest it can be"
        return Resolved(
            shown,
            "approximate",
            "Date unknown: neither the article nor the import gives a date for this "
            f"incident: it can be any day from {low.isoformat()} to {high.isoformat()}; the "
            f"guess is {shown.isoformat()}, {earliest}. Set the date (or import with "
            "--published).",
            (low, high),
        ), review

    def _casualties(self, cluster: Cluster) -> tuple[Range, Range, str | None]:
        killed: list[Range] = []
        injured: list[Range] = []
        more = {"killed": 0, "injured": 0}
        notes: list[str] = []
        mention_at = {m.reading.index: m for m in cluster.mentions}
        country = cluster.place.country if cluster.place else None
        for r in cluster.readings:
            if r.foreign and r.index not in mention_at:
                continue
            places = {f.what.country for f in r.places if f.what.in_scope}
            if r.index not in mention_at and country and places and country not in places:
                continue  # "En Syrie, ... 23 tués" does not count for a strike in Iraq
            if r.index not in mention_at and self._after_gaza_toll(r.index):
                continue  # "... à Gaza, qui a tué 16 248 personnes. 43 616 autres blessées."
            mention = mention_at.get(r.index)
            # another mention of this same incident in the sentence is no rival for its toll
            others = [
                m
                for m in self._sentence_mentions.get(r.index, [])
                if m is not mention and m not in cluster.mentions
            ]
            # "The attack came a day after an Iran missile attack ..., which left four dead":
            # the toll after that belongs to the event recalled
            recalled = lx.RECALLED_AFTER.search(r.folded, mention.pos if mention else 0)
            for figure in r.figures:
                if recalled is not None and figure.start >= recalled.end():
                    continue
                if (
                    cluster.kind == "strike"
                    and mention is not None
                    and figure.start >= reason_after(r.folded, mention.pos)
                ):
                    continue  # "strikes in retaliation for the attack that killed three"
                if _GAZA_TOLL.search(r.folded[max(0, figure.start - 150) : figure.start]):
                    continue  # "la guerre ... à Gaza, qui a tué au moins 16 248 personnes"
                if lx.TALLY.search(r.folded):
                    continue  # "attacks in recent weeks have injured 56 soldiers": a total
                if _OF_THE_TOTAL.search(r.folded[max(0, figure.start - 12) : figure.start]):
                    continue  # "Of the 39 dead, ... killed 16": the total being split
                # (the countries of the strikes, not of the reason told after them)
                reason = reason_after(r.folded, 0)
                since = max(0, figure.start - 120, reason if reason <= figure.start else 0)
                if figure.range != Range(0, 0) and (
                    lx.TWO_COUNTRIES.search(r.folded[since : figure.start])
                    or _two_countries_after(r.folded, figure.end)
                    and (mention is None or reason_after(r.folded, mention.pos) > figure.end)
                ):
                    # "frappes en Syrie et en Irak, qui ont fait 45 morts": a total (but none
                    # in all is none in each)
                    continue
                if (
                    mention
                    and others
                    and any(
                        abs(figure.start - o.pos) < abs(figure.start - mention.pos) for o in others
                    )
                ):
                    continue
                if cluster.kind == "strike" and sources.us_losses(
                    r.folded[figure.start : figure.end + 40]
                ):
                    continue  # "Des soldats américains ont été blessés": the attack's toll
                more_than_told = _N_OTHER.match(fold(figure.text))
                if _ONE_MORE.match(fold(figure.text)) and figure.range == Range(1, 1):
                    more[figure.what] += 1  # "Another member was also killed": one more
                elif (
                    more_than_told
                    and figure.range.min == figure.range.max
                    and (told := killed if figure.what == "killed" else injured)
                    and all(t.min == t.max for t in told)
                ):
                    # "killed two commanders" then "two other militiamen were killed": two
                    # more than those told (not when the first was a total, "at least four")
                    more[figure.what] += figure.range.min or 0
                else:
                    (killed if figure.what == "killed" else injured).append(figure.range)
                quoted = (
                    f"« {figure.text} »" if self.article.language == "fr" else f'"{figure.text}"'
                )
                if quoted not in notes:
                    notes.append(quoted)
        k, i = _plus(combine(killed), more["killed"]), _plus(combine(injured), more["injured"])
        if i == Range(0, 0) and not k.known:
            k = Range(0, 0)  # "sans faire de blessé": nobody hurt, so nobody killed
        return k, i, "; ".join(notes) or None

    def _after_gaza_toll(self, index: int) -> bool:
        """Does the sentence at `index`, or the one before it, tell the toll of a war?"""
        for i in (index - 1, index):
            r = self.readings[i] if 0 <= i < len(self.readings) else None
            if r is not None and r.figures and _GAZA_TOLL.search(r.folded):
                return True
        return False

    def _actors(self, cluster: Cluster) -> tuple[list[str], list[str]]:
        claimed: list[str] = []
        attributed: list[str] = []
        for r in cluster.readings:
            if cluster.kind == "attack" and r.claim:
                claimed += self._claimants(r)
            elif cluster.kind == "attack" and lx.ATTRIBUTION.search(r.folded):
                at = lx.ATTRIBUTION.search(r.folded).start()
                attributed += [
                    f.what
                    for f in r.actors
                    if f.what not in _STATE_ACTORS and abs(f.start - at) < 90
                ]
        if cluster.kind == "attack":
            claimed += cluster.pending_claim
        else:
            words = " ".join(r.folded for r in cluster.readings)
            us = re.search(
                r"\bamericaine?s?\b|\betats- ?unis\b|\bwashington\b|\bcentcom\b"
                r"|\bpentagon\w*\b|\bu\.?s\.?\b|\bunited states\b|\bcentral command\b"
                r"|\bdefen[cs]e secretary\b|\bsecretary of defen[cs]e\b"
                r"|\bsecretaire (?:americain )?a la defense\b|\bbiden\b|\bmaison blanche\b"
                r"|\bwhite house\b",
                words,
            )
            if us:
                claimed = [US_ACTOR]
            elif "coalition" in words:
                claimed = [COALITION_ACTOR]
        claimed = _named_first(list(dict.fromkeys(claimed)))
        attributed = [a for a in _named_first(list(dict.fromkeys(attributed))) if a not in claimed]
        return claimed, attributed

    def _quotes(self, cluster: Cluster) -> list[str]:
        """Contiguous runs of sentences (at most five, ~900 characters) verbatim in the
        article, best first: the most of the incident's sentences, the fewest others."""
        weight: dict[int, float] = {r.index: 1 for r in cluster.attached}
        for m in cluster.mentions:
            r = m.reading
            informative = bool(
                r.figures
                or r.claim
                or r.denial
                or r.us_speaker
                or m.days
                or any(p.search(r.folded) for _, p in lx.WEAPONS)
            )
            weight[r.index] = max(weight.get(r.index, 0), 2 if m.specific or informative else 0.5)
        indexes = sorted(weight)
        raw = normalise_quote(self.article.quote_source)
        ranked: list[tuple[tuple[float, ...], str]] = []
        for a in indexes:
            for b in indexes:
                if b < a or b - a > 4:
                    continue
                text = self._join(a, b)
                if len(text) > 900 and b > a or normalise_quote(text) not in raw:
                    continue
                inside = sum(w for i, w in weight.items() if a <= i <= b)
                strangers = sum(
                    1 for i in range(a, b + 1) if i not in weight and not self.sents[i].heading
                )
                ranked.append(((inside - 1.5 * strangers, -(b - a), -a), text))
        ranked.sort(key=lambda x: x[0], reverse=True)
        quotes = list(dict.fromkeys(text for _, text in ranked))
        return quotes or [self._join(indexes[0], indexes[0])]

    def _join(self, a: int, b: int) -> str:
        """The article text from sentence a to sentence b; a line break between blocks."""
        parts: list[str] = []
        block, start, end = -1, 0, 0
        for s in self.sents[a : b + 1]:
            if s.block == block:
                end = s.end
                continue
            if block >= 0:
                parts.append(self.article.blocks[block].text[start:end])
            block, start, end = s.block, s.start, s.end
        parts.append(self.article.blocks[block].text[start:end])
        return "\n".join(parts)

    # -- the whole article -----------------------------------------------------------------
    def run(self) -> Extraction:
        self._sentence_mentions: dict[int, list[Mention]] = {}
        clusters = self.clusters()
        for cluster in clusters:
            for mention in cluster.mentions:
                self._sentence_mentions.setdefault(mention.reading.index, []).append(mention)
        incidents: list[DraftIncident] = []
        for cluster in clusters:
            place = cluster.place
            review: list[str] = []
            if place is not None and not place.in_scope:
                self.notes.append(
                    f"a {cluster.kind} in {place.name_en} left out (outside Iraq, Syria and Jordan)"
                )
                continue
            if cluster.kind == "strike" and place is not None and place.base:
                # a US or coalition strike does not hit a US or coalition base: the base
                # belongs to the attack another clause recalls
                place = self.gaz.country_place(place.country)
            if place is None or place.level <= 2:
                near = self._place_nearby(cluster, clusters)
                if near is not None and (place is None or compatible(near, place)):
                    place = near  # "le nord-est de la Jordanie", then "la tour 22"
            if place is not None and place.level == 3 and place.admin1 is None:
                place = self._province_of(cluster, place)
            if place is None:
                place = self.gaz.country_place(self._country(cluster))
                review.append("place")
            elif place.level == 1:
                review.append("place")
            date, date_review = self._date(cluster)
            review += date_review
            claimed, attributed = self._actors(cluster)
            told = cluster.readings
            if not claimed and cluster.one_more_of is not None:
                claimed, attributed = self._actors(cluster.one_more_of)
                told = [*cluster.one_more_of.readings, *told]
            killed, injured, note = self._casualties(cluster)
            if (
                cluster.kind == "attack"
                and not killed.known
                and not injured.known
                and date.date in self._unhurt_days
            ):
                # "attacked four times on November 23 ..., but there were no casualties":
                # none in each of that day's attacks
                killed = injured = Range(0, 0)
            told_at = {m.reading.index: m.pos for m in cluster.mentions}
            clauses = {m.reading.index: m.clause for m in cluster.mentions if m.clause}
            weapons = weapons_of(cluster.kind, cluster.readings, told_at, clauses)
            if weapons == ["unknown"]:
                review.append("weapons")
            status = sources.status(told, cluster.kind, claimed)
            quotes = self._quotes(cluster)
            incidents.append(
                DraftIncident(
                    kind=cluster.kind,
                    date=date.date,
                    date_precision=date.precision,
                    date_note=date.note,
                    date_window=(
                        (date.window[0], min(date.window[1], max(self.today, date.window[0])))
                        if date.window
                        else None
                    ),
                    evidence=[self.sents[r.index].text for r in cluster.readings],
                    place=place,
                    weapons=weapons,
                    killed=killed,
                    injured=injured,
                    casualty_note=note,
                    claimed_by=claimed,
                    attributed_to=attributed,
                    status=status,
                    quote=quotes[0],
                    review=review,
                    other_quotes=quotes[1:],
                )
            )
        incidents.sort(key=lambda d: (d.date, d.kind))
        return Extraction(_without_recalled_months(incidents), self.notes)

    @functools.cached_property
    def _unhurt_days(self) -> frozenset[dt.date]:
        """Days a sentence about several attacks says nobody was hurt on."""
        days: set[dt.date] = set()
        for r in self.readings:
            if r is None or not (r.generic or _SEVERAL_ATTACKS.search(r.folded)):
                continue
            zero = {f.what for f in r.figures if f.range == Range(0, 0)}
            if zero != {"killed", "injured"} or any(f.range != Range(0, 0) for f in r.figures):
                continue
            for d in r.dates:
                if d.role == "event" and d.explicit:
                    days.update(x.date for x in self.dates.resolve(d) if x.precision == "day")
        return frozenset(days)

    def _place_nearby(self, cluster: Cluster, clusters: list[Cluster]) -> Place | None:
        """A place for an incident whose own sentences name none (or only a country): the
        one base named by a sentence attached to it ("... at the Rumalyn landing zone"), or
        for a strike, the country of the attack it answers in the same sentence."""
        country = cluster.place.country if cluster.place is not None else None
        bases = {
            f.what.base: f.what
            for r in cluster.attached
            for f in r.places
            if f.what.base and (country is None or f.what.country == country)
        }
        if len(bases) == 1:
            return next(iter(bases.values()))
        if cluster.kind == "attack" and not bases and cluster.mentions:
            # "... blessés vendredi dans une attaque de drones en Syrie." then "transférés de
            # la zone d'atterrissage de Rumalyn": the one base the next sentences name, before
            # any other event is told
            start = min(m.reading.index for m in cluster.mentions)
            named: dict[str, Place] = {}
            for r in self.readings[start + 1 : start + 4]:
                if r is None:
                    continue
                if r.index in self._sentence_mentions and any(
                    c is not cluster and r.index in {m.reading.index for m in c.mentions}
                    for c in clusters
                ):
                    break
                named.update(
                    (f.what.base, f.what)
                    for f in r.places
                    if f.what.base and (country is None or f.what.country == country)
                )
            if len(named) == 1:
                return next(iter(named.values()))
        if cluster.place is not None and cluster.place.admin1 is None and not bases:
            province = self._one_province(cluster)
            if province is not None:
                return province
        if cluster.kind == "strike" and cluster.place is None:
            mine = {r.index for r in cluster.readings}
            for other in clusters:
                if (
                    other.kind == "attack"
                    and other.place is not None
                    and other is not cluster
                    and mine & {r.index for r in other.readings}
                ):
                    return self.gaz.country_place(other.place.country)
        return None

    def _one_province(self, cluster: Cluster) -> Place | None:
        """'des frappes dans l'est de la Syrie', then 'près des villes d'Albu Kamal et de
        Mayadeen': the incident's own sentences name towns of one province of its country,
        so it is there (the one town, or the province when they name several)."""
        country = cluster.place.country if cluster.place is not None else None
        told = [*cluster.readings, *cluster.attached, *self._told_after(cluster)]
        named = [
            (r, f)
            for r in told
            for f in r.places
            if not f.what.base
            and f.what.level >= 2
            and f.what.admin1
            and f.what.in_scope
            and f.what.country == country
        ]
        # "notamment dans le secteur d'Al-Qaïm": one of several places, the others unnamed
        if any(lx.ONE_OF_SEVERAL.search(r.folded[: f.start][-45:]) for r, f in named):
            return None
        found = {(f.what.admin1, f.what.slug): f.what for _, f in named}
        provinces = {admin1 for admin1, _ in found}
        if len(provinces) != 1:
            return None
        if len(found) == 1:
            return next(iter(found.values()))
        return self.gaz.admin1_place(provinces.pop())

    def _told_after(self, cluster: Cluster) -> list[Reading]:
        """The sentences after an incident's first that go on about it ("Austin said the
        strikes were conducted against ..."), up to one that tells another incident."""
        if not cluster.mentions:
            return []
        start = min(m.reading.index for m in cluster.mentions)
        mine = {m.reading.index for m in cluster.mentions}
        same = lx.ANAPHORIC_STRIKE if cluster.kind == "strike" else lx.ANAPHORIC_ATTACK
        out: list[Reading] = []
        for r in self.readings[start + 1 : start + 7]:
            if r is None:
                continue
            if r.index in self._sentence_mentions and r.index not in mine:
                break
            if same.search(r.folded):
                out.append(r)
        return out

    def _province_of(self, cluster: Cluster, place: Place) -> Place:
        """'au sud de Bagdad' and 'dans la province de Babylone' in the same incident's
        sentences: the place near a city, in the one province they name around it."""
        provinces = {
            f.what.admin1: f.what
            for r in cluster.readings
            for f in r.places
            if f.what.level == 2 and f.what.admin1 and f.what.country == place.country
        }
        if len(provinces) != 1:
            return place
        province = next(iter(provinces.values()))
        return replace(place, admin1=province.admin1) if within(place, province, 150) else place

    def _country(self, cluster: Cluster) -> str:
        """The country of an incident with no place: the one the article names most."""
        counts: dict[str, int] = {}
        for r in cluster.readings or [r for r in self.readings if r]:
            for f in r.places:
                if f.what.in_scope:
                    counts[f.what.country] = counts.get(f.what.country, 0) + 1
        if not counts:
            for r in self.readings:
                for f in r.places if r else []:
                    if f.what.in_scope:
                        counts[f.what.country] = counts.get(f.what.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else "IQ"


# a toll of the war in Gaza or Lebanon, told as the reason for an attack: not its casualties
_GAZA_TOLL = re.compile(r"\bgaza\b|\bpalestin\w*|\bliban\b|\blebanon\b")


# "Another member of the faction was also killed", "un autre a également été blessé"
_ONE_MORE = re.compile(r"(?:another|one other|un autre|une autre)\b")
_N_OTHER = re.compile(r"[\w-]+ (?:other|more|autres)\b")


# "follows a series of retaliatory actions, including airstrikes in Iraq and Syria"
_RECALLS_OTHERS = re.compile(
    r"\b(?:follows?|followed|series|serie|also|aussi|egalement|another|autre|past|previous"
    r"|precedente?s?|precedemment|earlier|last|dernier\w*)\b"
)


_SEVERAL_ATTACKS = re.compile(
    r"\b(?:attacked|attaquee?s?|targeted|visee?s?) (?:[\w-]+ )?(?:times|fois)\b"
    r"|\b(?:two|three|four|five|six|deux|trois|quatre|cinq|six|\d+) (?:[\w-]+ )?"
    r"(?:attacks|attaques)\b"
)

_BOTH = re.compile(
    r"\b(?:both|the two|les deux) (?:bases|attacks|attaques|sites|installations|positions)\b"
)

_POST_SIGNATURE = re.compile(
    r"[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s+(?P<when>[A-Za-zéû]+\.? \d{1,2},? (?:19|20)\d\d"
    r"|\d{1,2} [a-zéû]+\.? (?:19|20)\d\d)"
)


_COUNTRY_OF = {
    "IQ": re.compile(r"\b(?:iraq|irak|iraqi|irakien)\w*"),
    "SY": re.compile(r"\b(?:syria|syrie|syrian|syrien)\w*"),
}


def _twin_named(reading: Reading, clusters: list[Cluster], focus: Cluster) -> Cluster | None:
    """'... airstrikes in Iraq and Syria. The Iraqi government said they killed 16': of the
    two countries' strikes told together, the one the sentence names alone."""
    twins = [
        c
        for c in clusters
        if c.kind == focus.kind
        and c.place is not None
        and any(m.twin for m in c.mentions)
        and {m.reading.index for m in c.mentions} & {m.reading.index for m in focus.mentions}
    ]
    named = [
        c
        for c in twins
        if _COUNTRY_OF.get(c.place.country, re.compile("^$")).search(reading.folded)
    ]
    return named[0] if len(twins) == 2 and len(named) == 1 else None


def _post_day(text: str, today: dt.date) -> dt.date | None:
    """The latest day of the social-media posts the article embeds ("— Name (@handle) April
    21, 2024"), if any."""
    days = [
        found.date
        for m in _POST_SIGNATURE.finditer(text)
        if (found := from_line(m["when"], today)) is not None
    ]
    return max(days, default=None)


def _without_recalled_months(incidents: list[DraftIncident]) -> list[DraftIncident]:
    """'In April, there were attacks at Rumalyn': beside an incident the article dates to a
    day, one given only its month is background recalled, not reported."""
    if all(d.date_precision == "month" for d in incidents):
        return incidents
    return [d for d in incidents if d.date_precision != "month"]


def _two_countries_after(folded: str, end: int) -> bool:
    """ "39 dead in US airstrikes against militias in Iraq and Syria": the two countries told
    after the figure, in its clause."""
    window = folded[end : end + 100]
    found = lx.TWO_COUNTRIES.search(window)
    return found is not None and not re.search(r"[.;]", window[: found.start()])


_OF_THE_TOTAL = re.compile(r"\b(?:of the|sur les|parmi les)\s+$")  # not "a toll of 16"


def _plus(told: Range, more: int) -> Range:
    """A toll and the victims told one by one after it ("another was also killed")."""
    if not more:
        return told
    if not told.known or (told.max == 0 and told.min == 0):
        return Range(more, more)
    low = (told.min or 0) + more
    return Range(low, told.max + more if told.max is not None else None)


def _same_day(first: tuple[Resolved, int | None], second: tuple[Resolved, int | None]) -> bool:
    """Can two readings be the same day? An uncertain one ("dans la nuit" with only the
    publication month) does not contradict a day inside its window; two weekdays that
    differ ("mardi", "mercredi") are two days."""
    (a, weekday_a), (b, weekday_b) = first, second
    if a.date == b.date:
        return True
    if (
        "month" in (a.precision, b.precision)
        and "day" in (a.precision, b.precision)
        and a.date.replace(day=1) == b.date.replace(day=1)
    ):
        return True  # "in late January" and "on January 28"
    if a.window is None and b.window is None:
        return False
    if weekday_a is not None and weekday_b is not None and weekday_a != weekday_b:
        return False
    low_a, high_a = a.window or (a.date, a.date)
    low_b, high_b = b.window or (b.date, b.date)
    return low_a <= high_b and low_b <= high_a


def _widen(resolved: Resolved, before: int, after: int) -> tuple[dt.date, dt.date]:
    """The days a less certain reading can be: its own window, widened by some days."""
    low, high = resolved.window or (resolved.date, resolved.date)
    return low + dt.timedelta(days=before), high + dt.timedelta(days=after)


def _widened(resolved: Resolved, days: tuple[int, int], why: str) -> Resolved:
    """A less certain reading of `resolved`: flagged, widened, and its note says the days it
    can be (the record shows the first)."""
    low, high = _widen(resolved, *days)
    return Resolved(
        resolved.date,
        "approximate",
        f"{resolved.note.rstrip('.')}{why} It can be any day from {low.isoformat()} to "
        f"{high.isoformat()}.",
        (low, high),
    )


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and fold(a).strip() == fold(b).strip()


def extract(article: Article, gazetteer: Gazetteer, today: dt.date | None = None) -> Extraction:
    """The incidents an article reports, as drafts (nothing is written)."""
    return Extractor(article, gazetteer, today).run()


__all__ = ["DraftIncident", "Extraction", "extract"]
