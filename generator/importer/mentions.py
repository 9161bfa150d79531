"""Sentences -> mentions of attacks and strikes, each with its own dates and place.

A sentence mentions an attack when an attack word (noun or verb, or US forces fending off
drones or rockets) has US or coalition forces or a base as its target; a strike when a
strike word has US or coalition forces as its agent. A mention is dropped when negated,
hypothetical ("menacé de", "preparations for") or about many events ("78 attaques",
"à trois reprises", "de telles attaques"); it is *specific* (it may start an incident) or
only adds to one told before ("l'attaque", "cette frappe", "the strikes", "la seconde").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from generator.importer import lexicon as lx
from generator.importer.casualties import Figure, figures
from generator.importer.dates import NOT_EVENT, DateMention, Resolved, find_dates
from generator.importer.fold import fold
from generator.importer.gazetteer import Found, Gazetteer, Place, compatible
from generator.importer.sentences import Sentence
from generator.importer.sources import other_source, us_losses

_COUNT_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
}


@dataclass
class Reading:
    """What one sentence says, read once."""

    index: int
    sentence: Sentence
    folded: str
    dates: list[DateMention]
    places: list[Found]
    actors: list[Found]
    figures: list[Figure]
    foreign: bool
    claim: bool
    denial: bool
    us_speaker: bool
    us_losses: bool = False  # US or coalition troops killed or hurt, told as a fact
    other_source: bool = False  # told by a source that is not the US or the coalition
    us_told: bool = False  # 'the official said' after a US official was named
    generic: bool = False  # speaks of attacks or strikes in general


@dataclass
class Mention:
    kind: str  # attack | strike
    reading: Reading
    pos: int  # where the trigger is in the sentence
    specific: bool  # may start an incident
    anaphoric: bool = False
    days: list[DateMention] = field(default_factory=list)  # its own date expressions
    inherited: list[DateMention] = field(default_factory=list)
    place: Place | None = None
    multi: list[DateMention] = field(default_factory=list)  # "les 16 et 25 juillet"
    recent_only: bool = False  # joins an incident told in the last few sentences, or nothing
    shifted: Resolved | None = None  # "la veille": a day counted from the previous event
    recalled: bool = False  # "days prior", "le mois dernier": joins an incident, never starts
    other: bool = False  # "the strike followed another strike": not the one just told
    each: list[Place] = field(default_factory=list)  # "deux attaques, l'une à A, l'autre à B"
    clause: tuple[int, int] | None = None  # its own clause, when a sentence lists several
    twin: bool = False  # one country of strikes told "in Iraq and Syria"
    one_more: bool = False  # "une deuxième frappe": one more of the strikes just told


class MentionFinder:
    """Reads sentences and finds their mentions; `readings` are the article's, in order."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.readings: list[Reading | None] = []

    def read(self, index: int, sentence: Sentence) -> Reading:
        text = sentence.text
        dateline = lx.DATELINE.match(text) if sentence.start == 0 else None
        cut = dateline.end() if dateline else 0
        plain = fold(text)
        places = [Found(f.what, f.start + cut, f.end + cut) for f in self.gaz.places_in(text[cut:])]
        places = [
            f
            for f in places
            if not _government(plain, f.start, f.end)
            and not _outlet(plain, f.start, f.end, f.what.level)
            and not _ORIGIN.search(plain[max(0, f.start - 60) : f.start])
            and not _LINKED.search(plain[max(0, f.start - 30) : f.start])
            and not _PART_OF_TOLL.search(plain[max(0, f.start - 40) : f.start])
            and not _in_group_name(plain, f.start, f.end)
        ]
        places = _without_landmarks(plain, places)
        folded = lx.MASK.sub(_mask_attack_word, plain)
        dates = [replace(d, role="dateline") if d.start < cut else d for d in find_dates(text)]
        actors, tolls = self.gaz.actors_in(text), figures(text)
        asides = _asides(folded)
        if asides:  # what an aside tells of another event is not read with its sentence
            folded = _blank(folded, asides)
            places = [f for f in places if not _inside(f.start, asides)]
            dates = [d for d in dates if not _inside(d.start, asides)]
            actors = [f for f in actors if not _inside(f.start, asides)]
            tolls = [f for f in tolls if not _inside(f.start, asides)]
        if lx.CEREMONY.match(folded):  # the day of the ceremony, not of the attack it recalls
            dates = [replace(d, role="other") if d.role == "event" else d for d in dates]
        return Reading(
            index=index,
            sentence=sentence,
            folded=folded,
            dates=dates,
            places=places,
            actors=actors,
            figures=tolls,
            foreign=bool(lx.FOREIGN.search(folded)),
            claim=_claims(folded),
            denial=bool(lx.DENIAL.search(folded)),
            us_speaker=_us_speaker(folded),
            us_losses=us_losses(folded),
            other_source=other_source(folded),
            generic=_speaks_in_general(folded, dates),
        )

    def _us_in_article(self) -> bool:
        return any(r is not None and lx.US.search(r.folded) for r in self.readings)

    def _targeted(self, r: Reading, triggers: list[int], reasons: list[int]) -> set[int]:
        """The attack triggers whose target is US or coalition forces or a base: each target
        goes to the trigger just before it ("une attaque contre les forces américaines",
        "rockets were fired at the U.S. Embassy"), a passive subject to the trigger after it
        ("Plusieurs Américains ont été blessés lundi dans une attaque")."""
        folded = r.folded
        found: set[int] = set()
        spans = [m.start() for m in lx.US.finditer(folded)] + [
            m.start() for m in lx.BASE_WORD.finditer(folded)
        ]
        for start in spans:
            before = [t for t in triggers if t < start and start - t < 110]
            after = [t for t in triggers if t > start and t - start < 150]
            if before and any(max(before) < t < start for t in reasons):
                # "ont frappé 85 cibles, en représailles à une attaque contre des soldats
                # américains": the target is the reason's, not the verb's before it
                before = []
            if before and lx.TARGET_BEFORE.search(folded[max(0, start - 60) : start]):
                found.add(max(before))
            elif before and re.search(
                r"\b(?:blesse\w*|tue\w*|wound\w*|injur\w*|kill\w*|coute la vie a)\s+"
                r"(?:\w+\s+){0,2}$",
                folded[max(0, start - 40) : start],
            ):
                found.add(max(before))  # "... qui a blessé plusieurs Américains"
            elif after and lx.US_PASSIVE.match(folded[start:]):
                found.add(min(after))
        if spans:
            # "Ce camp, où sont basés des soldats américains, ..., avec la mort de trois
            # militaires dans une attaque de drones": the soldiers who died were its target
            found.update(t for t in triggers if _DEATHS_IN.search(folded[max(0, t - 70) : t]))
        return found

    def find(self, r: Reading, previous: list[Mention]) -> list[Mention]:
        folded = r.folded
        latest = self._latest_of_these(r)
        if latest is not None:
            return [latest]
        militia = [
            m.span()
            for m in lx.MILITIA_STRIKE.finditer(folded)
            if not _US_CARRIED_OUT.search(folded[max(0, m.start() - 60) : m.start()])
        ]
        militia += [
            m.span()
            for m in lx.STRIKE_NOUN.finditer(folded)
            if re.match(
                r"[^.;,]{0,25}?\b(?:contre|against|on|sur|at)\s+(?:\w+\s+){0,3}?"
                r"(?:americ|us\b|u\.s\.|coalition|forces|troupes|troops|base)",
                folded[m.end() :],
            )
        ]
        # "dans une frappe attribuée à une milice pro-iranienne": the militia's strike
        militia += [
            m.span()
            for m in lx.STRIKE_NOUN.finditer(folded)
            if _BY_MILITIA.match(folded[m.end() :])
        ]
        # "le bombardement de la base aérienne d'Ain al-Asad": the base is what was hit
        militia += [
            m.span() for m in lx.STRIKE_NOUN.finditer(folded) if _OF_A_BASE.match(folded[m.end() :])
        ]
        # "the base ... became the latest target of an airstrike": the base was hit
        militia += [m.span() for m in lx.STRIKE_NOUN.finditer(folded) if _us_target_of(folded, m)]
        us_spans = [m.span() for m in lx.US_STRIKE.finditer(folded)]
        us_strike = [start for start, _ in us_spans]
        attack_nouns = [m for m in lx.ATTACK_NOUN.finditer(folded)]
        attack_nouns += [
            m
            for m in lx.STRIKE_NOUN.finditer(folded)
            if any(s <= m.start() < e for s, e in militia) and not _inside(m.start(), us_spans)
        ]
        # "one of the strikes targeted a camp": the verb of a strike, not an attack
        attack_verbs = [
            m
            for m in lx.ATTACK_VERB.finditer(folded)
            if not _strike_subject(folded, m.start(), militia)
        ]
        reasons = [
            m.start()
            for m in attack_nouns + attack_verbs
            if _as_reason(folded, m.start()) and not _own_day(m, r.dates)
        ]
        attack_nouns = [m for m in attack_nouns if m.start() not in reasons]
        attack_verbs = [m for m in attack_verbs if m.start() not in reasons]
        if lx.AIR_RAID.search(folded) and not lx.US.search(folded):
            attack_verbs = []  # "raid aérien : quatre ou cinq missiles ont touché la base"
            attack_nouns = [m for m in attack_nouns if m.start() in us_strike]
        weapon_here = any(p.search(folded) for k, p in lx.WEAPONS if k not in lx.STRIKE_WEAPONS)
        named_base = any(f.what.base for f in r.places)
        # US forces, or a base's defences, fending off drones or rockets
        defence = (
            [
                m
                for m in lx.DEFENCE.finditer(folded)
                # "thwarted a potential rocket attack": one that never came, no attack fended off
                if not _POTENTIAL.match(folded[m.end() : m.end() + 30])
            ]
            if weapon_here and (lx.US.search(folded) or named_base)
            else []
        )
        unrealised = [m.span() for m in _UNREALISED.finditer(folded)]
        if unrealised:
            # "the drone they were preparing to launch at U.S. forces was destroyed": an attack
            # that did not happen, its weapon destroyed before it flew
            defence = []
            attack_verbs = [m for m in attack_verbs if not _inside(m.start(), unrealised)]
        anaphoric_attack = [m for m in lx.ANAPHORIC_ATTACK.finditer(folded)]
        out: list[Mention] = []

        # attacks
        triggers = sorted({m.start() for m in attack_nouns + attack_verbs + defence})
        targeted = self._targeted(r, triggers, reasons)
        if triggers and (targeted or named_base or defence):
            use = triggers if named_base or defence else sorted(targeted)
            mention = self._qualify("attack", r, attack_nouns, use, anaphoric_attack)
            if mention:
                out.append(mention)
        elif anaphoric_attack and not (r.foreign and not lx.US.search(folded)):
            mention = self._qualify(
                "attack", r, attack_nouns, [anaphoric_attack[0].start()], anaphoric_attack
            )
            if mention:
                mention.specific = False
                out.append(mention)
        for mention in out:
            if _HAVE_OCCURRED.match(folded, _word_end(folded, mention.pos)):
                # "the airstrikes that have occurred against ...": joins one told, never starts
                mention.specific, mention.recalled = False, True
        if out and out[0].kind == "attack" and _us_strikes_militia(folded, out[0].pos):
            out[0].kind = "strike"  # "Des avions américains ont pris pour cible un camp"
        # strikes
        strike_nouns = [
            m
            for m in lx.STRIKE_NOUN.finditer(folded)
            # "a US drone strike": the drone strike is the US's
            if (not any(s <= m.start() < e for s, e in militia) or _inside(m.start(), us_spans))
            and not re.search(
                r"\b(?:a|ont|avait|avaient|aurait)\s+$", folded[max(0, m.start() - 10) : m.start()]
            )
        ]
        strike_verbs = [
            m
            for m in lx.STRIKE_VERB.finditer(folded)
            # "78 attacks have been carried out against US facilities": attacks, not strikes
            if not _ATTACKS_DONE.search(folded[max(0, m.start() - 60) : m.start()])
            and not _weapon_subject(folded, m)
            and not _french_participle(m.group())
            or re.search(
                r"\b(?:a|ont|avait|avaient|aurait|auraient|ete|sera|seront"
                r"|aient|ait)\s+(?:\w+\s+)?$",
                folded[max(0, m.start() - 25) : m.start()],
            )
        ]
        if not named_base and not lx.US.search(folded) and any(d.role == "event" for d in r.dates):
            # "a drone strike killed three militia members", "une attaque de drone contre le QG
            # de la milice": no US or coalition target, a militia's: a strike on it (when
            # the sentence dates it; an undated one is background)
            taken = {m.start() for m in strike_nouns}
            strike_nouns += [
                m
                for m in itertools.chain(
                    lx.ATTACK_NOUN.finditer(folded), lx.STRIKE_NOUN.finditer(folded)
                )
                if m.start() not in taken and m.start() not in reasons and _on_militia(folded, m)
            ]
        strike_triggers = sorted({m.start() for m in strike_nouns + strike_verbs})
        anaphoric_strike = [m for m in lx.ANAPHORIC_STRIKE.finditer(folded)]
        agent = bool(us_strike) or any(lx.US_BY.search(folded[t : t + 80]) for t in strike_triggers)
        if not agent and strike_triggers and self._us_in_article() and not r.foreign:
            # no agent named, but the article is about US forces and the strike answers
            # their attackers or hits them from the air ("destroyed by an airstrike"), or a
            # US speaker tells it ("the Defense Secretary said F-16 jets carried out strikes")
            agent = (
                bool(lx.UNNAMED_STRIKE.search(folded))
                or (bool(lx.RETALIATION.search(folded)) and bool(lx.US.search(folded)))
                or (
                    r.us_speaker
                    and not _OTHER_AIR_FORCE.search(folded)
                    and (
                        bool(_AIR_WEAPON.search(folded))
                        # "l'armée américaine a déclaré qu'un commandant ... a été tué dans
                        # une frappe": a strike it tells that hits no US forces
                        or any(
                            not lx.US.search(folded[m.start() : m.start() + 100])
                            and not lx.TARGET_BEFORE.search(
                                folded[max(0, m.start() - 40) : m.start()]
                            )
                            for m in strike_nouns
                        )
                    )
                )
            )
        if not agent and strike_triggers:
            for us in lx.US.finditer(folded):
                if (
                    us.start() < strike_triggers[-1]
                    and strike_triggers[0] - us.start() < 160
                    and not lx.TARGET_BEFORE.search(folded[max(0, us.start() - 60) : us.start()])
                    and not lx.US_PASSIVE.match(folded[us.start() :])
                ):
                    agent = True
                    break
        if not agent and strike_nouns and not r.foreign and not _OTHER_AIR_FORCE.search(folded):
            # "Une frappe a tué trois membres des Brigades du Hezbollah", "an air strike on
            # militia members": a strike on a militia, its agent unnamed (no claimant)
            militias = [
                f.start
                for f in r.actors
                if f.what not in ("united-states", "international-coalition")
            ]
            agent = any(
                (
                    lx.MILITIA_TARGET.search(folded[m.start() : m.start() + 100])
                    or any(0 < a - m.start() < 100 for a in militias)
                    or _on_militia(folded, m)
                )
                # "la riposte des groupes pro-iraniens contre les soldats américains": theirs
                and not lx.US.search(folded[m.start() : m.start() + 100])
                for m in strike_nouns
            )
        one_more = False
        if strike_nouns and any(p.kind == "strike" for p in previous):
            # "Quatre personnes ont été blessées dans une deuxième frappe à Wassit": one more
            # of the strikes just told, by the same agent (whether or not the sentence names one)
            one_more = any(
                _NEXT_ONE.search(folded[max(0, m.start() - 25) : m.start()]) for m in strike_nouns
            )
            agent = agent or one_more
        if agent and (first := _UNCONFIRMED.search(folded)):
            # "We can't confirm that the truck was bombed by U.S. warplanes": a strike nobody
            # says happened
            strike_nouns = [m for m in strike_nouns if m.start() < first.start()]
            strike_verbs = [m for m in strike_verbs if m.start() < first.start()]
            agent = bool(strike_nouns or strike_verbs)
            if not agent:  # nor is it a word on the incident told before ("the incident")
                r.generic = True
                out = [m for m in out if m.specific]
        if strike_nouns or strike_verbs:
            if agent:
                mention = self._qualify(
                    "strike", r, strike_nouns, us_strike or strike_triggers, anaphoric_strike
                )
                if mention:
                    mention.one_more = one_more
                    out.append(mention)
            elif anaphoric_strike and not (r.foreign and not lx.US.search(folded)):
                mention = self._qualify(
                    "strike", r, strike_nouns, [anaphoric_strike[0].start()], anaphoric_strike
                )
                if mention:
                    mention.specific = False
                    out.append(mention)
        # "La seconde aurait eu pour objectif celle d'al-Harir": an ordinal takes the kind of
        # the mention just before
        if (
            not out
            and previous
            and (lx.ORDINAL_START.search(folded) or lx.ANAPHORIC_OPERATION.search(folded))
        ):
            kind = previous[-1].kind
            out.append(Mention(kind, r, 0, specific=False, anaphoric=True))
        if len(out) == 2:  # "Cette attaque survient quelques jours après qu'une frappe ..."
            out = [m for m in out if not m.anaphoric or m.specific] or out
        for mention in out:
            _another_strike(mention, strike_nouns)
        for mention in out:
            self._locate(mention, out)
            if mention.other:
                # "followed another strike ... when the fighters fired ... late Monday": the
                # day the sentence tells is the other strike's
                mention.days = [d for d in r.dates if d.role == "event"] or mention.days
        return self._per_country(out)

    def _per_country(self, out: list[Mention]) -> list[Mention]:
        """Strikes told "in Iraq and Syria" with no finer place: one mention per country
        (one operation in two countries is two incidents)."""
        split: list[Mention] = []
        for mention in out:
            folded = mention.reading.folded
            match = next(
                (
                    m
                    for m in lx.TWO_COUNTRIES.finditer(folded, mention.pos)
                    if m["a"]
                    and not _other_clause(_after_last_strike_word(folded, mention.pos, m.start()))
                ),
                None,
            )
            codes: list[str] = []
            if match:
                codes = list(dict.fromkeys(lx.COUNTRY_CODE[match[g]] for g in ("a", "b")))
            each = mention.each or (
                _two_bases(mention) or _base_per_clause(mention) if mention.kind == "attack" else []
            )
            if each:
                split += [
                    replace(mention, place=p, each=[], clause=_clause_of(mention.reading, p))
                    for p in each
                ]
                continue
            if (
                mention.kind == "strike"
                and not mention.multi
                and len(codes) == 2
                and (mention.place is None or mention.place.level == 1)
            ):
                split += [
                    replace(mention, place=self.gaz.country_place(c), twin=True) for c in codes
                ]
            else:
                split.append(mention)
            more = _MORE_BASES.search(folded, mention.pos)
            if (
                mention.kind == "attack"
                and more is not None
                and mention.place is not None
                and lx.COUNTRY_CODE[more["country"]] != mention.place.country
            ):
                # "against the Ain al-Asad airbase in western Iraq and three bases in Syria":
                # the bases of the other country are an incident there
                place = self.gaz.country_place(lx.COUNTRY_CODE[more["country"]])
                split.append(replace(mention, place=place))
        return split

    def _qualify(
        self,
        kind: str,
        r: Reading,
        nouns: list[re.Match[str]],
        triggers: list[int],
        anaphoric: list[re.Match[str]],
    ) -> Mention | None:
        """A mention of `kind`, or None when every trigger is negated, hypothetical or
        part of a count of many events."""
        folded = r.folded
        live = [
            t
            for t in triggers
            if not lx.NEGATION.search(folded[max(0, t - 45) : t + 12])
            and not lx.HYPOTHETICAL.search(folded[max(0, t - 60) : t])
        ]
        if not live:
            return None
        singular, counted, plural = [], [], []
        for noun in sorted(nouns, key=lambda n: n.start()):
            start = noun.start()
            if lx.NEGATION.search(
                folded[max(0, start - 45) : start + 12]
            ) or lx.HYPOTHETICAL.search(folded[max(0, start - 60) : start]):
                continue
            word = noun.group().split()[0]
            if _counted(folded, start, r.dates) or (
                # "plus de 165 frappes de drones et tirs de roquettes": the count is both's
                counted and _CONJOINED.fullmatch(folded[counted[-1].end() : start])
            ):
                counted.append(noun)
            elif word.endswith("s") and word not in ("tirs",):
                plural.append(noun)
            else:
                singular.append(noun)
        first = live[0]
        is_anaphoric = any(m.start() <= first < m.end() + 6 for m in anaphoric)
        event_dates = [d for d in r.dates if d.role not in NOT_EVENT]
        mention = Mention(kind, r, live[0], specific=True, anaphoric=is_anaphoric)
        if kind == "attack" and _WHO_HAD.search(folded[max(0, live[0] - 20) : live[0]]):
            # "fired on militants who had launched a missile at American troops": the attack
            # that came before, recalled to say who was struck
            mention.specific, mention.recalled = False, True
        listed = _date_list(folded, event_dates)
        if plural and not singular and not counted and listed:
            mention.multi = listed  # "strikes in Syria on Oct. 26, Nov. 8, and Nov. 12"
            return mention
        # "On November 9 and 11, the base was also attacked by a drone": an attack each day
        leading = [
            d
            for d in event_dates
            if d.explicit and len(d.days) >= 2 and not folded[: d.start].strip()
        ]
        if leading and not counted:
            mention.multi = leading
            return mention
        if counted and not singular:
            count = self._count(folded, counted[0].start())
            multi = [d for d in event_dates if len(d.days) >= 2]
            if count and multi and len(multi[0].days) == count:
                mention.multi = multi
                return mention
            # "on Sunday evening on November 12": the weekday and the date are one day
            days = [d for d in event_dates if d.days] or [
                d for d in event_dates if d.weekday is not None
            ]
            if kind == "strike" and count and count <= 5 and len(days) == 1:
                return mention  # "two air strikes in Syria ... on Sunday": one operation
            bases = {f.what.name_en for f in r.places if f.what.base}
            if kind == "attack" and count and count <= 5 and len(days) == 1 and len(bases) == 1:
                return mention  # "trois attaques à différentes heures lundi contre la base X"
            at = counted[0].start()
            if (
                kind == "strike"
                and count
                and count <= 5
                and not days
                and re.search(r"\b(?:the|these|les|ces)\s+\w+\s+(?:[\w-]+\s+)?$", folded[:at])
            ):
                # "The two airstrikes killed 6": the strikes just told, if any
                mention.specific, mention.recent_only = False, True
                return mention
            each = _one_and_the_other(r, at)
            if count == 2 and len(each) == 2:
                mention.each = each
                return mention
            r.generic = True
            return None
        if (
            not singular
            and lx.REPEATED.search(folded)
            and not _twice_that_day(folded, event_dates)
            or _MANY_TIMES.search(folded[first : first + 60])
        ) and not _hits_that_day(folded, event_dates):
            r.generic = True  # "has come under attack at least 100 times": many events
            return None
        if lx.BACKGROUND.search(folded) and not [d for d in event_dates if d.shift is None]:
            r.generic = True  # "les groupes pro-Iran ont repris les tirs de roquettes"
            return None
        definite = [
            n
            for n in plural
            if re.search(
                r"\b(?:les|the|ces|these)\s+(?:[\w-]+\s+)?$",
                folded[max(0, n.start() - 25) : n.start()],
            )
        ]
        if plural and not singular and not definite and any(d.role == "range" for d in r.dates):
            r.generic = True  # "Since mid-October, there have been rocket or drone strikes"
            return None
        if plural and not singular and not event_dates:
            mention.specific = False  # "des frappes de précision": adds, does not start
            if re.search(
                r"\b(?:les|the|ces|these)\s+(?:[\w-]+\s+)?$",
                folded[max(0, plural[0].start() - 25) : plural[0].start()],
            ):
                mention.recent_only = True  # "the strikes": the ones just told, if any
        if is_anaphoric and not event_dates:
            mention.specific = False
        # "la semaine dernière" is itself read as a date, but it names no day: it recalls
        own_days = [d for d in event_dates if not lx.RECALLED_UNDATED.fullmatch(fold(d.text))]
        if lx.RECALLED_UNDATED.search(folded) and not any(
            d.days or d.weekday is not None or d.relative is not None for d in own_days
        ):
            mention.specific = False  # "tués le mois dernier dans une attaque au drone"
            mention.recalled = True
        return mention

    @staticmethod
    def _count(folded: str, at: int) -> int | None:
        before = folded[max(0, at - 25) : at]
        match = re.search(
            r"\b(\d+|deux|trois|quatre|cinq|two|three|four|five)\s+(?:\w+\s+)?$", before
        )
        if not match:
            return None
        word = match.group(1)
        return int(word) if word.isdigit() else _COUNT_WORDS.get(word)

    @staticmethod
    def count_in(folded: str) -> int | None:
        match = re.search(
            r"\b(\d+|deux|trois|quatre|cinq|two|three|four|five)\s+(?:\w+\s+)?"
            r"(?:attaques|attacks|frappes|strikes)\b",
            folded,
        )
        if not match:
            return None
        word = match.group(1)
        return int(word) if word.isdigit() else _COUNT_WORDS.get(word)

    def _locate(self, mention: Mention, siblings: list[Mention]) -> None:
        """The mention's own dates and place (nearest to its trigger when the sentence has
        two mentions)."""
        r = mention.reading

        def mine(start: int) -> bool:
            others = [m for m in siblings if m is not mention]
            return not others or all(abs(start - mention.pos) <= abs(start - o.pos) for o in others)

        def my_date(date: DateMention) -> bool:
            """A date goes with the trigger just before it ("struck ... early Friday"),
            or with the nearest one when it opens the sentence ("Mercredi, ..."), unless it
            qualifies the trigger right after it ("the January 28 drone strike"). A day told
            after "in retaliation for" is the reason's, never the strike's."""
            if mention.kind == "strike" and reason_after(r.folded, mention.pos) <= date.start:
                return False
            if len(siblings) < 2:
                return True
            start = date.start
            qualified = [m for m in siblings if 0 <= m.pos - date.end <= 12]
            if qualified:
                return qualified[0] is mention
            before = [m for m in siblings if m.pos <= start]
            if before:
                return max(before, key=lambda m: m.pos) is mention
            return mine(start)

        mention.days = [d for d in r.dates if d.role not in NOT_EVENT and my_date(d)]
        places = [f for f in r.places if f.what.in_scope and mine(f.start)]
        if mention.kind == "strike":
            # "dans l'ouest de l'Irak, notamment dans le secteur d'Al-Qaïm": one of the sites
            # struck; the operation's place is the broader one
            broad = [
                f
                for f in places
                if not lx.ONE_OF_SEVERAL.search(r.folded[max(0, f.start - 45) : f.start])
            ]
            places = broad or places
        same = lx.SAME_PLACE.search(r.folded)
        near = None if same else lx.THE_BASE.search(r.folded)
        if (same or near) and not any(f.what.base for f in places):
            base = self.earlier_base(r.index, within=3 if near else None)
            if base is None and near:
                base = self.only_base(r.index)
            same = same or near
            if base is not None:
                places.append(Found(base, same.start(), same.end()))
        if places:
            top = max(f.what.level for f in places)
            best = [f for f in places if f.what.level == top]
            mention.place = min(best, key=lambda f: abs(f.start - mention.pos)).what
            towns = {f.what.slug: f.what.admin1 for f in best if not f.what.base and top == 4}
            if len(towns) > 1 and len(set(towns.values())) == 1 and None not in towns.values():
                # "près des villes d'Albu Kamal et de Mayadine": sites in one province
                mention.place = self.gaz.admin1_place(mention.place.admin1) or mention.place
        elif (
            r.places
            and all(not f.what.in_scope for f in r.places)
            and not re.search(r"\birak\b|\biraq\b|\bsyri", r.folded)
        ):
            mention.place = min(r.places, key=lambda f: abs(f.start - mention.pos)).what

    def _latest_of_these(self, r: Reading) -> Mention | None:
        """'la dernière de ces attaques a eu lieu jeudi 26 octobre dans la région du
        Kurdistan', after attacks on US forces were counted: that one attack, dated."""
        m = _LATEST_OF.search(r.folded)
        days = [d for d in r.dates if d.role == "event" and (d.days or d.weekday is not None)]
        told = [x for x in self.readings[max(0, r.index - 2) : r.index] if x is not None]
        if m is None or not days or not any(lx.US.search(x.folded) for x in told + [r]):
            return None
        mention = Mention("attack", r, m.start(), specific=True)
        self._locate(mention, [mention])
        return mention

    def only_base(self, index: int) -> Place | None:
        """The one base the sentences before `index` name, if they name only one: "the base"
        of an article about that base, however far back it was named."""
        bases = {
            f.what.base: f.what
            for reading in self.readings[:index]
            if reading is not None
            for f in reading.places
            if f.what.base
        }
        return next(iter(bases.values())) if len(bases) == 1 else None

    def earlier_base(self, index: int, within: int | None = None) -> Place | None:
        """The base named last before sentence `index` ("la même base"), in the last
        `within` sentences when given."""
        for reading in reversed(self.readings[:index]):
            if reading is None:
                continue
            if within is not None and index - reading.index > within:
                return None
            bases = [f.what for f in reading.places if f.what.base]
            if bases:
                return bases[-1]
        return None


