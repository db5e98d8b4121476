"""What the steps share, loaded once per process: glossary, lexicons, detector, settings.

Every step is `step(doc, ctx) -> Doc` and reads only from `ctx`; nothing here is mutated
while pages are processed, so the per-page work is a pure function of the page, the
glossary and the settings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .glossary import Glossary


@dataclass(frozen=True, slots=True)
class Settings:
    """Run settings that change what a page's output is (they are part of its cache key)."""

    translator: str = "auto"  # auto | glossary | argos
    beam_size: int = 2

    def to_json(self) -> dict[str, object]:
        return {"translator": self.translator, "beam_size": self.beam_size}


@dataclass
class Context:
    glossary: Glossary
    settings: Settings = field(default_factory=Settings)
    # digests of the line keys seen on several pages of this run (clean.line_digest): the
    # site-level signal
    repeated_lines: frozenset[str] = frozenset()
    cache_dir: Path | None = None

    @cached_property
    def zh_lexicon(self):  # noqa: ANN201 - the lexicon module owns its type
        from .lexicon import ChineseLexicon

        return ChineseLexicon.load()

    @cached_property
    def detector(self):  # noqa: ANN201
        from .detect import LanguageDetector

        return LanguageDetector(self.glossary)
