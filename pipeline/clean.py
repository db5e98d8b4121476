"""Step `clean`: fix the Unicode of every block and drop what is page chrome, not content.

Three signals, from strong to weak:

1. cues in a sentence (`pipeline.boilerplate_rules`): calls to action, consent, legal
   fine print, school marketing, navigation. A matching sentence goes; a block goes when
   nothing but such sentences is left, or when it is mostly fine print;
2. the site: a block whose text recurs on many pages of the run (`ctx.repeated_lines`),
   and HTML remnants ('" class="hidden">') that leaked into the text;
3. the page's end: blog pages close with cards for other posts and courses. Their signs
   (an imperative opening, "this article", a "Label: text" card, text cut off mid-word)
   also occur in real content, so they count only in a trailing run of blocks that starts
   with a block dropped for a stronger reason.

Shortness alone never removes anything: a heading such as "Pharmacy Technician
Requirements" stays. Every dropped block or sentence is recorded in `doc.removed`.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import ftfy

from . import boilerplate_rules as rules
from .context import Context
from .model import Block, Doc, Removal, Title, renumber
from .sentences import split_sentences

EMPTY = "empty"

# NFC, not NFKC, and no width folding: Chinese keeps its full-width punctuation ('，。：').
_FTFY_CONFIG = ftfy.TextFixerConfig(
    normalization="NFC", fix_character_width=False, uncurl_quotes=False, explain=False
)
# Text ftfy would return unchanged (when it opens no HTML entity, see `_needs_ftfy`): printable
# ASCII, tabs and newlines, and the characters of Chinese text (unified ideographs, CJK
# punctuation without its combining tone marks, full-width forms) and of typography (curly
# quotes, dashes, ellipsis, middle dot, bullet). None of these is a C1, control, ligature or
# line-break character, all are NFC, and every mojibake sequence ftfy looks for holds some
# other character.
_FTFY_NEEDLESS = re.compile(
    r"[\t\n\x20-\x7e\u3001-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e"
    r"\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00b7\u2022]*"
)
_HTML_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,24};")  # what ftfy unescapes
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_SPACE_RUNS = re.compile(r" {2,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_NOT_KEY = re.compile(r"[\W_]+")
# The ASCII characters _NOT_KEY removes: deleting them with bytes.translate is one C pass over an
# ASCII text, where the regex makes a replacement at every space (and str.translate with a
# table that deletes takes a slow path).
_ASCII_NOT_KEY = bytes(code for code in range(128) if _NOT_KEY.match(chr(code)))
_DIGITS = re.compile(r"\d+")
_CLOSING_PUNCTUATION = tuple(".!?。！？:：;；,，)）\"'”’")

# A block this size (Latin words plus half the Han characters) or larger is a sentence,
# not a menu label: when it recurs across pages verbatim, it is template text.
MIN_TEMPLATE_SIZE = 6
# Short recurring lines go only in runs this long: a lone recurring "Skills" heading or
# "Taking vital signs" bullet is content many pages share; three in a row is a menu.
MIN_MENU_RUN = 3
# Fine print (consent, legal) covering this share of a block takes the whole block along.
FINE_PRINT_SHARE = 0.5
# Below this size what is left of a block after removing markup debris is debris too.
MIN_DEBRIS_REST = 4
# A share of the run's pages a line must recur on, besides the floor `min_pages`.
REPEATED_SHARE = 0.02


def fix_unicode(text: str) -> str:
    """Repair mojibake, control characters and odd spaces, keeping Chinese punctuation.

    ftfy runs without width folding and with NFC, so '，' and '（' stay full-width; only
    full-width Latin letters and digits ('Ｈｅｌｌｏ', '２０２４') become ASCII, because the
    later steps match English words and numbers. Text that plainly needs no fixing (most
    English and Chinese blocks) skips ftfy, which would return it unchanged at a cost.
    """
    if _needs_ftfy(text):
        text = ftfy.fix_text(text, config=_FTFY_CONFIG).translate(_INVISIBLE)
    # each regex pass costs a scan at regex speed: ASCII text has no odd space but the tab and
    # no full-width character, and most text no run of spaces, which C-level tests tell
    if text.isascii():
        text = text.replace("\t", " ")
    else:
        text = _ODD_SPACES.sub(" ", text)
        text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text.strip()


def _needs_ftfy(text: str) -> bool:
    return not _FTFY_NEEDLESS.fullmatch(text) or ("&" in text and bool(_HTML_ENTITY.search(text)))


def line_key(text: str) -> str:
    """A key under which the same line on two pages compares equal.

    Case, punctuation, spacing and the values of numbers are ignored ('© 2024' and
    '© 2025' footers share a key). Applying it to a key gives the key back.
    """
    return _key_of_fixed(fix_unicode(text))


def line_digest(key: str) -> str:
    """A short digest of a line key: what runs keep of every page's lines and count across pages."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def _key_of_fixed(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        kept = folded.encode("ascii").translate(None, _ASCII_NOT_KEY).decode("ascii")
    else:
        kept = _NOT_KEY.sub("", folded)
    # letters only (most lines) hold no digit: the regex pass is spared
    return kept if kept.isalpha() else _DIGITS.sub("0", kept)


