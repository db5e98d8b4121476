"""Text → blocks: headings, paragraphs, list items and table rows, each knowing its section.

Plain-text pages carry no markup, so structure is inferred from the lines themselves:
bullets and numbers make list items, short lines without closing punctuation that
introduce content make headings, everything else is a paragraph. Markdown is parsed with
markdown-it; HTML goes through `pipeline.html`. Sentences are not split here: glued
sentences such as "swasta.Juga" stay intact for later steps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Block, renumber

# A bullet, or a number/letter followed by '.' or ')', then the item's text.
_BULLET = re.compile(r"^(?P<indent>[ \t\u3000]*)(?:[•·▪◦●○■□►▸‣⁃∙*+\-–—](?=\s)|\u2022)\s*(?P<text>.+)$")
_NUMBERED = re.compile(r"^(?P<indent>[ \t\u3000]*)(?:\d{1,3}[.)、](?!\d)\s*|[A-Za-z][.)]\s+)(?P<text>\S.*)$")
_CLOSING = tuple(".!。！;；:：,，、")  # a heading never ends with these
_SENTENCE_END = tuple(".!?。！？:：")  # a wrapped line never ends with these
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Spacing `_collapse` rewrites: a run of two or more spacing characters, or a lone one that is
# not a plain space (a lone space is already what a run becomes).
_ODD_SPACING = re.compile(r"[ \t\u00a0\u3000]{2,}|[\t\u00a0\u3000]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 100
MAX_HEADING_HAN = 30


@dataclass(slots=True)
class _Line:
    text: str  # stripped, bullet removed for list items
    kind: str  # list_item | numbered | plain
    indent: int
    blank_before: bool
    blank_after: bool = False


def text_blocks(text: str) -> list[Block]:
    """Infer the blocks of a plain-text page."""
    lines = _classify(_unwrap(text.splitlines()))
    blocks: list[Block] = []
    indents = sorted({ln.indent for ln in lines if ln.kind != "plain"})
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind == "numbered" and _is_numbered_heading(line, lines[i - 1] if i else None, following):
            blocks.append(Block(0, "heading", line.text, depth=2))
        elif line.kind in ("list_item", "numbered"):
            blocks.append(Block(0, "list_item", line.text, depth=indents.index(line.indent)))
        elif following is not None and looks_like_heading(line.text):
            blocks.append(Block(0, "heading", line.text, depth=1))
        else:
            blocks.append(Block(0, "paragraph", line.text))
    return renumber(blocks)


def _unwrap(raw_lines: list[str]) -> list[str | None]:
    """Join hard-wrapped lines of one paragraph; None marks a blank line.

    A line is a continuation when the previous line is long, does not close a sentence
    and the new line starts with a lower-case Latin letter.
    """
    out: list[str | None] = []
    for raw in raw_lines:
        line = raw.rstrip()
        if not line.strip():
            out.append(None)
            continue
        prev = out[-1] if out else None
        stripped = line.strip()
        if (prev is not None and len(prev.strip()) >= 40 and not prev.rstrip().endswith(_SENTENCE_END)
                and stripped[:1].islower() and not _BULLET.match(line) and not _NUMBERED.match(line)):
            out[-1] = prev.rstrip() + " " + stripped
        else:
            out.append(line)
    return out


def _classify(raw: list[str | None]) -> list[_Line]:
    lines: list[_Line] = []
    blank = True
    for item in raw:
        if item is None:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        if m := _BULLET.match(item):
            line = _Line(_collapse(m["text"]), "list_item", _indent(m["indent"]), blank)
        elif m := _NUMBERED.match(item):
            line = _Line(_collapse(item.strip()), "numbered", _indent(m["indent"]), blank)
        else:
            line = _Line(_collapse(item), "plain", 0, blank)
        if line.text:
            lines.append(line)
        blank = False
    return lines


def _indent(prefix: str) -> int:
    return len(prefix.replace("\t", "    ").replace("\u3000", "  "))


def _collapse(text: str) -> str:
    """Runs of spaces, tabs and wide spaces as one space, the ends stripped.

    Most lines hold none of what a run is made of but single spaces: four substring tests
    (C scans) tell so, sparing the regex's walk through every character.
    """
    if "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text:
        text = _ODD_SPACING.sub(" ", text)
    return text.strip()


def looks_like_heading(text: str) -> bool:
    """Short, without closing punctuation (a question mark is fine): a heading's shape."""
    # a long line is no heading: it is not searched for words
    if len(text) > MAX_HEADING_CHARS or text.endswith(_CLOSING) or text.endswith(("…", "...")):
        return False
    han = len(_HAN.findall(text))
    latin_words = len(_LATIN_WORD.findall(text))
    if han > MAX_HEADING_HAN or latin_words > MAX_HEADING_WORDS:
        return False
    if text.endswith(("?", "？")):
        return latin_words <= 10 and han <= 20
    return any(c.isalpha() for c in text)


def _is_numbered_heading(line: _Line, previous: _Line | None, following: _Line | None) -> bool:
    """'1. 临床医疗助理' on its own, introducing prose, is a heading; a run of numbers is a list."""
    if following is None or following.kind == "numbered" or (previous and previous.kind == "numbered"
                                                              and not line.blank_before):
        return False
    body = _NUMBERED.match(line.text)
    return body is not None and line.blank_before and looks_like_heading(body["text"])


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a markdown page, from markdown-it's token stream (CommonMark + tables)."""
    blocks: list[Block] = []
    list_depth = 0
    heading_level = 0  # > 0 while inside a heading
    row: list[str] | None = None  # cells of the table row being read
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row and any(row):
                blocks.append(Block(0, "table_row", " | ".join(row)))
            row = None
        elif kind == "inline":
            content = _collapse(_inline_text(token))
            if row is not None:
                row.append(content)
            elif content and heading_level:
                blocks.append(Block(0, "heading", content, depth=heading_level))
            elif content:
                blocks.append(Block(0, "list_item" if list_depth else "paragraph", content,
                                    depth=max(list_depth - 1, 0)))
        elif kind in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(0, "paragraph", _collapse(token.content)))
    return renumber(blocks)


def _inline_text(token: Token) -> str:
    """The visible text of an inline token: link text kept, images and raw HTML dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
