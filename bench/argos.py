"""kbnorm's batched argos engine against argostranslate's per-string `translate`, on the same spans.

    .venv/bin/python bench/argos.py [--beam 2] [--repeat 1]

No real package can be downloaded here, so both sides run one model built by
tests/argos_package.py: a copy model of Transformer-base size (6 encoder and 6 decoder
layers, d_model 512, 8 heads, FFN 2048, a 32k vocabulary, int8 like the packages argos
ships; its SentencePiece model learns from the spans, so they cut into pieces as real text
does). Its weights copy the input, but it does the arithmetic of a real model of that size
for every token, and as its output is known (the input), both sides decode exactly the same
tokens: the comparison measures how the model is driven, not what it knows.

The spans are the Chinese and Indonesian spans of the pages in raw/ (as the detect step cuts
them), one page per raw page holding any, repeated --repeat times with a page number so no
two are equal. Rows:

- argostranslate: `argostranslate.translate.translate(span, lang, "en")` per span, with its
  defaults (beam 4, one translator, CTranslate2's threads) and with kbnorm's beam;
- kbnorm per page: `ArgosTranslator.translate_batch` once per page and language, as a run
  does (glossary terms protected, sentences split by pipeline.sentences);
- kbnorm all pages: every span of every page in one `translate_batch` per language.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--beam", type=int, default=2, help="kbnorm's beam size (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="copies of each page (default: %(default)s)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="kbnorm-bench-argos-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "packages")

    from pipeline import argos_models
    from tests.argos_package import BASE, build_package

    pages = _pages(args.repeat)
    spans = [span for page in pages for span in page]
    started = time.perf_counter()
    for lang in ("zh", "id"):
        argos_models.install(build_package(home / "build" / lang, lang, size=BASE, quantization="int8",
                                           extra_lines=[text for text, _ in spans]))
    print(f"built and installed two base-size copy packages in {time.perf_counter() - started:.1f}s")
    tokens = _source_tokens(spans)
    print(f"{len(pages)} pages, {len(spans)} spans, {tokens} source tokens, {os.cpu_count()} cores\n")

    rows = [("argostranslate per span, beam 4 (its default)", _argostranslate(spans, beam=4)),
            (f"argostranslate per span, beam {args.beam}", _argostranslate(spans, beam=args.beam)),
            (f"kbnorm, a batch per page, beam {args.beam}", _kbnorm(pages, beam=args.beam)),
            (f"kbnorm, one batch for all pages, beam {args.beam}", _kbnorm([spans], beam=args.beam))]
    same_beam = rows[1][1]
    print(f"{'':52} {'seconds':>8} {'spans/s':>8} {'tokens/s':>9} {'speed-up':>9}")
    for name, seconds in rows:
        print(f"{name:52} {seconds:8.2f} {len(spans) / seconds:8.1f} {tokens / seconds:9.0f} "
              f"{same_beam / seconds:8.2f}x")
    print(f"\nspeed-up: against argostranslate per span at beam {args.beam}")


def _pages(repeat: int) -> list[list[tuple[str, str]]]:
    """(text, lang) of the zh and id spans of each raw page that has any, `repeat` times, numbered."""
    from pipeline.clean import clean
    from pipeline.context import Context
    from pipeline.detect import detect
    from pipeline.glossary import load_glossary
    from pipeline.pages import build_doc
    from pipeline.read import RawPage
    from pipeline.repair import repair

    ctx = Context(glossary=load_glossary(ROOT / "glossary.csv"))
    pages = []
    for path in sorted((ROOT / "raw").glob("*.txt")):
        page = RawPage(str(path), path.read_bytes(), "text", path.stem)
        doc = detect(repair(clean(build_doc(page, path.stem), ctx), ctx), ctx)
        spans = [(b.text[s.start:s.end].strip(), s.lang) for b in doc.blocks for s in b.spans
                 if s.lang in ("zh", "id") and b.text[s.start:s.end].strip()]
        if spans:
            pages.append(spans)
    return [[(f"{text} {copy}", lang) for text, lang in page] for copy in range(repeat) for page in pages]


def _source_tokens(spans: list[tuple[str, str]]) -> int:
    from pipeline import argos_models
    from pipeline.argos_engine import load

    model = load(argos_models.find("zh").path)
    return sum(len(model.tokenizer.encode(text)) for text, _ in spans)


def _argostranslate(spans: list[tuple[str, str]], beam: int) -> float:
    """Seconds for argostranslate to translate the spans one string at a time (models loaded first)."""
    from argostranslate import settings, translate

    settings.beam_size = beam  # read at every call
    for lang in ("zh", "id"):
        translate.translate("热身。", lang, "en")
    started = time.perf_counter()
    for text, lang in spans:
        translate.translate(text, lang, "en")
    return time.perf_counter() - started


def _kbnorm(pages: list[list[tuple[str, str]]], beam: int) -> float:
    """Seconds for kbnorm's engine to translate each page's spans in one batch per language."""
    from pipeline import argos_models
    from pipeline.argos_engine import ArgosTranslator
    from pipeline.glossary import load_glossary

    glossary = load_glossary(ROOT / "glossary.csv")
    engines = {lang: ArgosTranslator(argos_models.find(lang), glossary, beam) for lang in ("zh", "id")}
    for lang, engine in engines.items():
        engine.translate("热身。", lang)
    started = time.perf_counter()
    for page in pages:
        for lang, engine in engines.items():
            engine.translate_batch([text for text, span_lang in page if span_lang == lang], lang)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
