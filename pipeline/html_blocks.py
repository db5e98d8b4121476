"""The kept part of a page → blocks: headings, paragraphs, list items and table rows.

What the page shows as a unit becomes one block: a heading with its whole text however
its tags split it, a list item, a table row with its cells, a run of text between block
boundaries (a `<br>` in a paragraph ends a line and so a block; in a heading, list item or
cell it is a space). FAQ questions (`summary`, accordion triggers, `dt`) and the all-bold
one-line paragraphs CMS editors use as headings become headings one level below the
section they sit in, so each answer falls under its question. A card's small title
(h5/h6 or a `*-title` box) is put in front of the card's text, so the two stay one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from .html_text import INLINE_TAGS, NON_TEXT_TAGS, collapse, inline_text
from .model import Block, renumber

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
MINOR_HEADINGS = frozenset({"h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "menu"})
ROW_BREAKERS = "table, ul, ol, h1, h2, h3, h4, blockquote"
QUESTION_ROLES = frozenset({"button", "tab"})
QUESTION_CLASS_WORDS = frozenset(
    {
        "question",
        "faq-question",
        "accordion-title",
        "accordion-button",
        "accordion-trigger",
        "accordion-toggle",
        "toggle-title",
        "elementor-tab-title",
        "accordion-item__title",
        "accordion-item__click-target",
    }
)
TRIGGER_CLASS_WORDS = ("accordion", "faq", "question", "toggle", "collapsible")
MAX_CARD_TITLE_CHARS = 80
MAX_BOLD_HEADING_CHARS = 60
MAX_HEADING_DEPTH = 6
_TITLE_WORD = re.compile(r"(^|[-_])title($|[-_])")
_CLOSED = re.compile(r"[.:!?。：！？]$")
_CLOSED_SENTENCE = re.compile(r"[.:;,。：；，、]$")  # a question mark may end a heading; a full stop does not
_ANCHOR_MARK = re.compile(r"\s+[#¶§🔗]$")  # a heading's permalink ("Duties #"), not its words
_HAN_END = re.compile(r"[\u3400-\u9fff]$")


@dataclass(slots=True)
class _CardTitle:
    text: str
    scope: int  # mem_id of the element whose end closes the card


class BlockBuilder:
    """Walks the kept DOM once, in reading order, collecting inline text into blocks.

    The walk keeps its own stack rather than recursing: broken pages nest unclosed tags
    thousands deep. A stack entry is a node to read, or the action that closes an element
    once all of its children have been read.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []  # inline text of the block being read
        self.kind = "paragraph"  # what the pending text becomes: paragraph, or list_item inside <li>
        self.list_depth = -1
        self.section_depth = 0  # level of the last h1–h4: a question goes one below it
        self.card_title: _CardTitle | None = None
        self.stack: list[LexborNode | Callable[[], None]] = []

    def build(self, root: LexborNode) -> list[Block]:
        self.open(root, self.end_of(root))
        while self.stack:
            item = self.stack.pop()
            if isinstance(item, LexborNode):
                self.read(item)
            else:
                item()
        self.flush()
        self.release_card_title()
        return renumber(self.blocks)

    def open(self, node: LexborNode, close: Callable[[], None]) -> None:
        """Read the children of `node` next, then run `close`."""
        self.stack.append(close)
        self.stack.extend(reversed(list(node.iter(include_text=True))))

    def end_of(self, node: LexborNode, then: Callable[[], None] | None = None) -> Callable[[], None]:
        """What ends an element: `then`, and the card it may have been the last part of."""

        def close() -> None:
            if then is not None:
                then()
            if self.card_title is not None and self.card_title.scope == node.mem_id:
                self.flush()
                self.release_card_title()

        return close

    def read(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if node.is_text_node:
            self.parts.append(node.text_content or "")
        elif tag == "br":
            self.line_break()
        elif tag in INLINE_TAGS and not is_question(node, tag):
            self.open(node, self.end_of(node))
        elif tag not in NON_TEXT_TAGS and not node.is_comment_node:
            self.flush()
            self.block_element(node, tag)

    def block_element(self, node: LexborNode, tag: str) -> None:
        level = heading_level(node, tag)
        if level:
            self.section_depth = level
            self.emit("heading", _ANCHOR_MARK.sub("", inline_text(node)), level)
        elif is_question(node, tag) or is_bold_heading(node, tag):
            self.emit("heading", inline_text(node), min(self.section_depth + 1, MAX_HEADING_DEPTH))
        elif tag in LIST_TAGS:
            self.list_depth += 1
            self.open(node, self.end_of(node, self.leave_list))
        elif tag == "li":
            self.list_item(node)
        elif tag == "tr" and is_data_row(node):
            self.emit("table_row", row_text(node))
        elif is_card_title(node, tag):
            self.release_card_title()
            self.card_title = _CardTitle(inline_text(node), card_scope(node))
        else:
            self.open(node, self.end_of(node, self.flush))

    def leave_list(self) -> None:
        self.list_depth -= 1

    def list_item(self, node: LexborNode) -> None:
        if node.css_first("h1, h2, h3, h4") is not None:
            # a card laid out as a list item: its heading leads, not a bullet
            self.open(node, self.end_of(node, self.flush))
            return
        outer, self.kind = self.kind, "list_item"

        def close() -> None:
            self.flush()
            self.kind = outer

        self.open(node, self.end_of(node, close))

    def line_break(self) -> None:
        """`<br>` ends a line of a paragraph; inside a list item it is only a space."""
        if self.kind == "paragraph":
            self.flush()
        else:
            self.parts.append(" ")

    def flush(self) -> None:
        if not self.parts:
            return
        text = "".join(self.parts)
        self.parts.clear()
        if not text.isspace():
            self.emit(self.kind, collapse(text))

    def emit(self, kind: str, text: str, depth: int = 0) -> None:
        if not text:
            return
        if self.card_title is not None:
            if kind == "paragraph":
                text = join_title(self.card_title.text, text)
                self.card_title = None
            else:
                self.release_card_title()
        if kind == "list_item":
            depth = max(self.list_depth, 0)
        self.blocks.append(Block(0, kind, text, depth=depth))

    def release_card_title(self) -> None:
        """A card title with no text after it stands alone."""
        title, self.card_title = self.card_title, None
        if title is not None and title.text:
            self.blocks.append(Block(0, "paragraph", title.text))


def heading_level(node: LexborNode, tag: str) -> int:
    """h1–h4, or an element with role=heading; an explicit aria-level is what readers hear."""
    attrs = node.attributes
    if tag not in HEADING_LEVELS and attrs.get("role") != "heading":
        return 0
    level = attrs.get("aria-level") or ""
    if level.isdigit() and int(level) > 0:
        return min(int(level), MAX_HEADING_DEPTH)
    return HEADING_LEVELS.get(tag, 2)


def is_question(node: LexborNode, tag: str) -> bool:
    """An FAQ question: a summary, a term, or the trigger that opens an accordion panel."""
    if tag in ("summary", "dt"):
        return True
    attrs = node.attributes
    classes = (attrs.get("class") or "").lower().split()
    if any(word in QUESTION_CLASS_WORDS for word in classes):
        return True
    trigger = tag == "button" or (attrs.get("role") or "") in QUESTION_ROLES
    if not trigger:
        return False
    if "aria-controls" in attrs or "aria-expanded" in attrs:
        return True
    return any(word in name for name in classes for word in TRIGGER_CLASS_WORDS)  # <button class="accordion">


def is_bold_heading(node: LexborNode, tag: str) -> bool:
    """A short paragraph that is all bold, like "二、任职要求": the heading of CMS-written pages."""
    if tag != "p":
        return False
    has_bold = False
    for child in node.iter(include_text=True):
        if child.is_text_node:
            if not child.is_empty_text_node:
                return False
        elif child.tag in ("strong", "b"):
            has_bold = True
        elif child.tag != "br":
            return False
    if not has_bold:
        return False
    text = collapse(node.text())
    return 0 < len(text) <= MAX_BOLD_HEADING_CHARS and not _CLOSED_SENTENCE.search(text)


def is_data_row(row: LexborNode) -> bool:
    """A table row of data cells, not a layout table's row holding paragraphs and lists."""
    if row.css_first(ROW_BREAKERS) is not None:
        return False
    cells = sum(1 for cell in row.iter() if cell.tag in ("td", "th"))
    return len(row.css("p")) <= cells


def is_card_title(node: LexborNode, tag: str) -> bool:
    if tag in MINOR_HEADINGS:
        return True
    classes = (node.attributes.get("class") or "").lower().split()
    if not any(_TITLE_WORD.search(name) for name in classes):
        return False
    if len(node.text()) > MAX_CARD_TITLE_CHARS:
        return False
    inner_blocks = node.css("p, div, ul, ol, table, h1, h2, h3, h4")
    return all(inner.mem_id == node.mem_id for inner in inner_blocks)  # css() matches the node itself too


def card_scope(node: LexborNode) -> int:
    """The card a title belongs to: its grandparent (title box → card body → card)."""
    parent = node.parent
    outer = parent.parent if parent is not None else None
    return (outer or parent or node).mem_id


def join_title(title: str, text: str) -> str:
    if _CLOSED.search(title):
        return f"{title} {text}"
    return f"{title}：{text}" if _HAN_END.search(title) else f"{title}: {text}"


def row_text(row: LexborNode) -> str:
    cells = (inline_text(cell) for cell in row.iter() if cell.tag in ("td", "th"))
    return " | ".join(cell for cell in cells if cell)


def build_blocks(root: LexborNode) -> list[Block]:
    return BlockBuilder().build(root)