_MANY_TIMES = re.compile(
    r"\b(?:\d{2,}|many|multiple|numerous|dozens of|hundreds of) times\b"
    r"|\b(?:de nombreuses|\d{2,}|des dizaines de) fois\b|\ba maintes reprises\b"
    # "targeted almost daily by drone and rocket attacks since October": a campaign
    r"|\b(?:almost |nearly |near-)daily\b|\bquasi[- ]?quotidienne\w*|\bquotidiennement\b"
    r"|\bevery day\b|\bchaque jour\b"
)
_LATEST_OF = re.compile(
    r"\b(?:la derniere|la plus recente|the latest|the last|the most recent) (?:de ces|des"
    r"|of these|of the) (?:attaques|attacks)\b"
    # "the attacks against U.S. forces ..., including the one in Iraq on Nov. 21"
    r"|\b(?:attacks|attaques)\b[^;]{0,90}, (?:including the one|dont celle|notamment celle)\b"
)
_POTENTIAL = re.compile(r"\s*(?:an?|une?)\s+(?:potential|possible|eventuelle?)\b")
_WHO_HAD = re.compile(r"\b(?:who|which|that|qui) (?:had|avaient|avait) $")
_DEATHS_IN = re.compile(
    r"\b(?:la mort|the deaths?) (?:de |d'|of )(?:[\w-]+\s+){1,3}?(?:militaires|soldats|soldiers"
    r"|troops|service members)\s+(?:dans|lors d'|in)\s+(?:une?|an?)\s+$"
)
_BY_MILITIA = re.compile(
    r"\s+(?:de drones?\s+)?(?:attribuee?s?\s+a|imputee?s?\s+a|revendiquee?s?\s+par|menee?s?\s+par"
    r"|attributed\s+to|blamed\s+on|claimed\s+by|carried\s+out\s+by|launched\s+by)\s+"
    r"(?:une?|la|les|des|a|an|the)?\s*(?:[\w-]+\s+){0,2}?(?:milices?|militias?|groupes? armes?"
    r"|armed groups?|factions?|resistance islamique|islamic resistance|hezbollah|kataeb|kata'ib)"
)
# "Les États-Unis ont effectué une frappe de drone": the drone strike is the US's own
_US_CARRIED_OUT = re.compile(
    r"\b(?:etats- ?unis|washington|americains|pentagone|pentagon|centcom|u\.s\. military"
    r"|united states|us military|armee americaine)\s+(?:a |ont |has |have )?(?:effectue|mene"
    r"|conduit|lance|carried out|conducted|launched)\s+(?:une?|des|a|an)\s+(?:[\w-]+\s+)?$"
)
# strikes by other air forces in the region, never the US or coalition's unnamed
_OTHER_AIR_FORCE = re.compile(r"\bturqu\w*|\bturk\w*|\bturc\w*|\brusse\w*|\brussia\w*|\bisrael\w*")
_CAPITALS = {"damas", "damascus", "bagdad", "baghdad", "washington", "teheran", "tehran", "amman"}
_CONSENT_BEFORE = re.compile(
    r"(?:consentement|accord|autorisation|feu vert|consent|approval|permission|pressure"
    r"|pression) (?:de |d'|du |from |of )?$"
)
_SPEAKS_AFTER = re.compile(
    r"^\W{0,3}(?:a |ont )?(?:also |aussi |a aussi )?(?:condamne|denonce|accuse|declare|affirme"
    r"|a dit|said|says|condemned|denounced|accused|blamed|warned|a averti|a mis en garde"
    r"|denied|denies|a dementi|dement|nie)\b"
)


