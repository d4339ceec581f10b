"""Numbers as authors write them, turned into floats.

"1,200", "11.5", "3.2e23", "1.5k", "7B", "10^23", "10^{23}", "10²³", "3.1×10^23", "4.5·10^20",
"3.3\\cdot10^{18}", "eight". A number may also span tokens ("3.1 × 10^23", "1.4 trillion"); the
engine asks its :class:`NumberReader` for single tokens and :func:`combine` for the compositions.
Number words and magnitude suffixes are data (``rules/numbers.toml``): a reader is built from one
rule set (``RuleSet.numbers``), so a user's rule file that adds a number word changes what the
engine built on it reads, and nothing else.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# A plain decimal: "1,200", "11.5", "3.2e23", with an optional magnitude suffix ("1.5k", "7B").
_DECIMAL = re.compile(
    r"^[~≈]?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?:[eE](?P<exp>[+-]?\d+))?"
    r"(?P<suffix>[A-Za-z])?$"
)
# A power of ten, alone or after a mantissa and a multiplication sign.
_POW10 = r"10\s*(?:\^\s*\{?\s*(?P<exp>[-−]?\d+)\s*\}?|(?P<sup>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
_SCIENTIFIC = re.compile(
    r"^[~≈]?(?:(?P<mant>\d+(?:\.\d+)?)\s*(?:×|x|X|\*|·|⋅|\\cdot|\\times)\s*)?" + _POW10 + "$"
)
# Signs that join a mantissa and a power of ten across tokens.
TIMES_SIGNS = frozenset({"×", "x", "X", "*", "·", "⋅", "\\cdot", "\\times"})


@functools.cache
def token_number_re(suffix_letters: str) -> re.Pattern[str]:
    """Token-level regex for the tokenizer, so that "3.1×10^{23}", "10^23" and a number glued to
    one of the rule set's magnitude suffixes ("1.2M", "1.4T", ``[numbers.suffixes]``) stay one
    token (spaCy's unit suffixes would split the last)."""
    letters = "".join(sorted(set(suffix_letters)))
    glued = rf"|^\d+(?:\.\d+)?[{re.escape(letters)}]$" if letters else ""
    return re.compile(
        r"^(?:\d+(?:\.\d+)?(?:×|x|\*|·|⋅)?)?10(?:\^\{?[-−]?\d+\}?|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$"
        r"|^\d+(?:\.\d+)?[eE][+-]?\d+$" + glued
    )


# "8x" glued: a count of what follows ("8x A100"), never a number on its own ("1500x faster").
TIMES_COUNT = re.compile(r"^(\d+)[x×]$")


def parse_scientific(text: str) -> float | None:
    """ "3.1×10^23" -> 3.1e23, "10^{18}" -> 1e18; None if ``text`` is not a power-of-ten form."""
    match = _SCIENTIFIC.match(text.strip())
    if not match:
        return None
    if match.group("exp") is not None:
        exponent = int(match.group("exp").replace("−", "-"))
    else:
        exponent = int(match.group("sup").translate(_SUPERSCRIPTS))
    # Through the decimal string, so "3.1×10^23" is exactly the float 3.1e23.
    return _finite(float(f"{match.group('mant') or '1'}e{exponent}"))


class NumberReader:
    """The numbers of one rule set: its number words ("eight"), magnitude suffixes ("1.5k") and
    magnitude words ("million"). Parsed tokens are cached on the reader: tokens repeat a lot."""

    def __init__(self, words: Mapping[str, float], suffixes: Mapping[str, float],
                 magnitudes: Mapping[str, float]) -> None:
        self._words = dict(words)
        self._suffixes = dict(suffixes)
        # A number glued to one of these letters is one token ("1.2M"): the tokenizer's pattern.
        self.suffix_letters = "".join(sorted(k for k in self._suffixes if len(k) == 1))
        self.token_pattern = token_number_re(self.suffix_letters)
        self._magnitudes = dict(magnitudes)
        self._cache: dict[str, float | None] = {}

    def parse(self, text: str) -> float | None:
        """The value of one token that is a number, or None."""
        try:
            return self._cache[text]
        except KeyError:
            value = self._cache[text] = self._parse(text)
            return value

    def _parse(self, text: str) -> float | None:
        stripped = text.strip()
        if not stripped:
            return None
        word = self._words.get(stripped.lower())
        if word is not None:
            return word
        match = _DECIMAL.match(stripped)
        if match:
            suffix = match.group("suffix")
            if suffix is not None and suffix not in self._suffixes:
                return None
            digits = match.group("int").replace(",", "") + (match.group("frac") or "")
            value = float(f"{digits}e{match.group('exp') or 0}")
            if suffix is not None:
                value *= self._suffixes[suffix]
            return _finite(value)
        return parse_scientific(stripped)

    def like_number(self, text: str) -> bool:
        """spaCy LIKE_NUM replacement: true for every form :meth:`parse` reads."""
        return self.parse(text) is not None

    def magnitude(self, word: str) -> float | None:
        """ "million" -> 1e6 (a magnitude word that follows a number), else None."""
        return self._magnitudes.get(word.lower())

    def suffix(self, letter: str) -> float | None:
        """ "k" -> 1e3 (a magnitude suffix glued to a number), else None."""
        return self._suffixes.get(letter)


def _finite(value: float) -> float | None:
    """None for a number beyond float range ("10^{400}" reads as infinity): it is no quantity
    (the PL006 check reports it), and infinity would crash arithmetic and JSON downstream."""
    return value if math.isfinite(value) else None


def combine(mantissa: float, sign: str, power: float) -> float | None:
    """ "3.1", "×", "10^23" -> 3.1e23 when the three tokens form one number."""
    if sign in TIMES_SIGNS and power > 0 and math_is_power_of_ten(power):
        return _finite(mantissa * power)
    return None


def math_is_power_of_ten(value: float) -> bool:
    if value < 10:
        return False
    exponent = round(_log10(value))
    return abs(value / 10.0**exponent - 1.0) < 1e-9


def _log10(value: float) -> float:
    import math

    return math.log10(value)


def is_year(text: str) -> bool:
    """A four-digit year (1900-2099): never a count or a duration on its own."""
    return bool(re.fullmatch(r"(19|20)\d\d", text))
