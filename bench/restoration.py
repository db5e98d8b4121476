"""Restoration of mixed pages: the shared scorer's chrF for the whole pipeline, and the glossary terms.

    .venv/bin/python bench/restoration.py [--raw DIR] [--gold DIR] [--keep DIR] [--lines N]

Runs the pipeline (`kbnorm run`, in this process) over raw/ into a temporary folder, then
shared/eval/score.py on it, and prints the restoration chrF of the gold mixed
lines (each scored on the English of the block closest to it; the untouched line scores as
the baseline), the glossary terms of the output by status, every `missing` term, and with
--lines the N worst lines. Targets: chrF >= 85 and no missing term.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
TARGET_CHRF = 85.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT / "raw")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "seeds")
    parser.add_argument("--keep", type=Path,
                        help="write the pipeline's output here instead of a temporary folder")
    parser.add_argument("--lines", type=int, default=0, metavar="N",
                        help="also show the N worst-scored lines")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kbnorm-restoration-") as tmp:
        out = args.keep or Path(tmp) / "out"
        run_pipeline(args.raw, out)
        metrics = score(args.gold, out)
        docs = load_docs(out)
    terms = [term for doc in docs.values() for term in doc["terms"]]
    statuses = Counter(term["status"] for term in terms)
    print(f"restoration chrF {metrics['restore_chrf']} (untouched mixed text: "
          f"{metrics['restore_chrf_untouched']}, {metrics['restore_lines']} lines; target >= {TARGET_CHRF})")
    print("glossary terms: " + ", ".join(f"{statuses[s]} {s}" for s in ("matched", "enforced", "missing")))
    for doc_id, doc in docs.items():
        for term in doc["terms"]:
            if term["status"] == "missing":
                print(f"  missing in {doc_id} block {term['block']}: {term['source']} -> {term['target']}")
    if args.lines:
        worst_lines(args.gold, docs, args.lines)
    return 0 if metrics["restore_chrf"] >= TARGET_CHRF and not statuses["missing"] else 1


def run_pipeline(raw: Path, out: Path) -> None:
    """`kbnorm run RAW --out OUT --force`, in this process (its own pipeline, glossary and settings)."""
    from pipeline.cli import main as kbnorm

    status = kbnorm(["run", str(raw), "--out", str(out), "--force", "--workers", "1", "--log-json"])
    if status != 0:
        raise SystemExit(f"kbnorm run exited with {status}")


def score(gold: Path, pred: Path) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def load_docs(out: Path) -> dict[str, dict]:
    paths = sorted((out / "docs").glob("*.json"))
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in paths}


def worst_lines(gold: Path, docs: dict[str, dict], count: int) -> None:
    """The gold lines the output restores worst, scored as score.py scores them."""
    sys.path.insert(0, str(SCORER.parent))
    from score import best_block, chrf, find_doc  # the scorer's own functions, so the numbers agree

    rows = []
    for line in (gold / "restore.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        doc = find_doc(docs, item["doc"])
        block = best_block(doc, item["line"]) if doc else None
        english = block.get("text_en", "") if block else ""
        rows.append((chrf(english, item["en"]), item["line"], english, item["en"]))
    for value, line, english, reference in sorted(rows)[:count]:
        print(f"\n{value:5.1f}  {line}\n       ours: {english}\n       gold: {reference}")


if __name__ == "__main__":
    sys.exit(main())