def _government(folded: str, start: int, end: int) -> bool:
    """A capital named for its government ("sans le consentement de Damas", "Bagdad a
    condamné"), not as the place of an incident."""
    if folded[start:end].strip() not in _CAPITALS:
        return False
    return bool(
        _CONSENT_BEFORE.search(folded[max(0, start - 30) : start])
        or _SPEAKS_AFTER.match(folded[end : end + 30])
        # "summon the US charge d'affaires in Baghdad": a diplomat's post, no incident's place
        or re.search(
            r"\b(?:charge d'affaires|ambassadors?|ambassadeurs?|envoys?) (?:in|a|en) $",
            folded[max(0, start - 30) : start],
        )
    )


_AIR_WEAPON = dict(lx.WEAPONS)["airstrike"]


# "Non revendiquée", "no group immediately claimed", "aucun groupe n'a revendiqué"
_NO_CLAIM_BEFORE = re.compile(
    r"(?:\bnon|\bpas|\bjamais|\bnot|\bnever|\bno(?: \w+){0,2}|\baucune?(?: \w+){0,2} n'(?:a|ont)"
    r"(?: encore)?(?: ete)?|\bn'(?:a|ont|avait|avaient) (?:pas|encore|jamais)(?: ete)?"
    r"|\bpersonne n'a|\bnobody has|\bnone has|\bhas not been|\bhave not been)\s+(?:\w+\s+)?$"
)


