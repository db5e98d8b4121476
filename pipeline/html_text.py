"""Reading text out of HTML nodes the way a browser shows it.

Shared by the chrome judge and the block builder so both see the same words: whitespace
collapsed, `<br>` and block boundaries read as spaces, graphics and frames contributing no
text (an icon's SVG `<title>` is not prose).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

# Elements that hold no readable text of their own (graphics, embedded frames, head matter).
NON_TEXT_TAGS = frozenset(
    {
        "svg",
        "math",
        "img",
        "picture",
        "video",
        "audio",
        "canvas",
        "iframe",
        "object",
        "embed",
        "map",
        "link",
        "meta",
        "base",
        "head",
        "title",
        "wbr",
    }
)
# Phrasing elements: their text runs on inside the surrounding block.
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "nobr",
        "big",
        "output",
        "ruby",
        "rb",
        "rt",
        "rp",
        "-text",
    }
)

_SPACES = re.compile(r"\s+")
# A space between two CJK characters is a line break in the source, not a word boundary (CSS drops it).
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]) "
    r"(?=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])"
)


def collapse(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces) as one space, ends trimmed."""
    text = _SPACES.sub(" ", text).strip()
    return text if text.isascii() else _CJK_GAP.sub("", text)


def inline_text(node: LexborNode) -> str:
    """A node's whole visible text as one line: `<br>` and block boundaries read as a space.

    A heading's words are often split across nested tags and `<br>`; `text()` would glue
    "Pharmacy<br>Technician" into one word. Walked with a stack, not recursion: broken pages
    nest unclosed tags thousands deep.
    """
    parts: list[str] = []
    stack: list[LexborNode | str] = list(reversed(list(node.iter(include_text=True))))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.is_text_node:
            parts.append(item.text_content or "")
        elif item.tag in INLINE_TAGS:
            stack.extend(reversed(list(item.iter(include_text=True))))
        elif item.tag not in NON_TEXT_TAGS and not item.is_comment_node:
            stack.append(" ")  # <br>, or a block inside: a boundary between words
            stack.extend(reversed(list(item.iter(include_text=True))))
            parts.append(" ")
    return collapse("".join(parts))
