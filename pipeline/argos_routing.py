"""Which engine translates each language: `--translator auto|glossary|argos`.

- `glossary`: every Chinese and Indonesian span goes to the embedded engine;
- `argos`: they go to the installed argos packages (zh→en, id→en); a missing package is an
  error before any page is read (`check_translator`);
- `auto`, the default: argos for a language whose package is installed, the embedded engine
  for the other, and exactly the embedded engine alone when no package is installed.

A block records `argos` as its engine when argos translated any of its spans. A router is
built once per process for a glossary, the settings and argostranslate's package folder;
for each page it translates all the page's argos spans in one batch per language (`batched`)
before the translate step assembles the blocks.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .argos_models import ENGINE as ARGOS
from .argos_models import SOURCES, TARGET, find, packages_dir
from .translate_types import SegmentContext, TranslatedSegment, Translator

if TYPE_CHECKING:
    from pathlib import Path

    from .argos_engine import ArgosTranslator
    from .context import Settings
    from .glossary import Glossary


class TranslatorUnavailable(Exception):
    """`--translator argos` without a package it needs; the message says how to get one."""


def missing_pairs(langs: Iterable[str] = SOURCES) -> list[str]:
    """The package codes ('id-en') `--translator argos` needs for `langs` and that are not installed."""
    return [f"{lang}-{TARGET}" for lang in langs if find(lang) is None]


def check_translator(settings: Settings, langs: Iterable[str] = SOURCES) -> None:
    """Raise TranslatorUnavailable when `settings` ask for argos and a package for `langs` is missing."""
    if settings.translator != ARGOS:
        return
    missing = missing_pairs(langs)
    if missing:
        raise TranslatorUnavailable(
            f"--translator argos needs an argos package for {', '.join(missing)}, and none is installed in "
            f"{packages_dir()}: install one with `kbnorm models install FILE.argosmodel`, or use "
            "--translator auto (argos where a package is installed, the glossary engine elsewhere)")


def packages_in_use(settings: Settings) -> list[str]:
    """The argos packages (code and version) a run with `settings` translates with: installing,
    upgrading or removing one changes documents, so it is part of every page's cache key."""
    if settings.translator not in (ARGOS, "auto"):
        return []
    packages = (find(lang) for lang in SOURCES)
    return [f"{package.code} {package.version}" for package in packages if package is not None]


class Router:
    """A Translator that hands each span to its language's engine, remembering a page's batch."""

    def __init__(self, argos: Mapping[str, ArgosTranslator], fallback: Translator | None,
                 done: Mapping[tuple[str, str], TranslatedSegment] | None = None) -> None:
        self._argos = dict(argos)
        self._fallback = fallback  # None under `argos`: a language without a package is an error
        self._done = dict(done or {})
        self.name = ARGOS if fallback is None else "auto"

    def route(self, lang: str) -> Translator:
        base = lang.split("-")[0]
        engine = self._argos.get(base, self._fallback)
        if engine is None:
            raise TranslatorUnavailable(f"--translator argos: no package for {base}-{TARGET} is installed "
                                        "(see `kbnorm models`)")
        return engine

    def engine_of(self, langs: Iterable[str]) -> str:
        """What a block whose translated spans are in `langs` records: argos when any went to argos."""
        names = {self.route(lang).name for lang in langs}
        if ARGOS in names:
            return ARGOS
        return names.pop() if names else "none"

    def translate(self, text: str, lang: str, context: SegmentContext | None = None) -> TranslatedSegment:
        done = self._done.get((lang, text))
        return done if done is not None else self.route(lang).translate(text, lang, context)

    def batched(self, spans: Iterable[tuple[str, str]]) -> Router:
        """A router for one page: its (text, lang) spans bound for argos translated now, one batch each."""
        wanted: dict[str, dict[str, None]] = {}  # lang -> its texts, each once, in page order
        for text, lang in spans:
            if lang.split("-")[0] in self._argos:
                wanted.setdefault(lang, {})[text] = None
        done: dict[tuple[str, str], TranslatedSegment] = {}
        for lang, texts in wanted.items():
            segments = self._argos[lang.split("-")[0]].translate_batch(list(texts), lang)
            done.update(((lang, text), segment) for text, segment in zip(texts, segments, strict=True))
        return Router(self._argos, self._fallback, done)


_routers: dict[tuple[str, Settings, Path], Translator] = {}


def router_for(settings: Settings, glossary: Glossary, glossary_engine: Translator) -> Translator:
    """The engine for `settings.translator` (auto or argos): a Router, or the glossary engine itself
    under `auto` when no package is installed, so that output is the glossary engine's to the byte."""
    key = (glossary.sha256, settings, packages_dir())
    if key not in _routers:
        # argos_engine brings the aligner and jieba: loaded only by runs that translate
        from .argos_engine import ArgosTranslator

        argos = {lang: ArgosTranslator(package, glossary, settings.beam_size)
                 for lang, package in ((lang, find(lang)) for lang in SOURCES) if package is not None}
        fallback = None if settings.translator == ARGOS else glossary_engine
        _routers[key] = glossary_engine if fallback and not argos else Router(argos, fallback)
    return _routers[key]