def _claims(folded: str) -> bool:
    """Does the sentence tell a claim (not that nobody claimed it)?"""
    return any(
        not _NO_CLAIM_BEFORE.search(folded[max(0, m.start() - 40) : m.start()])
        for m in lx.CLAIM.finditer(folded)
    )


# "tirées du nord de l'Irak vers une base en Syrie", "depuis la province de Ninive": where
# the rockets came from, not the place attacked
_ORIGIN = re.compile(
    r"(?:\bdepuis|\bfrom|\ben provenance d\w*|\b(?:tiree?s?|lancee?s?|fired|launched)"
    r"\s+(?:\w+\s+){0,2}?(?:du|de la|de l'|des|d'))\s*(?:(?:la|le|l'|the)\s*)?"
    r"(?:(?:nord|sud|est|ouest|north|south|east|west|province|region|district|secteur"
    r"|territoire|zone|area)\s+(?:\w+\s+)?(?:de\s+|d'|du\s+|of\s+)?(?:la\s+|l')?)?$"
)


# "deux sites liés à l'Iran", "groups backed by Iran": whose, not where
# "le Corps des Gardiens de la révolution islamique d'Iran", "Iran's Revolutionary Guard":
# the country is part of the group's name, not where the incident is
_GROUP_OF = re.compile(
    r"(?:revolution islamique|islamic revolution|revolutionary guards?(?: corps)?"
    r"|gardiens de la revolution)\s*(?:d'|de l'|de |du |of |of the )\s*$"
    # "the Islamic Resistance in Iraq", "la Résistance islamique en Irak": the group's name
    r"|\b(?:islamic resistance|resistance islamique)\s+(?:in|en)\s+(?:l')?$"
)
_GROUP_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?:islamic revolutionary|revolutionary guards?|irgc|quds force|elite quds)"
)