def repeated_line_keys(
    pages: Iterable[Iterable[str]], min_pages: int = 3, share: float = REPEATED_SHARE
) -> frozenset[str]:
    """The keys found on at least max(min_pages, share × pages) distinct pages.

    Each page gives its blocks' `line_key`s, or any stable digests of them: they are
    counted as given. Two pages sharing a line may quote the same source, so the floor
    is three pages; with two pages nothing counts as repeated. In a large run the bar
    rises with its size (2 % of 1000 pages is 20), because lines that unrelated sites
    share by chance, such as common duty bullets, grow with the run too, while a site's
    chrome recurs on every one of its own pages.
    """
    counts: Counter[str] = Counter()
    n_pages = 0
    for page in pages:
        n_pages += 1
        counts.update({key for key in page if key})
    threshold = max(min_pages, math.ceil(share * n_pages))
    return frozenset(key for key, n in counts.items() if n >= threshold)


@dataclass(slots=True)
class _Verdict:
    """What `clean` decided about one block."""

    block: Block
    text: str  # the block's text after fix_unicode, before any sentence went
    kept_text: str = ""
    reason: str | None = None  # set when the whole block goes
    removals: list[Removal] = field(default_factory=list)  # pieces cut out of a kept block
    repeated: bool = False


def clean(doc: Doc, ctx: Context) -> Doc:
    """Fix every block's Unicode, drop boilerplate blocks and sentences, renumber."""
    verdicts = [_judge(block, ctx.repeated_lines) for block in doc.blocks]
    _drop_repeated(verdicts)
    _drop_trailing_teasers(verdicts)
    kept: list[Block] = []
    for verdict in verdicts:
        if verdict.reason:
            if verdict.text or verdict.block.text.strip():
                doc.removed.append(Removal(verdict.text or verdict.block.text, verdict.reason))
            continue
        doc.removed.extend(verdict.removals)
        verdict.block.text = verdict.kept_text
        kept.append(verdict.block)
    doc.blocks = renumber(kept)
    _clean_title(doc, {verdict.text for verdict in verdicts if verdict.reason})
    return doc


def _clean_title(doc: Doc, dropped: set[str]) -> None:
    """A title taken from a dropped block ("Skip to main content") gives way to the first kept heading."""
    if doc.title is None:
        return
    text = fix_unicode(doc.title.text)
    reason = rules.sentence_reason(text)
    if text not in dropped and not reason:
        doc.title.text = text
        return
    if reason and text not in dropped:
        doc.removed.append(Removal(text, reason))
    first = doc.blocks[0] if doc.blocks else None
    doc.title = Title(first.text) if first is not None and first.kind == "heading" else None


def _judge(block: Block, repeated_lines: frozenset[str]) -> _Verdict:
    verdict = _Verdict(block, fix_unicode(block.text))
    verdict.kept_text = verdict.text
    verdict.repeated = bool(repeated_lines) and line_digest(_key_of_fixed(verdict.text)) in repeated_lines
    if not verdict.text:
        verdict.reason = EMPTY
    elif rules.GLUED_LINK_LABEL.match(verdict.text):
        verdict.reason = rules.TEASER
    else:
        _strip_markup(verdict)
    if not verdict.reason:
        _drop_boilerplate_sentences(verdict)
    return verdict


def _strip_markup(verdict: _Verdict) -> None:
    """Cut HTML remnants out; a block that is little more than remnants goes whole."""
    if not rules.may_hold_markup(verdict.kept_text):
        return
    debris = [m.group() for m in rules.MARKUP_DEBRIS.finditer(verdict.kept_text)]
    if not debris:
        return
    rest = _SPACE_RUNS.sub(" ", rules.MARKUP_DEBRIS.sub(" ", verdict.kept_text)).strip()
    if _size(rest) < MIN_DEBRIS_REST:
        verdict.reason = rules.MARKUP
        return
    verdict.removals.extend(Removal(piece, rules.MARKUP) for piece in debris)
    verdict.kept_text = rest


