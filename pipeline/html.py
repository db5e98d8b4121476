"""A saved web page → its main content as blocks, with the site chrome set aside.

The page is parsed once with Lexbor (an HTML5 parser, as browsers build the tree), scripts,
styles and comments are counted and dropped, chrome elements (menus, site header and
footer, hidden modals, forms, cookie notices, call-to-action banners) are removed whole
and recorded with a reason, and what is left is laid out as blocks in reading order.
Line-level boilerplate and text repeated across a site's pages are left to `clean`.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from .html_blocks import build_blocks
from .html_chrome import find_page_h1, page_facts, prune_chrome, strip_markup
from .html_meta import declared_charset, lang_hint, page_title
from .html_text import inline_text
from .model import Block, Removal

__all__ = ["HtmlContent", "declared_charset", "extract_html"]


@dataclass(slots=True)
class HtmlContent:
    title: str | None
    lang_hint: str | None
    blocks: list[Block]
    removed: list[Removal]


def extract_html(html: str) -> HtmlContent:
    """The main content of one page; chrome goes to `removed`, one entry per element."""
    tree = LexborHTMLParser(html)
    facts = page_facts(tree)
    markup = strip_markup(tree)
    headline = find_page_h1(tree) or tree.css_first("h2")
    title = page_title(tree, inline_text(headline) if headline is not None else None)
    body = tree.body
    removed = prune_chrome(body, facts) if body is not None else []
    blocks = build_blocks(body) if body is not None else []
    if markup is not None:
        removed.append(markup)
    return HtmlContent(title=title, lang_hint=lang_hint(tree), blocks=blocks, removed=removed)
