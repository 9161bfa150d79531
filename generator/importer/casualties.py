"""Killed and injured, as ranges, from the words of one sentence.

"huit personnes" -> 8-8; "au moins huit" -> 8+; "plusieurs Américains" -> 2+;
"tuant certains d'entre eux" -> 1+; "aucune victime" -> 0-0 killed and injured;
"blessures mineures" -> 1+ injured. Each figure keeps the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.fold import fold
from generator.importer.numbers import APPROX, NUMBER, approx, value
from generator.model import Range  # the record's own casualty range: drafts hold what pages show

UNKNOWN = Range(None, None)


@dataclass(frozen=True)
class Figure:
    what: str  # killed | injured
    range: Range
    start: int
    end: int
    text: str


_VAGUE = {  # quantity words without a number: (min, max)
    "plusieurs": (2, None),
    "several": (2, None),
    "quelques": (2, None),
    "a few": (2, None),
    "d'autres": (2, None),
    "others": (2, None),
    "multiple": (2, None),
    "nombreux": (3, None),
    "de nombreux": (3, None),
    "de nombreuses": (3, None),
    "many": (3, None),
    "numerous": (3, None),
    "certains": (1, None),
    "certaines": (1, None),
    "some": (1, None),
    "des": (2, None),  # an indefinite plural: more than one
    "un certain nombre de": (2, None),
    "a number of": (2, None),
    "a small number of": (2, None),
    "un petit nombre de": (2, None),
    "a handful of": (2, None),
    "une poignee de": (2, None),
    "un": (1, 1),
    "une": (1, 1),
    "a": (1, 1),
    "an": (1, 1),
    "one": (1, 1),
    "another": (1, 1),  # "another member was also killed": one more (extract.py adds it)
    "un autre": (1, 1),
    "une autre": (1, 1),
}
_QUAL = (
    r"(?P<qual>au moins|at least|plus de|more than|over|pas moins de|no fewer than|"
    r"jusqu'a|up to|environ|about|around|approximately|pres de|nearly|almost|quelque|"
    r"some)\s+"
)
# phrases first ("un petit nombre de" is not the number "un"), then numbers, then words
_COUNT = (
    rf"(?:{_QUAL})?(?P<num>{APPROX}|"
    + "|".join(
        sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _VAGUE if " " in k), key=len)[::-1]
    )
    + rf"|{NUMBER}|"
    + "|".join(sorted((re.escape(k) for k in _VAGUE if " " not in k), key=len, reverse=True))
    + r")"
)
_VICTIM = (
    r"(?:personnes?|gens|autres|others|soldats?|militaires?|americains?|membres?"
    r"|combattants?|civils?"
    r"|miliciens?|hommes|personnels?|conseillers?|employes?|sous-traitants?|agents?"
    r"|policiers?|enfants|femmes|jihadistes|djihadistes|insurges|militants?|victimes?"
    r"|assaillants?|attackers?|assailants?|gunmen|militiam[ae]n"
    r"|people|persons?|soldiers?|troops|service ?members?|servicemembers?|personnel"
    r"|americans?|fighters?|members?|civilians?|men|contractors?|sailors?|marines?"
    r"|airmen|troopers?|guards?|officers?|casualties|employees|individuals|commanders?"
    r"|commandants?|chefs?|leaders?|responsables?|officials?|dirigeants?|cadres?)"
)
_KILL = (
    r"(?:tuee?s?|tuant|tuer|morts?|deces|peri|killed|killing|kills|dead|died|deaths?"
    r"|fatalities|slain|coute la vie a|coutant la vie a)"
)
_INJURE = (
    r"(?:blessee?s?|blessant|blesser|blessures?|injured|injuring|injuries|injury|wounded"
    r"|wounding|wounds|hurt)"
)
_MONTHS = (
    r"janv\w*|fevr?\w*|mars|avr\w*|mai|juin|juil\w*|aout|sept\w*|oct\w*|nov\w*|dec\w*"
    r"|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*"
)
_ADJ = r"(?:[\w'.-]+\s+){0,3}?"
_INCISE = r"(?:,\s+(?:dont|including|among them|parmi lesquels|parmi eux)\b[^,.;]{0,50},)?"
# need a victim noun after them
_BARE = {"a", "an", "un", "une", "des", "one", "some", "another", "un autre", "une autre"}
_COUNT2 = _COUNT.replace("?P<qual>", "?P<qual2>").replace("?P<num>", "?P<num2>")
_OTHER = r"(?:another|an other|one other|un autre|une autre)"
_CONJOINED = re.compile(
    rf"\b(?:(?P<verb>{_KILL}|{_INJURE})\s+(?:[\w'.-]+\s+){{0,2}}?)?{_COUNT}\s+{_ADJ}{_VICTIM}"
    rf"\s+(?:and|et)\s+(?:{_OTHER}|{_COUNT2})\s+{_ADJ}{_VICTIM}\b"
    rf"(?:(?:\s+[\w'.()-]+){{0,5}}?\s+(?P<verb2>{_KILL}|{_INJURE})\b)?"
)
_PATTERNS = [
    # "une vingtaine de blessés", "une dizaine d'autres ont été blessés"
    re.compile(
        rf"\b(?:{_QUAL})?(?P<num>{APPROX})\s+(?:de\s+|d')(?:{_ADJ}{_VICTIM}\b"
        rf"(?:\s+(?!and\b|et\b)[\w'.()-]+){{0,6}}?\s+)?(?P<verb>{_KILL}|{_INJURE})\b"
    ),
    # "Les cinq personnes ont été tuées", "two U.S. service members were wounded"
    re.compile(
        rf"\b{_COUNT}\s+{_ADJ}{_VICTIM}\b{_INCISE}(?:\s+(?!and\b|et\b)[\w'.()-]+,?){{0,12}}?\s+"
        rf"(?P<verb>{_KILL}|{_INJURE})\b"
    ),
    # "huit morts", "des blessés légers", "two killed"
    re.compile(
        rf"\b{_COUNT}\s+(?:(?:were|was|have been|had been|ont ete|ont|sont|etaient)\s+)?"
        rf"(?P<verb>morts?|blessee?s?|dead|wounded|injured|killed|tuee?s?)\b"
    ),
    # "tuant quatre combattants", "killing at least two", "a tué tôt mercredi au moins huit"
    re.compile(
        rf"\b(?P<verb>{_KILL}|{_INJURE})\s+(?:(?!and\b|et\b)[\w'.-]+\s+){{0,3}}?(?:en\s+)?{_COUNT}"
        rf"(?!\s*(?:{_MONTHS})\b)"
        rf"(?P<victim>\s+(?:d'entre eux|d'entre elles|of them|{_ADJ}{_VICTIM}\b))?"
    ),
    # "qui a fait quatre morts", "faisant des blessés légers", "leaving two dead"
    re.compile(
        rf"\b(?:fait|faisant|causant|cause|leaving|left|causing|caused)\s+{_COUNT}\s+"
        rf"(?:de\s+)?(?P<verb>{_KILL}|{_INJURE}|victimes?|casualties)"
    ),
    # "Cinq membres des FDS (dominées par les Kurdes) présents sur la base ... ont été tués":
    # a subject longer than the second pattern takes, its verb in the passive
    re.compile(
        rf"\b(?!(?:a|an|un|une|des|some)\s){_COUNT}\s+{_ADJ}{_VICTIM}\b"
        rf"(?:\s+(?!and\b|et\b)[\w'.()«»-]+,?){{12,24}}?\s+"
        rf"(?:ont ete|a ete|sont|were|was|have been|had been)\s+(?P<verb>{_KILL}|{_INJURE})\b"
    ),
]
_WHO = (
    r"(?:one|anyone|nobody|personnel|troops|soldiers|service ?members?|americans|people"
    r"|us personnel|u\.s\. personnel|us troops|u\.s\. troops|american troops"
    r"|coalition (?:troops|personnel|forces))"
)
_ZERO_ALL = re.compile(
    r"\bsans [^.;,]{0,30}?\bvictimes?\b|\bni (?:de )?victimes?\b|\baucune victime\b"
    r"|\bpas de victimes?\b|\bn'a fait aucune victime\b|\bn'a pas fait de victimes?\b"
    r"|\b(?:no|without|caused no|did not cause)\b[^.;,]{0,25}?\bcasualties\b"
    rf"|\bno {_WHO} (?:was|were) killed or (?:injured|hurt|wounded|harmed)\b"
    # "No other deaths or injuries were reported": none beyond the toll told
    r"|\bno (?:other |further |additional )?(?:deaths|fatalities) or injuries\b"
    r"|\bni morts? ni blesses?\b|\baucun mort ni blesse\b"
)
_ZERO_INJURED = re.compile(
    r"\bsans [^.;,]{0,30}?\bblesses?\b|\bwithout [^.;,]{0,20}?\binjur\w*|\baucun blesse\b"
    r"|\bne fasse de blesse|\bpas de blesses?\b|\bno (?:reported )?injuries\b"
    r"|\bcaused no injuries\b|\bpersonne n'a ete blesse|\baucun (?:soldat|militaire)s? "
    r"(?:\w+ )?n'a ete blesse"
    rf"|\bno {_WHO} (?:was|were) (?:injured|hurt|wounded|harmed)\b"
    r"|\bnobody was (?:injured|hurt|wounded)\b"
)
_ZERO_KILLED = re.compile(
    r"\baucun mort\b|\bsans faire de morts?\b|\bno deaths\b"
    r"|\bno (?:one|personnel) (?:was|were) killed\b|\bno fatalities\b"
)
_MINOR = re.compile(
    r"\bblessures? (?:mineures|legeres)\b|\blegerement blesse\w*|\bblesses? "
    r"legers?\b|\bminor injur\w*|\bminor wounds\b|\blightly (?:wounded|injured)\b"
    r"|\bslightly (?:wounded|injured)\b|\btraumatic brain injur\w*"
)


_DEATH_OF = re.compile(
    # "après la mort, le 28 janvier, de trois soldats": the deaths the sentence answers
    rf"\b(?:cause|causant|entraine|entrainant|provoque|provoquant|caused|causing|apres|after"
    rf"|avec|with)"
    rf"\s+(?:la mort|the deaths?)(?:, (?:le |on )?\d{{1,2}} \w+,)? (?:de\s+|d'|of\s+)"
    rf"{_COUNT}\s+{_ADJ}{_VICTIM}\b"
)
_DEATH_TOLL = re.compile(
    rf"\bdeath toll (?:was|is|stood at|stands at|rose to|has risen to|reached)"
    rf"(?: actually| now| later)?\s+{_COUNT}\b(?!\s+(?:percent|%))"
)
_LIVES = re.compile(
    rf"\b(?:coute|coutant|cost|costing|claimed)\s+(?:la vie a|the lives of)\s+{_COUNT}\b"
)
# "resulting in injuries": hurt, more than one, no number given
_PLURAL_HURT = re.compile(
    r"\b(?:resulting in|resulted in|causing|caused|leaving|left|inflicting)\s+"
    r"(?:(?:several|some)\s+)?injuries\b"
)
_PLURAL_SUBJECT = re.compile(
    rf"\b(?:des|several|plusieurs|multiple|a\s+number\s+of|un certain nombre de)\s+{_ADJ}{_VICTIM}"
    r"\b[^.;]*$"
)
_LOCAL = re.compile(r"\b(?:iraqi?|irakiens?|kurd\w*|syri\w*|sdf|fds)\b")
# "trois victimes américaines ainsi qu'une trentaine de blessés": victims set beside the
# wounded are the dead
_THEN_HURT = re.compile(
    r"(?:\s+[\w-]+)?\s*,?\s+(?:et|ainsi qu(?:e\s|')|en plus d(?:e\s|'))\s*"
    r"(?:[\w'-]+\s+){0,3}?blesse"
)

_US_VICTIM = re.compile(r"\b(?:service ?members?|servicemembers?|troops|personnel|soldats)\b")
_BY_MEANS = re.compile(r"\s(?:in|by|during|from|with|dans|par|lors d\w*|avec|au cours d\w*)\s")
_GROUP = re.compile(r"\b(?:american|americaine?s?|us|u\.s\.|coalition|civil\w*)\b")
# "died of a heart attack during the alert": not killed by the attack
_NATURAL_DEATH = re.compile(r"\bheart attack\b|\bcardiac\b|\bcrise cardiaque\b|\barret cardiaque\b")
_INNER = re.compile(rf"\b(?!(?:un|une|one)\b){NUMBER}\s+{_ADJ}{_VICTIM}\b")


def _inner_count(pattern: re.Pattern[str], m: re.Match[str], folded: str) -> re.Match[str]:
    """'Several American officials revealed that three soldiers were killed': the count
    nearest the verb is its subject, not the speakers counted before it."""
    inner = _INNER.search(folded, m.end("num"), m.start("verb"))
    if inner is None or re.fullmatch(
        r"\s*(?:or|ou|to|a|-)\s*", folded[m.end("num") : inner.start()]
    ):
        return m  # "six ou sept combattants": one count told as a range
    again = pattern.match(folded, inner.start())
    return again if again is not None and again.start("verb") == m.start("verb") else m


_QUESTION = re.compile(r"\b(?:how many|how much|combien)\b")
_REASON = re.compile(
    r"\b(?:en represailles|en riposte|en reponse|in retaliation|in response"
    r"|to avenge|pour venger)\b[^,.;]*$"
)


def _range(qual: str | None, num: str) -> Range | None:
    num = " ".join(num.split())
    if num in _VAGUE:
        low, high = _VAGUE[num]
        return Range(low, high)
    if found := approx(num):
        if qual in ("au moins", "at least", "pas moins de", "no fewer than", "plus de"):
            return Range(found[0], None)  # "au moins deux douzaines": 24 or more
        if qual in ("environ", "about", "around", "approximately", "quelque", "some"):
            return Range(None, None) if found[0] > 20 else Range(*found)  # as for a number
        return Range(*found)
    n = value(num)
    if n is None:
        return None
    if qual in ("au moins", "at least", "pas moins de", "no fewer than"):
        return Range(n, None)
    if qual in ("plus de", "more than", "over"):
        return Range(n + 1, None)  # "over 30 wounded": 31 or more
    if qual in ("jusqu'a", "up to"):
        return Range(None, n)
    if qual in ("environ", "about", "around", "approximately", "quelque", "some"):
        # "around 20 wounded" is read as "une vingtaine": 20 or more
        return Range(None, None) if n > 20 else Range(n, None)
    if qual in ("pres de", "nearly", "almost"):
        return Range(None, n)
    return Range(n, n)


def figures(sentence: str) -> list[Figure]:
    """Casualty figures stated in one sentence."""
    # 'a "number" of US personnel': quotation marks do not break a count
    folded = fold(sentence).replace('"', " ")
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(what: str, rng: Range, start: int, end: int, claim: bool = True) -> None:
        if any(not (end <= s or start >= e) for s, e in taken):
            return
        if claim:
            taken.append((start, end))
        out.append(Figure(what, rng, start, end, sentence[start:end]))

    for pattern, killed, injured in (
        (_ZERO_ALL, True, True),
        (_ZERO_INJURED, False, True),
        (_ZERO_KILLED, True, False),
    ):
        for m in pattern.finditer(folded):
            if re.search(r"\bcivil", m.group()):
                continue  # "no civilian casualties": the strike's targets may be hit
            if killed:
                add("killed", Range(0, 0), m.start(), m.end(), claim=not injured)
            if injured:
                add("injured", Range(0, 0), m.start(), m.end())
    for m in _CONJOINED.finditer(folded):  # "five service members and another contractor"
        first = _range(m.group("qual"), m.group("num").strip())
        second = _range(m.group("qual2"), (m.group("num2") or "one").strip())
        verb = m.group("verb") or m.group("verb2")
        if first is None or second is None or not verb:
            continue
        low = first.min + second.min if first.min is not None and second.min is not None else None
        high = first.max + second.max if first.max is not None and second.max is not None else None
        add(
            "injured" if re.fullmatch(_INJURE, verb) else "killed",
            Range(low, high),
            m.start(),
            m.end(),
        )
    for m in _DEATH_OF.finditer(folded):  # "cause la mort de trois soldats"
        rng = _range(m.group("qual"), m.group("num"))
        if rng is not None and m.group("num").strip() not in _BARE:
            add("killed", rng, m.start(), m.end())
    for pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if pattern is _PATTERNS[1]:
                m = _inner_count(pattern, m, folded)
            verb = m.group("verb")
            if re.fullmatch(_INJURE, verb):
                what = "injured"
            elif re.fullmatch(_KILL, verb):
                what = "killed"
            elif verb.startswith("victime") and _THEN_HURT.match(folded, m.end()):
                what = "killed"  # "trois victimes ainsi qu'une trentaine de blessés": the dead
            else:  # "victimes", "casualties": killed or injured, unknown which
                continue
            num = m.group("num").strip()
            if (
                pattern is _PATTERNS[1]
                and re.search(r",\s*$", folded[: m.start("verb")])
                and re.fullmatch(r"\w+(?:ant|ing)", verb)
            ):
                continue  # "des personnes ..., tuant certains": the count is the agents
            if (
                pattern is _PATTERNS[3]
                and not m.group("victim")
                and _BY_MEANS.search(folded[m.start() : m.start("num")])
            ):
                continue  # "killed in two US strikes": the number counts the strikes
            if num in _BARE and (
                pattern is _PATTERNS[2]
                and num != "des"
                or pattern is _PATTERNS[3]
                and not m.group("victim")
            ):
                continue
            if _QUESTION.search(folded[max(0, m.start() - 12) : m.end("num")]):
                continue  # "It was not clear how many personnel were hurt": no count
            rng = _range(m.group("qual"), num)
            if rng is not None:
                add(what, rng, m.start(), m.end())
    for m in _DEATH_TOLL.finditer(folded):  # "the death toll was actually seven"
        rng = _range(m.group("qual"), m.group("num").strip())
        if rng is not None and m.group("num").strip() not in _BARE:
            add("killed", rng, m.start(), m.end())
    for m in _LIVES.finditer(folded):  # "a coûté la vie à quatre combattants"
        rng = _range(m.group("qual"), m.group("num").strip())
        if rng is not None and m.group("num").strip() not in _BARE:
            add("killed", rng, m.start(), m.end())
    for m in _PLURAL_HURT.finditer(folded):
        add("injured", Range(2, None), m.start(), m.end())  # an indefinite plural
    for m in _MINOR.finditer(folded):
        # "Des soldats ... ont été légèrement blessés": more than one
        plural = _PLURAL_SUBJECT.search(folded[max(0, m.start() - 90) : m.start()])
        add("injured", Range(2 if plural else 1, None), m.start(), m.end())
    out = _add_up([_either(f, folded) for f in out], folded)
    natural = bool(_NATURAL_DEATH.search(folded))
    if any(f.range.min for f in out):
        # "No American casualties were reported, but six Kurdish fighters were killed":
        # none of one group, beside a toll of another, is not a zero for the incident
        out = [f for f in out if f.range.max != 0 or not _GROUP.search(fold(f.text))]
    return sorted(
        (
            f
            for f in out
            if not _REASON.search(folded[max(0, f.start - 40) : f.start])
            and not (natural and f.what == "killed")
        ),
        key=lambda f: f.start,
    )


_EITHER = re.compile(rf"\b(?P<a>{NUMBER})\s+(?:or|ou|to|a)\s+(?P<b>{NUMBER})\b")


def _either(f: Figure, folded: str) -> Figure:
    """'killed 6 or 7 armed men', 'six à huit combattants': a figure told as two numbers is
    a range."""
    n = f.range.min
    if n is None or f.range.max != n:
        return f
    for m in _EITHER.finditer(folded, max(0, f.start - 15), f.end):
        low, high = value(m["a"]), value(m["b"])
        if low == n and high is not None and n < high <= 2 * n + 5:
            return Figure(f.what, Range(low, high), f.start, f.end, f.text)
    return f


def _add_up(out: list[Figure], folded: str) -> list[Figure]:
    """'A number of US personnel were hurt, and one Iraqi soldier was wounded': two groups
    of victims joined in one sentence add up (a report of the same count twice does not)."""
    out = sorted(out, key=lambda f: f.start)
    merged: list[Figure] = []
    for f in out:
        last = merged[-1] if merged else None
        between = folded[last.end : f.start] if last else ""
        if (
            last is not None
            and last.what == f.what
            and last.range.min
            and f.range.min
            and len(between) < 60
            and re.search(r"\b(?:and|et)\b", between)
            and not re.search(r"[;.]|\b(?:including|dont|among|parmi)\b", between)
            and _side(fold(last.text)) != _side(fold(f.text))
        ):
            low = last.range.min + f.range.min
            high = last.range.max + f.range.max if last.range.max and f.range.max else None
            text = f"{last.text} ... {f.text}"
            merged[-1] = Figure(f.what, Range(low, high), last.start, f.end, text)
            continue
        merged.append(f)
    return merged


def _side(text: str) -> str | None:
    """Whose victims a figure counts: US or coalition troops, or local forces."""
    if _LOCAL.search(text):
        return "local"
    return "us" if _GROUP.search(text) or _US_VICTIM.search(text) else None


def combine(ranges: list[Range]) -> Range:
    """One range from several reports of the same count (zero loses to a positive figure)."""
    known = [r for r in ranges if r.known]
    if not known:
        return UNKNOWN
    positive = [r for r in known if (r.max or 0) > 0 or (r.min or 0) > 0]
    if positive:
        known = positive
    mins = [r.min for r in known if r.min is not None]
    maxes = [r.max for r in known if r.max is not None]
    low = max(mins) if mins else None
    high = max(maxes) if maxes and all(r.max is not None for r in known) else None
    if low is not None and high is not None and high < low:
        high = low
    return Range(low, high)