def _drop_boilerplate_sentences(verdict: _Verdict) -> None:
    """Remove boilerplate sentences; the block goes if nothing else, or mostly fine print, is left."""
    text = verdict.kept_text
    cues = rules.possible_cues(text)
    if not cues:  # many blocks: no sentence can match, so none is split
        return
    spans = split_sentences(text)
    reasons = [rules.sentence_reason(text[s:e], cues) for s, e in spans]
    flagged = [(span, reason) for span, reason in zip(spans, reasons, strict=True) if reason]
    if not flagged:
        return
    if len(flagged) == len(spans) or _is_fine_print(text, flagged):
        verdict.reason = _main_reason(flagged)
        return
    verdict.removals.extend(Removal(text[s:e], reason) for (s, e), reason in flagged)
    kept = [span for span, reason in zip(spans, reasons, strict=True) if not reason]
    verdict.kept_text = _join_kept(text, kept)


def _is_fine_print(text: str, flagged: list[tuple[tuple[int, int], str]]) -> bool:
    """Consent and disclaimers come in blocks of their own: footnotes, form small print."""
    fine = sum(e - s for (s, e), reason in flagged if reason in rules.FINE_PRINT)
    if not fine:
        return False
    return bool(rules.FOOTNOTE_MARK.match(text)) or fine >= FINE_PRINT_SHARE * len(text)


def _main_reason(flagged: list[tuple[tuple[int, int], str]]) -> str:
    """The reason covering most characters (the first such one on a tie)."""
    weight: Counter[str] = Counter()
    for (s, e), reason in flagged:
        weight[reason] += e - s
    return max(weight, key=lambda reason: weight[reason])


def _join_kept(text: str, kept: list[tuple[int, int]]) -> str:
    """Glue the kept sentences back with the spacing that followed each in the original."""
    parts: list[str] = []
    for i, (start, end) in enumerate(kept):
        parts.append(text[start:end])
        if i + 1 < len(kept):
            gap_end = end
            while gap_end < len(text) and text[gap_end].isspace():
                gap_end += 1
            parts.append(text[end:gap_end])
    return "".join(parts)


def _drop_repeated(verdicts: list[_Verdict]) -> None:
    """Drop recurring template sentences, and recurring short lines that come as a menu."""
    for i, verdict in enumerate(verdicts):
        if verdict.reason or not verdict.repeated:
            continue
        long_enough = _size(verdict.text) >= MIN_TEMPLATE_SIZE and verdict.block.kind != "heading"
        if long_enough or _repeated_run_length(verdicts, i) >= MIN_MENU_RUN:
            verdict.reason = rules.REPEATED


def _repeated_run_length(verdicts: list[_Verdict], i: int) -> int:
    start, end = i, i + 1
    while start > 0 and verdicts[start - 1].repeated:
        start -= 1
    while end < len(verdicts) and verdicts[end].repeated:
        end += 1
    return end - start


def _drop_trailing_teasers(verdicts: list[_Verdict]) -> None:
    """Drop the cards for other posts that close a page, after its first dropped chrome block.

    The run is read backwards from the page's end over blocks that are already dropped or
    look like cards; it stops at the first block that looks like content.
    """
    start = len(verdicts)
    while start > 0 and _in_trailing_run(verdicts, start - 1):
        start -= 1
    anchor = next((i for i in range(start, len(verdicts)) if verdicts[i].reason not in (None, EMPTY)), None)
    if anchor is None:
        return
    for verdict in verdicts[anchor + 1:]:
        verdict.reason = verdict.reason or rules.TEASER


def _in_trailing_run(verdicts: list[_Verdict], i: int) -> bool:
    """Whether block i may belong to the page's closing chrome, given that all after it does.

    A heading there joins: it introduces nothing that is kept, it is a card's title.
    """
    verdict = verdicts[i]
    if verdict.reason or _has_teaser_sign(verdict):
        return True
    return verdict.block.kind == "heading" and i + 1 < len(verdicts)


def _has_teaser_sign(verdict: _Verdict) -> bool:
    """Card-like: "this article", or for prose an imperative opening, a label, a cut-off end.

    List items get only the first sign: duty bullets open with verbs and skill bullets
    with labels.
    """
    text, kind = verdict.kept_text, verdict.block.kind
    if rules.SELF_REFERENCE.search(text):
        return True
    if kind == "list_item":
        return False
    if any(sign.search(text) for sign in rules.CARD_OPENINGS):
        return True
    last_word = text.rsplit(None, 1)[-1] if text else ""
    cut_off = last_word.isalpha() and not text.endswith(_CLOSING_PUNCTUATION)
    return kind == "paragraph" and len(text) >= 40 and cut_off


def _size(text: str) -> int:
    """Latin words plus half the Han characters: a rough word count for mixed text."""
    return len(_LATIN_WORD.findall(text)) + len(_HAN.findall(text)) // 2
