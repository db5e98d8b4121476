"""Pages → documents: decode a page's bytes and lay out its blocks (the `blocks` step).

The same bytes give the same document whether they come from a file, a WARC record or a
JSON line: every source is reduced to a `RawPage` first.
"""
from __future__ import annotations

from .blocks import markdown_blocks, text_blocks
from .model import Doc, Source, Title
from .read import RawPage, decode


def build_doc(page: RawPage, doc_id: str) -> Doc:
    """Decode the page and lay out its blocks; raises read.ReadError for unreadable bytes."""
    if page.format == "html":
        return _html_doc(page, doc_id)
    text, encoding = decode(page.data, page.charset)
    blocks = markdown_blocks(text) if page.format == "markdown" else text_blocks(text)
    doc = Doc(doc_id=doc_id, source=_source(page, encoding), blocks=blocks)
    if blocks and blocks[0].kind == "heading":
        doc.title = Title(blocks[0].text)
    return doc


def _html_doc(page: RawPage, doc_id: str) -> Doc:
    from .html import declared_charset, extract_html

    text, encoding = decode(page.data, page.charset or declared_charset(page.data))
    content = extract_html(text)
    doc = Doc(doc_id=doc_id, source=_source(page, encoding), blocks=content.blocks,
              removed=list(content.removed), lang_hint=content.lang_hint)
    if content.title:
        doc.title = Title(content.title)
    return doc


def _source(page: RawPage, encoding: str) -> Source:
    return Source(path=page.path, sha256=page.sha256, bytes=len(page.data), encoding=encoding,
                  format=page.format, url=page.url, record=page.record)
