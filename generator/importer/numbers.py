"""Numbers written in words or digits, French and English ("huit", "vingt-cinq",
"quatre-vingt-dix", "twenty-one", "2 500", "1,400", "une dizaine", "dozens")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"cent": 100, "cents": 100, "hundred": 100, "mille": 1000, "thousand": 1000}
_APPROX = {  # words that give a rough count: (min, max)
    "une dizaine": (10, None),
    "une douzaine": (12, 12),
    "a dozen": (12, 12),
    "une quinzaine": (15, None),
    "une vingtaine": (20, None),
    "une trentaine": (30, None),
    "une quarantaine": (40, None),
    "une cinquantaine": (50, None),
    "une soixantaine": (60, None),
    "deux douzaines": (24, 24),
    "trois douzaines": (36, 36),
    "two dozen": (24, 24),
    "three dozen": (36, 36),
    "des douzaines": (24, None),
    "une centaine": (100, None),
    "des dizaines": (20, None),
    "dizaines": (20, None),
    "dozens": (24, None),
    "des centaines": (200, None),
    "centaines": (200, None),
    "hundreds": (200, None),
    "des milliers": (2000, None),
    "milliers": (2000, None),
    "thousands": (2000, None),
}
WORDS = sorted([*UNITS, *_SCALES], key=len, reverse=True)
_ALT = "|".join(w for w in WORDS if w != "a")
WORD_NUMBER = rf"(?:{_ALT})(?:(?:-|\s+et\s+|\s+and\s+|\s+)(?:{_ALT}))*"
DIGITS = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+|\d+"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
APPROX = "|".join(sorted((re.escape(k) for k in _APPROX), key=len, reverse=True))


def value(text: str) -> int | None:
    """The integer a number phrase stands for, None when it is not one."""
    text = text.strip().lower()
    if re.fullmatch(DIGITS, text):
        return int(re.sub(r"\D", "", text))
    total, current = 0, 0
    words = [w for w in re.split(r"[-\s]+", text) if w and w not in ("et", "and")]
    if not words:
        return None
    for word in words:
        if word in UNITS:
            unit = UNITS[word]
            current = 80 if word in ("vingt", "vingts") and current == 4 else current + unit
        elif word in _SCALES:
            if _SCALES[word] == 1000:
                total += (current or 1) * 1000
                current = 0
            else:
                current = (current or 1) * _SCALES[word]
        else:
            return None
    return total + current


def approx(text: str) -> tuple[int, int | None] | None:
    return _APPROX.get(text.strip().lower())