def _in_group_name(folded: str, start: int, end: int) -> bool:
    return bool(
        _GROUP_OF.search(folded[max(0, start - 50) : start])
        or _GROUP_AFTER.match(folded[end : end + 40])
    )


_NEAR = re.compile(
    r"\b(?:near|close to|pres de|pres d'|proche de|a proximite d\w*)\s+(?:the\s+|l'|la\s+|le\s+)?$"
)


def _without_landmarks(folded: str, places: list[Found]) -> list[Found]:
    """'the Harir base near Erbil airport': a base named to say where another base is, not a
    second one hit."""
    return [
        f
        for f in places
        if not (
            f.what.base
            and _NEAR.search(folded[max(0, f.start - 25) : f.start])
            and any(
                g.what.base and g.what.base != f.what.base and 0 < f.start - g.end < 60
                for g in places
            )
        )
    ]


# "many of the airstrikes that have occurred against the US military": events in general
_HAVE_OCCURRED = re.compile(
    r"\s+(?:that|which|qui) (?:have|had|ont|avaient) (?:occurred|taken place|happened|eu lieu"
    r"|been (?:carried out|launched|conducted)|ete (?:menee|lancee|perpetree)s)\b"
)


_WORD = re.compile(r"[\w-]+")


# "Un commandant du Kataib Hezbollah – un groupe ... que le Pentagone a lié à l'attaque mortelle
# qui a tué trois soldats américains en Jordanie – a été tué dans une frappe": an aside between
# dashes that tells another attack or strike (a relative clause naming one)
_ASIDE = re.compile(r"\s-\s([^-]{15,240}?)\s-\s")
_RELATIVE = re.compile(r"\b(?:qui|que|qu'|dont|which|that|who|whose)\b")


