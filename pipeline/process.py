"""The per-page steps in their order. A page's result is a pure function of the page,
the glossary and the settings (`ctx`), so any worker, local or remote, may compute it."""
from __future__ import annotations

from collections.abc import Callable

from .align import align
from .clean import clean
from .context import Context
from .detect import detect
from .extract import extract
from .model import Doc
from .repair import repair
from .translate import translate

Step = Callable[[Doc, Context], Doc]


def english_defaults(doc: Doc, ctx: Context) -> Doc:
    """Until a block is translated its English is its text, produced by no engine."""
    for block in doc.blocks:
        if not block.text_en:
            block.text_en = block.text
    if doc.title and not doc.title.text_en:
        doc.title.text_en = doc.title.text
    return doc


STEPS: tuple[Step, ...] = (clean, repair, detect, translate, align, english_defaults, extract)


def process_doc(doc: Doc, ctx: Context) -> Doc:
    for step in STEPS:
        doc = step(doc, ctx)
    return doc
