"""Sentence boundaries for English, Chinese and Indonesian block text.

Scraped pages break the usual assumptions: Indonesian pages glue sentences together
("swasta.Juga dikenal"), machine-translated Chinese uses the ASCII full stop, and the
same text is full of "U.S.", "9a.m.", "vs.", decimals and URLs that must stay whole.
`clean` uses the boundaries to drop one marketing sentence from a good paragraph; the
translation and extraction steps use them to work sentence by sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

# A run of terminators ('...' included), then any closing quotes or brackets that belong to the
# sentence. Opening with a character set lets the regex engine skip to candidates quickly.
_TERMINATOR = re.compile(r"[.!?。！？…]+[\"'”’»)）」』\]]*")
_URL = re.compile(
    r"(?i:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|edu|net|io|co|id|cn|us|uk)\b(?:/\S*)?"
)
# A known domain ending as _URL spells it (lower case): with '://' or 'www.' (any case), what every
# match of _URL holds. Cheap searches that spare the costly one for the many texts without a URL;
# this one opens with a literal '.', which the regex engine skips to quickly.
_DOMAIN_END = re.compile(r"\.(?:com|org|gov|edu|net|io|co|id|cn|us|uk)")
_URL_START = re.compile(r"https?://|www\.", re.IGNORECASE)
_URL_TAIL = ".,;:!?)]}\"'"
_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_FULLWIDTH_STOPS = frozenset("。！？")
# Words that end with a full stop without ending the sentence ("etc." may end one, so it is not here).
ABBREVIATIONS = frozenset((
    "vs", "v", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "dept", "est",
    "fig", "vol", "no", "nos", "approx", "ca", "cf", "al", "mt", "ft", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")  # U.S. / a.m. / e.g. : letters joined by dots
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_CONTENT = re.compile(r"\S")
_STARTS_READ = len("https://")  # characters of the next sentence `_starts_sentence` looks at, at most
_HAN_START = re.compile(rf"[{_HAN}]")
_WORD_START = re.compile(r"[A-Z][a-z]")
_GLUED_START = re.compile(rf"[A-Z{_HAN}\"“(]")
_SPACED_START = re.compile(rf"[{_HAN}\"“‘(（\[*•]")
_MARKER_ONLY = re.compile(r"^\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)]$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of `text`, whitespace around them left out.

    The gaps between spans hold only whitespace, so joining the spans with their gaps
    gives back the text.
    """
    return list(_sentence_spans(text))


@lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """split_sentences, cached (bounded): clean, translation and extraction split the same
    block texts, and extraction splits a block again for every fact it reads there."""
    spans: list[tuple[int, int]] = []
    start = 0
    content_end = len(text.rstrip())  # just past the last non-space character
    protected: set[int] | None = None  # looked for at the first terminator: many texts have none
    for match in _TERMINATOR.finditer(text):
        end = match.end()
        if end >= content_end:
            # the text's last terminator, often its only one: ended here or not, the last
            # sentence ends here, as the span added after the loop does
            break
        if protected is None:
            protected = _url_interiors(text)
        if match.start() in protected or not _ends_sentence(text, start, match):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return tuple(spans)


def sentences(text: str) -> list[str]:
    """The sentence strings of `text`, for callers that need no offsets."""
    return [text[s:e] for s, e in split_sentences(text)]


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _url_interiors(text: str) -> set[int]:
    """Positions inside URLs and domain names, where a full stop never ends a sentence."""
    inside: set[int] = set()
    if not _may_hold_url(text):
        return inside
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TAIL)
        inside.update(range(match.start(), match.start() + len(url)))
    return inside


def _may_hold_url(text: str) -> bool:
    """False where _URL cannot match: no scheme, no 'www.' in any case, no domain ending."""
    return "://" in text or _DOMAIN_END.search(text) is not None or "www." in text.lower()


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    """Whether the terminator run `match` closes the sentence that began at `start`."""
    stops = match.group().rstrip("\"'”’»)）」』]")
    following = _CONTENT.search(text, match.end())
    if following is None:
        return True
    # the spaces after the stop and the start of what follows: all _starts_sentence reads
    after = text[match.end():following.start() + _STARTS_READ]
    if _MARKER_ONLY.match(text[start:match.end()]):
        return False  # "1." or "a)" opening a list item is not a sentence
    if stops[-1] in _FULLWIDTH_STOPS:
        return True
    if stops.endswith(".") and not stops.endswith("..") and _is_abbreviation(text[start:match.start() + 1]):
        return False
    return _starts_sentence(after, glued=not after[0].isspace(), full_stop=stops == ".")


def _is_abbreviation(sentence_so_far: str) -> bool:
    """'Dr.', 'vs.', 'U.S.', '9a.m.': a full stop that belongs to the word before it."""
    tail = sentence_so_far.rsplit(None, 1)[-1] if sentence_so_far.strip() else ""
    if _DOTTED.search(tail):
        return True
    word = _WORD_BEFORE.search(tail)
    if not word:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or (len(token) == 1 and tail[-2:-1].isupper())


def _starts_sentence(after: str, glued: bool, full_stop: bool) -> bool:
    """Does the text after a terminator look like the start of a new sentence?

    After a space: a capital, a Han character, a digit, a quote, a bracket or a URL starts
    one (a lower-case word continues an abbreviation or a citation). Glued to the stop, only
    a capitalised word ('swasta.Juga') or a Han character does; '4.5' and 'bls.gov' do not.
    """
    if glued:
        if _HAN_START.match(after):
            return True
        if full_stop:
            return bool(_WORD_START.match(after))
        return bool(_GLUED_START.match(after))
    rest = after.lstrip()
    first = rest[:1]
    opens = first.isupper() or first.isdigit() or bool(_SPACED_START.match(first))
    return bool(first) and (opens or bool(_URL_START.match(rest)))
