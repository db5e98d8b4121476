"""What a saved page says about itself: its title, its language and its declared charset.

These are hints the page's author (or site builder) wrote into the markup. The title loses
its " | School name" tail because every page of a site carries the same one; the language
is only a hint, never trusted over the text; the charset is checked against the bytes by
`read.decode` before it is used.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .html_text import collapse
from .read import codec_name

CHARSET_SCAN_BYTES = 4096  # a little beyond the Standard's 1024: saved pages put long comments first

# Separators between a page's own title and the site's name ("Title | Site", "Site - Title").
_TITLE_SEPARATOR = re.compile(
    r"\s+[|\-–—·•»«:/]{1,2}\s+|\s*[|｜_]\s*|(?<=[\u3400-\u9fff])\s*[-–—]\s*(?=[\u3400-\u9fff])"
)
# A charset a page cannot declare about itself once its markup is readable as ASCII.
_SELF_CONTRADICTING = ("utf-16", "utf-32")
MAX_SITE_NAME_WORDS = 8
STRONG_SEPARATORS = frozenset({"|", "｜", "_", "·", "•", "»", "«", "::"})


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or `http-equiv`, as a Python codec name.

    Only the first few KB are read, as browsers do. The bytes are read as Latin-1 so that the
    ASCII markup parses whatever the real encoding is.
    """
    head = LexborHTMLParser(data[:CHARSET_SCAN_BYTES].decode("latin-1"))
    for meta in head.css("meta"):
        label = _meta_charset_label(meta)
        codec = codec_name(label) if label else None
        if codec:  # an unknown label is skipped, as browsers do
            # the Standard's rule: a UTF-16 declaration in ASCII-readable markup means UTF-8
            return "utf-8" if codec.startswith(_SELF_CONTRADICTING) else codec
    return None


def _meta_charset_label(meta: LexborNode) -> str | None:
    attrs = meta.attributes
    if attrs.get("charset"):
        return attrs["charset"]
    if (attrs.get("http-equiv") or "").strip().lower() == "content-type":
        return charset_parameter(attrs.get("content") or "")
    return None


def charset_parameter(content_type: str) -> str | None:
    """The charset parameter of a Content-Type value ('text/html; charset="gb2312"' -> 'gb2312')."""
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def lang_hint(tree: LexborHTMLParser) -> str | None:
    """The primary language subtag of `<html lang>` (or a content-language meta), lower-cased."""
    html = tree.css_first("html")
    label = None
    if html is not None:
        label = html.attributes.get("lang") or html.attributes.get("xml:lang")
    if not label:
        meta = tree.css_first('meta[http-equiv="content-language" i]')
        label = meta.attributes.get("content") if meta is not None else None
    primary = re.split(r"[-_,\s]", (label or "").strip().lower(), maxsplit=1)[0]
    if not primary.isalpha() or not 2 <= len(primary) <= 3:
        return None
    return "id" if primary == "in" else primary  # 'in' is the withdrawn code for Indonesian


def page_title(tree: LexborHTMLParser, headline: str | None) -> str | None:
    """The page's own title: `<title>`, else og:title, else the headline, less the site name.

    `headline` is the page's first h1 (or h2 where there is none); where the title starts
    with it, the rest is the section and site name ("Title_Column_Site").
    """
    site_name = _meta_content(tree, 'meta[property="og:site_name"]') or _meta_content(
        tree, 'meta[name="application-name"]'
    )
    title_node = tree.css_first("head title") or tree.css_first("title")
    for candidate in (
        collapse(title_node.text()) if title_node is not None else None,
        _meta_content(tree, 'meta[property="og:title"]'),
    ):
        if candidate:
            return _headline_prefix(candidate, headline) or strip_site_name(candidate, site_name)
    return headline or None


def _headline_prefix(title: str, headline: str | None) -> str | None:
    if not headline or not title.casefold().startswith(headline.casefold()) or len(title) == len(headline):
        return None
    cut = _TITLE_SEPARATOR.match(title, len(headline))
    return title[: len(headline)] if cut else None


def _meta_content(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    return collapse(node.attributes.get("content") or "") or None


def strip_site_name(title: str, site_name: str | None) -> str:
    """Drop the site's name from either end of a title: the part every page of the site shares.

    With a known site name, the part that matches it goes; without one, a short last part
    (a name, not a sentence) goes, since builders put the site name last by default.
    """
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    if not cuts:
        return title
    first, last = cuts[0], cuts[-1]
    head, tail = title[: last.start()], title[last.end() :]
    lead, rest = title[: first.start()], title[first.end() :]
    if site_name:
        site = site_name.casefold()
        if _same_name(tail, site):
            return head.strip() or title
        if _same_name(lead, site):
            return rest.strip() or title
    strong = last.group().strip() in STRONG_SEPARATORS  # never inside a title, unlike a hyphen
    if len(tail.split()) <= MAX_SITE_NAME_WORDS and (strong or len(tail) < len(head)):
        return head.strip()
    return title


def _same_name(part: str, site: str) -> bool:
    part = part.strip().casefold()
    return bool(part) and (part == site or part in site or site in part)