def _asides(folded: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _ASIDE.finditer(folded)
        if _RELATIVE.search(m.group(1))
        and (lx.ATTACK_NOUN.search(m.group(1)) or lx.STRIKE_NOUN.search(m.group(1)))
    ]


def _blank(folded: str, spans: list[tuple[int, int]]) -> str:
    """`folded` with the text of `spans` made spaces (the same length)."""
    for start, end in spans:
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded


def _word_end(folded: str, at: int) -> int:
    end = _WORD.match(folded, at)
    return end.end() if end else at


# "strikes ... in retaliation for the drone attack on a US base last Sunday": what follows is
# the reason, its day and toll not the strikes'
_REASON_AFTER = re.compile(
    r"\b(?:in (?:retaliation|response|reprisal) (?:for|to)|in revenge for|en (?:represailles"
    r"|reponse|riposte|reaction) (?:a|aux|au|a la|a l')|pour venger)"
)


def reason_after(folded: str, at: int) -> int:
    """Where the reason told after a strike word at `at` begins (the sentence's end if none)."""
    found = _REASON_AFTER.search(folded, at)
    return found.end() if found else len(folded) + 1


_UNCONFIRMED = re.compile(
    r"\b(?:can't|cannot|can not|could not|couldn't|unable to|not able to|impossible de"
    r"|ne (?:peut|peuvent|pouvons|pouvait) pas|n'(?:a|ont|avons) pas pu) (?:\w+ )?"
    r"(?:confirm|say|verify|confirmer|dire|verifier)\w* (?:that|whether|if|que|qu'|si)\b"
)

_UNREALISED = re.compile(
    r"\b(?:preparing|prepared|planning|planned|about|poised|getting ready|ready) to "
    r"(?:launch|attack|fire|strike|target)\b[^.;]{0,40}"
    r"|\bs'appretai\w* a (?:lancer|attaquer|tirer)\b[^.;]{0,40}"
    r"|\bpreparai\w* (?:a lancer|une attaque|un tir)\b[^.;]{0,40}"
    r"|\bsur le point de (?:lancer|tirer|attaquer)\b[^.;]{0,40}"
)

_NEXT_ONE = re.compile(
    r"\b(?:deuxieme|seconde?|troisieme|quatrieme|autre|third|fourth|another)\s+(?:[\w-]+\s+)?$"
)

# "tués lors de ces frappes, dont cinq à Deir Ezzor": where part of the toll fell, not the
# place of the incident
_PART_OF_TOLL = re.compile(
    # not "including the one in Iraq on Nov. 21": one of the events, not of a toll
    r"(?:\bdont|\bincluding|\bamong them|\bparmi eux)\s+(?!the one\b|celle\b|celui\b)"
    r"(?:[\w-]+\s+){1,3}?"
    r"(?:a|au|aux|en|dans|in|at)\s+(?:la\s+|le\s+|l'|the\s+)?$"
)

_LINKED = re.compile(
    r"\b(?:liee?s?|linked|tied|affiliee?s?|affiliated|aligned|alignee?s?|allied|alliee?s?"
    r"|close|proches?|backed|soutenue?s?|sponsored|parrainee?s?|funded|financee?s?|armed"
    r"|armee?s?) (?:to|with|by|a|au|aux|par|de|sur)\s*(?:l'|le |la |the )?$"
)
_MORE_BASES = re.compile(
    r"\b(?:and|et)\s+(?:\w+\s+){0,2}?(?:bases?|troop locations|locations|sites|positions)"
    rf"\s+(?:in|en)\s+(?P<country>{'|'.join(lx.COUNTRY_CODE)})\b"
)


_STRIKE_BEFORE = re.compile(
    r"\b(?:frappes?|strikes?|airstrikes?|raids?|bombardements?)(?: (?:aeriennes?|americaines?"
    r"|us|u\.s\.|american))?\s+(?:a |ont |avait |avaient |have |has |had |also )?$"
)


def _strike_subject(folded: str, at: int, militia: list[tuple[int, int]]) -> bool:
    """Is the attack verb at `at` told of a strike just named as its subject?"""
    match = _STRIKE_BEFORE.search(folded[max(0, at - 40) : at])
    return match is not None and not _inside(max(0, at - 40) + match.start(), militia)


_ANOTHER = re.compile(r"\b(?:another|une autre|un autre),?\s+(?:[\w,'-]+\s+){0,3}$")


def _another_strike(mention: Mention, nouns: list[re.Match[str]]) -> None:
    """'The U.S. strike followed another, unplanned strike by an AC-130': the mention is of
    the other strike, a new incident."""
    if mention.kind != "strike":
        return
    folded = mention.reading.folded
    for noun in nouns:
        if noun.start() > mention.pos and _ANOTHER.search(
            folded[max(0, noun.start() - 60) : noun.start()]
        ):
            mention.pos, mention.other, mention.specific = noun.start(), True, True
            mention.anaphoric = False
            return


# "a one-way attack drone launched against U.S. forces struck al-Tanf": the drone strikes
_WEAPON_SUBJECT = re.compile(
    r"\b(?P<weapon>drones?|rockets?|roquettes?|missiles?)\b(?:\s+[\w.'-]+){0,8}?\s+"
    r"(?:has |have |had |a |ont |avait |avaient )?$"
)


def _weapon_subject(folded: str, verb: re.Match[str]) -> bool:
    """Is the strike verb said of a militia's drone, rocket or missile that hit (not of
    one a strike was 'conducted' with, nor of a US one)?"""
    if verb.group() not in _HIT_VERBS:
        return False
    window = folded[max(0, verb.start() - 80) : verb.start()]
    m = _WEAPON_SUBJECT.search(window)
    if m is None:
        return False
    before = window[: m.start()]
    return not re.search(
        r"(?:\bus|u\.s\.|americ\w*|coalition|\bin an?|\bby an?|\bwith an?|\bdans une?"
        r"|\bpar une?)\s+(?:[\w-]+\s+)?$",
        before,
    )


_HIT_VERBS = {"struck", "hit", "frappe", "frappee", "frappes", "frappees", "vise", "visee"}


def _date_list(folded: str, dates: list[DateMention]) -> list[DateMention]:
    """'on Oct. 26, Nov. 8, and Nov. 12': two or more printed days told as one list ("A, B
    and C"), each its own event."""
    days = sorted((d for d in dates if d.explicit and len(d.days) == 1), key=lambda d: d.start)
    if len(days) < 2:
        return []
    gaps = [folded[a.end : b.start] for a, b in itertools.pairwise(days)]
    if not all(_LIST_GAP.fullmatch(g) for g in gaps) or not re.search(r"\b(?:and|et)\b", gaps[-1]):
        return []
    return days


_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|et)\s+)?(?:(?:on|le)\s+)?")
_TARGET_OF = re.compile(r"\b(?:target|cible)s? (?:of|d'|de|du)\b[^.;,]{0,20}$")


