"""Step `detect`: language spans for every block, each block's language, the page's languages.

Spans cover a block's text exactly, consecutive and non-overlapping, and only ever change
language between words. Script decides first (langid_script): Han is Chinese, and Han
glued into an English word is part of that word. Latin runs are then decided together per
block (langid_latin). Spaces and punctuation between two runs of one language join that run;
between different languages they go with the run before them (leading ones, opening quotes
or brackets, and digits glued to Chinese with the run after). So 'und' is left for text
without letters and for scripts many languages share (Cyrillic, Arabic).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .context import Context
from .glossary import Glossary
from .langid_latin import LatinDecider, LatinPage
from .langid_script import HAN, LatinRun, Unit, han_language, segment
from .langid_words import LATIN_WORD
from .model import Doc, Span

UNDETERMINED = "und"
_ANSI_RESET = "\x1b[0m"
_ANSI_COLOURS = {"en": "32", "zh": "31", "id": "33", UNDETERMINED: "2"}
_ANSI_OTHER = "35"
_OPENING_CATEGORIES = frozenset({"Ps", "Pi"})  # opening brackets and quotes
_HAN_LANGS = frozenset({"zh", "ja"})


@dataclass(slots=True)
class _Labelled:
    """A stretch of text whose language is known, before neutral text is shared out."""

    start: int
    end: int
    lang: str
    confidence: float | None


@dataclass(slots=True)
class _Segmented:
    """A text's script pieces and Latin runs; `decided` are its runs' places among its page's."""

    pieces: list[Unit]
    runs: list[LatinRun]
    decided: range


class LanguageDetector:
    """Language spans of mixed English/Chinese/Indonesian text; one instance serves a whole run."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self._latin = LatinDecider(glossary)
        self._protected_forms = _mixed_script_forms(glossary)
        # the last page's texts, segmented and their Latin runs read: page_context does it, spans reuses it
        self._page_segments: dict[str, _Segmented] = {}
        self._page = self._latin.read([])

    def spans(self, text: str, context: str | None = None) -> list[Span]:
        """Spans covering `text`; `context` is the page's dominant Latin language if known."""
        segmented, page = self._page_segments.get(text), self._page
        if segmented is None:  # not one of the last page's texts: a page of its own
            segments, page = self._read_page([text])
            segmented = segments[text]
        return _cover(text, self._labelled(segmented, page, context))

    def page_context(self, texts: list[str]) -> str | None:
        """The dominant Latin-script language of a page's texts, None when they have no Latin words."""
        self._page_segments, self._page = self._read_page(texts)
        return self._latin.dominant(self._page)

    def _read_page(self, texts: list[str]) -> tuple[dict[str, _Segmented], LatinPage]:
        """Each text segmented, and the Latin runs of all of them read as one page."""
        segmented: dict[str, _Segmented] = {}
        decided_words: list[list[str]] = []  # the words of the runs to decide, text after text
        for text in texts:
            if text not in segmented:
                pieces, runs = segment(text, self._protected(text))
                decided = [run.words for run in runs if not run.attached_to_han]
                first = len(decided_words)
                segmented[text] = _Segmented(pieces, runs, range(first, first + len(decided)))
                decided_words.extend(decided)
        return segmented, self._latin.read(decided_words)

    def _labelled(self, segmented: _Segmented, page: LatinPage, context: str | None) -> list[_Labelled]:
        pieces, runs = segmented.pieces, segmented.runs
        han = han_language(pieces)
        labelled = [_Labelled(piece.start, piece.end, han if piece.kind == "han" else piece.kind, None)
                    for piece in pieces]
        labelled.extend(_Labelled(run.start, run.end, han, None) for run in runs if run.attached_to_han)
        decided = [run for run in runs if not run.attached_to_han]
        if decided:
            choices = self._latin.decide(page, segmented.decided, context)
            labelled.extend(_Labelled(run.start, run.end, lang, confidence)
                            for run, (lang, confidence) in zip(decided, choices, strict=True))
        return sorted(labelled, key=lambda item: item.start)

    def _protected(self, text: str) -> list[tuple[int, int]]:
        """Where Chinese glossary forms with Latin letters ('X光') occur in `text`."""
        # every such form holds Han, which ASCII text cannot
        if self._protected_forms is None or text.isascii() or not HAN.search(text):
            return []
        return [found.span() for found in self._protected_forms.finditer(text)]


