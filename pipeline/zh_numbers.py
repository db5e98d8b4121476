"""Numbers in Chinese text: digits, measure words, dates, ranges and 万.

Chinese counts with a measure word between the number and the noun (一名医疗助理, 两个领域)
and writes years, months and days with their own characters (2022年, 7月8日). English has
no measure words: they drop, 一名 becomes 'a', 这两个 'these two', 2022年至2032年间
'between 2022 and 2032', 13万 '130,000'.
"""
from __future__ import annotations

import re

from .units import Tok, has_class, merged

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ONE = frozenset({"a", "one"})
NUMBER = re.compile(r"^[\d.,%/-]+$")
_YEAR = re.compile(r"^\d{4}$")
_MYRIADS = {"万": 10_000, "亿": 100_000_000}
_RANGE_WORDS = frozenset({"至", "到"})
_RANGE_CLOSINGS = frozenset({"年间", "间", "之间"})
_DEMONSTRATIVES = {"this": "these", "that": "those"}
_COUNTING = frozenset({"m", "q"})  # every rule here starts from a numeral or a measure word


def numbers(tokens: list[Tok]) -> list[Tok]:
    """Digits joined into one number; measure words dropped; 2022年 -> '2022', 7月8日 -> 'July 8'."""
    if not has_class(tokens, _COUNTING):
        return tokens
    out: list[Tok] = []
    for tok in tokens:
        previous = out[-1] if out else None
        if previous is not None and is_number(previous) and (NUMBER.match(tok.src) and tok.src[:1] != "-"
                                                               or tok.src == "-"):
            out[-1] = merged([previous, tok], "m", previous.en + tok.src)
        elif tok.src in _MYRIADS and previous is not None and is_number(previous) and _plain(previous.en):
            value = float(previous.en.replace(",", "")) * _MYRIADS[tok.src]
            out[-1] = merged([previous, tok], "m", f"{value:,.0f}")  # 13万 '130,000'
        elif tok.cls == "q" and previous is not None and previous.cls == "m":
            out[-1] = merged([previous, tok], "m", _counted(previous, tok))
        elif tok.cls == "m" and previous is not None and previous.cls == "r" \
                and previous.en in _DEMONSTRATIVES:
            plural_det = _DEMONSTRATIVES[previous.en]
            english = previous.en if tok.en in ONE else f"{plural_det} {tok.en}"
            out[-1] = merged([previous, tok], "m", english)  # 这两个 'these two', 这一 'this'
        elif tok.cls != "q":
            out.append(tok)
    return _ranges(out)


def _plain(number: str) -> bool:
    """Digits with thousands separators and decimals only (no %, no range)."""
    return bool(re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", number))


def is_number(tok: Tok) -> bool:
    """A number written in digits ('25,900', '6%', '2022-2032')."""
    return tok.cls == "m" and bool(NUMBER.match(tok.en)) and tok.en[:1].isdigit()


def _counted(number: Tok, unit: Tok) -> str:
    """A number with its measure word: years stay bare, months are named, units of time are
    counted ('two years'), other measure words drop ('一名' -> 'a')."""
    if not is_number(number):
        if unit.en:
            return f"{number.en} {unit.en}" + ("" if number.en in ONE else "s")
        return "a" if number.en == "one" else number.en
    if unit.src in ("年", "年间") and _YEAR.match(number.en):
        return number.en
    if unit.src == "月" and number.en.isdigit() and 1 <= int(number.en) <= 12:
        return MONTHS[int(number.en) - 1]
    if unit.src == "日" and number.src.endswith("月"):
        return number.en
    if unit.en:
        return f"{number.en} {unit.en}" + ("" if number.en == "1" else "s")
    return number.en


def _ranges(tokens: list[Tok]) -> list[Tok]:
    """'2022 至 2032 年间' -> 'between 2022 and 2032'; '2022 至 2032' -> '2022 to 2032'."""
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        if i + 2 < len(tokens) and tokens[i + 1].src in _RANGE_WORDS and is_number(tokens[i]) \
                and is_number(tokens[i + 2]):
            closed = i + 3 < len(tokens) and tokens[i + 3].src in _RANGE_CLOSINGS
            used = tokens[i:i + 4] if closed else tokens[i:i + 3]
            low, high = tokens[i].en, tokens[i + 2].en
            text = f"between {low} and {high}" if closed else f"{low} to {high}"
            out.append(merged(used, "m", text))
            i += len(used)
            continue
        out.append(tokens[i])
        i += 1
    return out