def _us_target_of(folded: str, strike: re.Match[str]) -> bool:
    """A base or US forces named before "the target of" the strike word."""
    window = max(0, strike.start() - 40)
    target = _TARGET_OF.search(folded[window : strike.start()])
    if target is None:
        return False
    before = folded[: window + target.start()]
    return bool(lx.BASE_WORD.search(before) or lx.US.search(before))


_OF_A_BASE = re.compile(
    r"\s+(?:de la|du|d'|of the|of)\s*(?:[\w-]+\s+){0,2}?(?:base|bases|garnison|garrison)\b"
)

# "an Iraqi military official": a military, defence or security speaker of another country
_NOT_US_BEFORE = re.compile(r"\b(?:iraqi?|kurd\w*|syrian|jordanian|iranian|local)\s+$")


# "les frappes menées par Washington": the US as who struck, not as who speaks
_AGENT_BEFORE = re.compile(
    r"\b(?:menee?s?|conduite?s?|lancee?s?|effectuee?s?|carried out|conducted|launched)"
    r"(?: [\w'-]+){0,4}? (?:par|by) (?:les |the |l')?$"
)


def _us_speaker(folded: str) -> bool:
    """Does a US or coalition speaker tell something in the sentence?"""
    return bool(lx.SPEECH.search(folded)) and any(
        not _NOT_US_BEFORE.search(folded[max(0, m.start() - 12) : m.start()])
        and not _AGENT_BEFORE.search(folded[max(0, m.start() - 60) : m.start()])
        for m in lx.US_SPEAKER.finditer(folded)
    )


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


_ATTACKS_DONE = re.compile(
    r"\b(?:attacks?|attaques?|assauts?|assaults?)\s+(?:[\w']+\s+){0,3}?(?:have been|has been"
    r"|had been|were|was|ont ete|a ete|avaient ete|avait ete|sont|est)\s+$"
)
_OUTLET_BEFORE = re.compile(
    r"\b(?:television|tv|chaine|channel|outlet|media|network|broadcaster|reseau)"
    r"(?: [\w-]+){0,2}\s+(?:al[- ])?$"
)
_OUTLET_AFTER = re.compile(r"^ (?:tv|television|channel|news|network)\b")
_OUTLET_SPEAKS = re.compile(
    r"^ (?:a rapporte|reported|a affirme|a annonce|a indique|said|says|a diffuse|aired)\b"
)


def _outlet(folded: str, start: int, end: int, level: int) -> bool:
    """A town's name worn by a news outlet ("la télévision Al Mayadeen a rapporté",
    "the Al Mayadeen television reported", "Al Mayadeen said"), not the place of an
    incident. Countries and provinces speak through their governments instead."""
    if level < 3:
        return False
    named = folded[max(0, start - 3) : start] in ("al ", "al-")
    return bool(
        _OUTLET_BEFORE.search(folded[max(0, start - 40) : start])
        or _OUTLET_AFTER.match(folded[end : end + 20])
        or named
        and _OUTLET_SPEAKS.match(folded[end : end + 20])
    )


_OTHER_CLAUSE = re.compile(
    r"\b(?:contre|against|on|sur|visant|targeting) (?:les |the |des )?(?:[\w-]+ ){0,2}"
    r"(?:forces|troupes|troops|soldats|soldiers|personnel|bases?|interets|interests)\b"
    r"|\b(?:stationne\w*|stationed|deploye\w*|deployed|basee?s?|based)\s*$"
)


_ONE_OTHER = re.compile(r"\b(?:l'une?|one)\b(?P<one>.*?)\b(?:l'autre|the other)\b(?P<other>.*)")


def _one_and_the_other(r: Reading, at: int) -> list[Place]:
    """'deux attaques ..., l'une dans la région de Tell Beydar et l'autre contre la base
    d'al-Tanf': the place of each."""
    m = _ONE_OTHER.search(r.folded, at)
    if m is None:
        return []
    out: list[Place] = []
    for group in ("one", "other"):
        start, end = m.span(group)
        inside = [f.what for f in r.places if start <= f.start < end and f.what.level >= 3]
        if not inside:
            return []
        out.append(inside[0])
    return out if out[0] != out[1] else []


def _two_bases(mention: Mention) -> list[Place]:
    """'The drones targeted the al-Harir air base and al-Asad base', 'contre les forces
    américaines à Al-Tanf et Al-Malikiyah': an attack on each (a base and another place)."""
    r = mention.reading
    bases = [f for f in r.places if f.what.level >= 3 and f.start >= mention.pos - 80]
    if (
        len(bases) != 2
        or not any(f.what.base for f in bases)
        or compatible(bases[0].what, bases[1].what)
    ):
        return []
    between = r.folded[bases[0].end : bases[1].start]
    if not re.fullmatch(
        r"[\w\s'-]{0,20}?\b(?:and|et)\b\s+(?:the |la |le |l')?(?:base (?:d'|de )?)?(?:al[- ])?",
        between,
    ):
        return []
    return [bases[0].what, bases[1].what]


_CLAUSE_BREAK = re.compile(r",\s+(?:and|et)\s+|;\s+")


def _clauses(folded: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(folded)), len(folded)]
    return list(itertools.pairwise(cuts))


def _clause_of(r: Reading, place: Place) -> tuple[int, int] | None:
    """The clause where `place` is named, when the sentence has several that tell attacks."""
    told = [
        (a, b)
        for a, b in _clauses(r.folded)
        if lx.ATTACK_VERB.search(r.folded, a, b) or lx.ATTACK_NOUN.search(r.folded, a, b)
    ]
    at = next((f.start for f in r.places if f.what == place), None)
    if len(told) < 2 or at is None:
        return None
    return next(((a, b) for a, b in told if a <= at < b), None)


def _base_per_clause(mention: Mention) -> list[Place]:
    """'several drones were launched at the Ain al-Asad air base, and a drone was launched at
    a base near the Erbil airport': each clause its own attack verb and base, an attack on
    each."""
    r = mention.reading
    found: list[Place] = []
    for start, end in _clauses(r.folded):
        clause = r.folded[start:end]
        bases = [f.what for f in r.places if f.what.base and start <= f.start < end]
        if bases and (lx.ATTACK_VERB.search(clause) or lx.ATTACK_NOUN.search(clause)):
            found.append(bases[0])
    if len(found) < 2 or any(compatible(a, b) for a, b in itertools.combinations(found, 2)):
        return []
    return found


_STRIKING = re.compile(
    r"\b(?:bombardant|frappant|ciblant|bombing|striking|hitting|struck|bombed|has hit|have hit"
    r"|ont frappe|a frappe"
    r"|ont bombarde|a bombarde)\b"
)


# "des frappes visant des forces d'élite iraniennes ... en Irak et en Syrie": what they aimed at
_STRIKES_AIMED = re.compile(
    r"\b(?:frappes?|strikes?|airstrikes?|raids?|bombardements?)\s+(?:visant|ciblant|targeting)\b"
)


def _after_last_strike_word(folded: str, start: int, end: int) -> str:
    """'Les États-Unis ripostent à l'attaque de fin janvier en bombardant sept positions en
    Irak et en Syrie': the clause of the countries begins at the last word of striking."""
    last = max(
        (w.end() for p in (_STRIKING, _STRIKES_AIMED) for w in p.finditer(folded, start, end)),
        default=start,
    )
    return folded[last:end]


