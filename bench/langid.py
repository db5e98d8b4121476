"""Language spans: accuracy on the gold lines and time per page, ours against two baselines.

    .venv/bin/python bench/langid.py [--repeat N]

Baselines, on the same blocks (the raw/ pages split at newlines):
- langdetect called once per block (library defaults, seed 0): one span per block;
- lingua-language-detector restricted to en/zh/id, `detect_multiple_languages_of` per block
  (bench only: pip install -r bench/requirements.txt).

Accuracy is the scorer's span-language accuracy (shared/eval/score.py): the share of gold
span characters whose overlapping predicted spans vote the gold language. `scorer` finds each
gold span at its first occurrence in the line, as score.py does; `in order` finds it after the
previous one, which matters only where an unrepaired artifact ('的ir') holds the same
character as a later standalone span ('的'). Times are medians over repeats, warm models, and
a new LanguageDetector (cold per-word caches) for every repeat; ours uses the project's
glossary.csv when there is one, as the pipeline does.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_SPANS = ROOT.parent / "shared" / "eval" / "seeds" / "spans.jsonl"
RAW = ROOT / "raw"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.detect import LanguageDetector  # noqa: E402
from pipeline.glossary import Glossary, load_glossary  # noqa: E402

Predicted = list[tuple[int, int, str]]  # (start, end, lang) over a line
Predictor = Callable[[str, str], Predicted]  # (doc id, line) -> spans
PageRunner = Callable[[str, list[str]], None]  # (doc id, blocks) -> None: the work timed per page


def load_gold(path: Path = GOLD_SPANS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def page_blocks(raw: Path = RAW) -> dict[str, list[str]]:
    """Each raw page's non-empty lines, by doc id (the file stem)."""
    pages = {}
    for path in sorted(raw.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        pages[path.stem] = [line.strip() for line in lines if line.strip()]
    return pages


def span_accuracy(gold: list[dict], predict: Predictor, *, in_order: bool = False) -> float:
    """Share of gold span characters whose predicted spans vote their language (score.py's rule)."""
    right = total = 0
    for item in gold:
        line = item["line"]
        predicted = predict(item["doc"], line)
        cursor = 0
        for span in item["spans"]:
            probe = span["text"]
            total += len(probe)
            pos = line.find(probe, cursor if in_order else 0)
            if pos < 0:
                continue
            cursor = pos + len(probe)
            votes: Counter[str] = Counter()
            for start, end, lang in predicted:
                overlap = min(end, pos + len(probe)) - max(start, pos)
                if overlap > 0:
                    votes[lang] += overlap
            if votes and votes.most_common(1)[0][0].split("-")[0] == span["lang"]:
                right += len(probe)
    return right / total if total else 0.0


def ours(detector: LanguageDetector, pages: dict[str, list[str]]) -> Predictor:
    """Our detector with each page's dominant Latin language as context."""
    contexts = {doc: detector.page_context(blocks) for doc, blocks in pages.items()}

    def predict(doc: str, line: str) -> Predicted:
        return [(s.start, s.end, s.lang) for s in detector.spans(line, contexts.get(doc))]

    return predict


def langdetect_per_block() -> Predictor:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def predict(doc: str, line: str) -> Predicted:
        try:
            lang = detect(line).split("-")[0]
        except LangDetectException:
            lang = "und"
        return [(0, len(line), lang)]

    return predict


def lingua_multi() -> Predictor:
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.CHINESE, Language.INDONESIAN).build()

    def predict(doc: str, line: str) -> Predicted:
        return [(r.start_index, r.end_index, r.language.iso_code_639_1.name.lower())
                for r in detector.detect_multiple_languages_of(line)]

    return predict


def ms_per_page(make_runner: Callable[[], PageRunner], pages: dict[str, list[str]], repeat: int) -> float:
    """Median over repeats of the mean time per page, with a runner made anew for each repeat."""
    times = []
    for _ in range(repeat):
        runner = make_runner()
        start = time.perf_counter()
        for doc, blocks in pages.items():
            runner(doc, blocks)
        times.append((time.perf_counter() - start) / len(pages) * 1000)
    return statistics.median(times)


def _page_runner(predict: Predictor) -> PageRunner:
    def run(doc: str, blocks: list[str]) -> None:
        for block in blocks:
            predict(doc, block)

    return run


def _our_page_runner(glossary: Glossary | None) -> PageRunner:
    detector = LanguageDetector(glossary)

    def run(doc: str, blocks: list[str]) -> None:
        context = detector.page_context(blocks)
        for block in blocks:
            detector.spans(block, context)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary.csv")
    args = parser.parse_args(argv)
    gold, pages = load_gold(), page_blocks()
    glossary = load_glossary(args.glossary) if args.glossary.is_file() else None
    everything = [block for blocks in pages.values() for block in blocks]
    rows = []
    baselines = {"langdetect, once per block": langdetect_per_block, "lingua en/zh/id, multi": lingua_multi}
    for name, build in baselines.items():
        runner = _page_runner(build())
        runner("warm-up", everything)  # load the models before timing
        rows.append((name, ms_per_page(lambda runner=runner: runner, pages, args.repeat), build()))
    _our_page_runner(glossary)("warm-up", everything)
    rows.append(("kbnorm detect", ms_per_page(lambda: _our_page_runner(glossary), pages, args.repeat),
                 ours(LanguageDetector(glossary), pages)))
    blocks = sum(len(b) for b in pages.values())
    print(f"{len(pages)} pages, {blocks} blocks; {len(gold)} gold lines, "
          f"{sum(len(s['text']) for g in gold for s in g['spans'])} gold span characters\n")
    print("| detector | ms / page | accuracy (scorer) | accuracy (in order) |")
    print("| --- | ---: | ---: | ---: |")
    for name, ms, predict in rows:
        scorer, in_order = span_accuracy(gold, predict), span_accuracy(gold, predict, in_order=True)
        print(f"| {name} | {ms:.1f} | {scorer:.3f} | {in_order:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
