"""Roles, duties and skills against the gold seeds: the shared scorer's numbers for the whole pipeline.

    .venv/bin/python bench/extract_score.py [--raw DIR] [--gold DIR] [--keep DIR]

Runs `kbnorm run` over raw/ into a temporary folder, then shared/eval/score.py on it, and
prints the scorer's lines plus per-page F1. The baseline, scored in the same run on the same
output, is the naive reading of a page: every list item is a duty of the first role the page
names, nothing is a skill. Targets: roles F1 >= 0.90, duties >= 0.80, skills >= 0.75.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
KINDS = ("roles", "duties", "skills", "duties_by_role", "skills_by_role")
TARGETS = {"roles": 0.90, "duties": 0.80, "skills": 0.75}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, default=ROOT / "raw")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "seeds")
    parser.add_argument(
        "--keep", type=Path, help="write the pipeline's output here instead of a temporary folder"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kbnorm-extract-") as tmp:
        out = args.keep or Path(tmp) / "ours"
        kbnorm = Path(sys.executable).with_name("kbnorm")
        subprocess.run([str(kbnorm), "run", str(args.raw), "--out", str(out)], check=True, cwd=ROOT)
        ours = score(args.gold, out)
        baseline_dir = Path(tmp) / "baseline"
        write_baseline(out, baseline_dir)
        baseline = score(args.gold, baseline_dir)
    report(ours, baseline)
    return 0 if all(ours[k]["f1"] >= t for k, t in TARGETS.items()) else 1


def score(gold: Path, pred: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def write_baseline(out: Path, target: Path) -> None:
    """Every list item a duty of the page's first role; no skills."""
    (target / "docs").mkdir(parents=True)
    for path in sorted((out / "docs").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        role = doc["roles"][0] if doc["roles"] else "unknown"
        doc["duties"] = [
            {
                "role": role,
                "text": b["text_en"],
                "concept": None,
                "block": b["index"],
                "lang": b["lang"],
                "source_text": b["text"],
            }
            for b in doc["blocks"]
            if b["kind"] == "list_item"
        ]
        doc["skills"] = []
        (target / "docs" / path.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def report(ours: dict, baseline: dict) -> None:
    for kind in KINDS:
        m, b = ours[kind], baseline[kind]
        ratio = f"{m['f1'] / b['f1']:.2f}x" if b["f1"] else "n/a"
        target = f"  (target {TARGETS[kind]:.2f})" if kind in TARGETS else ""
        print(
            f"{kind:15} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}  "
            f"({m['hits']} of {m['pred']} predicted, "
            f"{m['gold']} gold)  baseline F1 {b['f1']:.3f}  {ratio}{target}"
        )
    for doc, row in sorted(ours["per_doc_f1"].items()):
        print(f"  {doc}: duties F1 {row['duties']:.3f}  skills F1 {row['skills']:.3f}")
    if ours["missing_docs"]:
        print("no output for: " + ", ".join(ours["missing_docs"]))


if __name__ == "__main__":
    sys.exit(main())