# forces the strikes were aimed at, not US ones ("des frappes visant des forces d'élite
# iraniennes ... en Irak et en Syrie")
_THEIR_FORCES = re.compile(
    r"\bforces (?:d'elite |armees )?(?:iraniennes|pro-iraniennes|de l'iran|iranian)\b"
    r"|\b(?:iranian|iran-backed|pro-iranian|militia) (?:elite )?forces\b"
)


def _other_clause(between: str) -> bool:
    """Between a strike word and "in Iraq and Syria", an attack or US forces as a target
    ("in response to attacks against American forces in Syria and Iraq"): the countries
    are those of another clause."""
    between = _THEIR_FORCES.sub("", lx.TARGETS_NOUN.sub("", between))
    return bool(lx.ATTACK_NOUN.search(between) or lx.ATTACK_VERB.search(between)) or bool(
        _OTHER_CLAUSE.search(between)
    )


def _as_reason(folded: str, start: int) -> bool:
    """Is the attack word at `start` named as a reason or a charge, not reported?"""
    return bool(lx.ATTACK_AS_REASON.search(folded[max(0, start - 70) : start]))


def _own_day(word: re.Match[str], dates: list[DateMention]) -> bool:
    """'in retaliation for the January 28 drone strike', 'en réponse à l'attaque du 28
    janvier': a reason given its own calendar day is an incident the article dates."""
    return any(
        d.explicit
        and (0 <= word.start() - d.end <= 12 or 0 <= d.start - word.end() <= 12)
        # "in retaliation for the drone attack on a US military base last Sunday"
        or (d.explicit or d.before)
        and 0 <= d.start - word.end() <= 60
        and not re.search(r"[,;:]", word.string[word.end() : d.start])
        for d in dates
    )


# the target or the dead of an attack word: "contre le QG de la milice", "killing fighters"
_AT_OR_KILLING = re.compile(
    r"\b(?:contre|against|on|sur|targeting|visant|killing|killed|tuant|tuee?s?)\b[^.;,]{0,60}$"
)
_KILLED_IN = re.compile(r"\b(?:tuee?s?|killed|blessee?s?|wounded|injured)\b[^.;]{0,60}$")
_BLAMED = re.compile(r"\b(?:blam\w*|attribu\w*|imput\w*|accus\w*)\b[^.;]*$")


def _on_militia(folded: str, word: re.Match[str]) -> bool:
    """A militia named as the target or the dead of the attack word ("on", "contre",
    "killing"), not its author ("by", "blamed the attack on militants")."""
    if _BLAMED.search(folded[max(0, word.start() - 40) : word.start()]):
        return False
    after = folded[word.end() : word.end() + 100]
    if any(_AT_OR_KILLING.search(after[: m.start()]) for m in lx.MILITIA_TARGET.finditer(after)):
        return True
    # "un membre du Hachd a été tué ce jeudi dans une frappe de drone": the dead before it
    before = " ".join(folded[: word.start()].split())[-150:]  # an aside blanked: one space
    killed = _KILLED_IN.search(before)
    return killed is not None and bool(lx.MILITIA_TARGET.search(before[: killed.start()]))


def _us_strikes_militia(folded: str, trigger: int) -> bool:
    """US forces named as the subject just before the attack word, and a militia after it."""
    before = folded[max(0, trigger - 50) : trigger]
    us = list(lx.US.finditer(before))
    return (
        bool(us)
        and not lx.TARGET_BEFORE.search(before[: us[-1].start()])
        and not lx.US_PASSIVE.match(before[us[-1].start() :])
        and bool(lx.MILITIA_TARGET.search(folded[trigger : trigger + 90]))
    )


def _mask_attack_word(match: re.Match[str]) -> str:
    """'drone d'attaque' -> 'drone d'xxxxxxx': the weapon stays, the attack word goes."""
    return re.sub(r"attaque|attack", lambda m: "x" * len(m.group()), match.group())


def _french_participle(word: str) -> bool:
    """'frappé', 'visée', 'ciblés' (folded): a French verb form that needs its auxiliary to be
    a verb, not a noun ("la cible", "une riposte")."""
    return bool(re.fullmatch(r"(?:frappe|bombarde|vise|cible|riposte)e?s?", word))


# between two event nouns that share one count: "frappes [de drones et] tirs de roquettes"
_CONJOINED = re.compile(r"(?:\s+(?:de|d'|of)\s*[\w-]+)?\s+(?:et|ou|and|or)\s+(?:des\s+|de\s+|d')?")


def _counted(folded: str, start: int, dates: list[DateMention]) -> bool:
    """Is the event noun at `start` counted ("78 attaques", "plusieurs frappes", "such
    attacks")? A number that belongs to a date ("the January 28 attack") does not count."""
    before = folded[max(0, start - 40) : start]
    match = lx.COUNTED.search(before)
    if not match or re.search(r"\b(?:l'|la|le|cette|the|this)\s+$", before):
        return False
    if _participle(folded, start):
        return False  # "ses combattants avaient attaqué": a verb, not counted attacks
    at = start - len(before) + match.start()
    return not any(d.start <= at < d.end for d in dates)


def _participle(folded: str, start: int) -> bool:
    """'attaque' after an auxiliary ("avaient attaqué", "ont attaqué"): the French verb,
    folded like the noun."""
    return folded.startswith("attaque", start) and bool(
        re.search(
            r"\b(?:a|ont|avait|avaient|aurait|auraient|ait|aient|ayant|avoir)\s+(?:\w+\s+)?$",
            folded[max(0, start - 25) : start],
        )
    )


_TWICE = re.compile(r"\b(?:twice|deux fois|a deux reprises)\b")


def _twice_that_day(folded: str, dates: list[DateMention]) -> bool:
    """'On Tuesday, its members attacked twice another US base': one incident that day."""
    days = [d for d in dates if d.role == "event" and (d.days or d.weekday is not None)]
    return (
        len(days) == 1
        and len(days[0].days) <= 1
        and bool(_TWICE.search(folded))
        and not any(
            m.group() not in ("twice", "deux fois", "a deux reprises")
            for m in lx.REPEATED.finditer(folded)
        )
    )


# "ont frappé 85 fois dans sept sites": hits of one raid counted, not many raids
_HITS = re.compile(r"\b(?:frappe|bombarde|struck|hit|bombed)\w* (?:\w+ )?\d+ (?:fois|times)\b")


def _hits_that_day(folded: str, dates: list[DateMention]) -> bool:
    """'Le vendredi 2 février, des avions américains ont frappé 85 fois': one day's strikes
    counted by their hits, one operation."""
    days = [d for d in dates if d.role == "event" and d.days]
    return len(days) == 1 and len(days[0].days) == 1 and bool(_HITS.search(folded))


def _speaks_in_general(folded: str, dates: list[DateMention]) -> bool:
    """Attacks or strikes in the plural or counted ("des attaques dirigées contre leurs
    forces", "de telles attaques"): a sentence about many events, not one."""
    for pattern in (lx.ATTACK_NOUN, lx.STRIKE_NOUN):
        for m in pattern.finditer(folded):
            before = folded[max(0, m.start() - 40) : m.start()]
            if _participle(folded, m.start()):
                continue
            if _counted(folded, m.start(), dates):
                return True
            if m.group().split()[0].endswith("s") and re.search(
                r"\b(?:des|de|les|the|of)\s+(?:\w+\s+)?$", before
            ):
                return True
    return (
        bool(lx.REPEATED.search(folded))
        and not _twice_that_day(folded, dates)
        and not _hits_that_day(folded, dates)
        and bool(
            lx.ATTACK_NOUN.search(folded)
            or lx.STRIKE_NOUN.search(folded)
            or lx.ATTACK_VERB.search(folded)
        )
    )