def detect(doc: Doc, ctx: Context) -> Doc:
    """Fill every block's spans and lang, and the page's share of characters by language."""
    detector: LanguageDetector = ctx.detector
    texts = [block.text for block in doc.blocks]
    context = detector.page_context(texts) or _hint_language(doc.lang_hint)
    page_counts: Counter[str] = Counter()
    for block in doc.blocks:
        block.spans = detector.spans(block.text, context)
        counts = char_counts(block.text, block.spans)
        block.lang = dominant_language(counts)
        page_counts.update(counts)
    doc.languages = language_shares(page_counts)
    return doc


def char_counts(text: str, spans: list[Span]) -> dict[str, int]:
    """Non-space characters per language, languages without any left out."""
    counts: dict[str, int] = {}
    for span in spans:
        count = sum(map(len, text[span.start:span.end].split()))
        if count:
            counts[span.lang] = counts.get(span.lang, 0) + count
    return counts


def dominant_language(counts: dict[str, int]) -> str:
    """The language holding the most non-space characters, 'und' only if nothing else is there."""
    determined = {lang: n for lang, n in counts.items() if lang != UNDETERMINED}
    counts = determined or counts
    return max(counts, key=lambda lang: (counts[lang], lang)) if counts else UNDETERMINED


def language_shares(counts: dict[str, int]) -> dict[str, float]:
    """Each language's share of the non-space characters counted; shares sum to 1."""
    total = sum(counts.values())
    return {lang: n / total for lang, n in sorted(counts.items())} if total else {}


def format_spans(text: str, spans: list[Span], *, color: bool) -> str:
    """Render spans for people: ANSI colours per language on a terminal, `[lang]` tags in a pipe."""
    parts = []
    for span in spans:
        piece = text[span.start:span.end]
        if color:
            code = _ANSI_COLOURS.get(span.lang, _ANSI_OTHER)
            parts.append(f"\x1b[{code}m\x1b[2m[{span.lang}]\x1b[22m{piece}{_ANSI_RESET}")
        else:
            parts.append(f"[{span.lang}]{piece}")
    return "".join(parts)


def _cover(text: str, labelled: list[_Labelled]) -> list[Span]:
    """Spans over the whole text: labelled stretches grown over the neutral text around them."""
    if not text:
        return []
    if not labelled:
        return [Span(0, len(text), UNDETERMINED)]
    spans: list[Span] = []
    for item in labelled:
        if spans and spans[-1].lang == item.lang:
            last = spans[-1]
            last.end = item.end
            last.confidence = _weaker(last.confidence, item.confidence)
        else:
            start = _next_run_start(text, spans[-1].end, item.start, item.lang) if spans else item.start
            if spans:
                spans[-1].end = start
            spans.append(Span(start, item.end, item.lang, item.confidence))
    spans[0].start = 0
    spans[-1].end = len(text)
    return spans


def _next_run_start(text: str, gap_start: int, gap_end: int, next_lang: str) -> int:
    """Where the part of a gap between two languages that belongs to the run after it begins.

    That is what follows the gap's last space when it opens the next run: opening quotes or
    brackets ('的 “face'), and before Chinese also digits ('Statistics, 2022年至2032年').
    """
    start = gap_end
    while start > gap_start and _opens(text[start - 1], next_lang):
        start -= 1
    return start


def _opens(char: str, next_lang: str) -> bool:
    return unicodedata.category(char) in _OPENING_CATEGORIES or (char.isdigit() and next_lang in _HAN_LANGS)


def _weaker(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _mixed_script_forms(glossary: Glossary | None) -> re.Pattern[str] | None:
    """Chinese glossary forms mixing Han and Latin letters ('X光', 'PTCB认证'), as one pattern that
    finds the leftmost form, the longest of those starting there; None if there are none.

    A form of Latin letters only ('CVS') is not protected: in an English sentence it is English.
    """
    if glossary is None:
        return None
    mixed = (form for form in glossary.forms("zh") if LATIN_WORD.search(form) and HAN.search(form))
    longest_first = sorted(mixed, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longest_first))) if longest_first else None


def _hint_language(hint: str | None) -> str | None:
    """The primary subtag of a page's declared language ('en-US' -> 'en'), as a fallback context."""
    return hint.split("-", 1)[0].lower() if hint else None
