"""Throughput of `kbnorm run` on generated corpora, beside a naive baseline timed in the same run.

    .venv/bin/python bench/throughput.py [--sizes 1000 10000] [--workers N]

Corpora of N pages are made from raw/: each page takes a seeded sample of one seed page's
lines plus a few lines of another, and every line gets a word of its own (a made-up place
name), so pages are varied rather than copies and no line is repeated site-wide by
accident. For each size it reports pages/s (and per worker), MB/s, the peak resident memory
of the run, the time of a re-run with nothing changed, and the naive baseline: langdetect
called once per paragraph, nothing else, in one process.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KBNORM = str(Path(sys.executable).with_name("kbnorm"))
SYLLABLES = ["ba", "ko", "ri", "ta", "me", "lu", "si", "no", "ve", "da", "xi", "po", "ga", "ze", "mu", "fe"]
HAN_NAMES = "东西南北安康宁平和华山河湖林泉阳春秋新昌"


def place(rng: random.Random, han: bool) -> str:
    if han:
        return "".join(rng.choice(HAN_NAMES) for _ in range(3)) + "市"
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def vary(line: str, rng: random.Random) -> str:
    """The line with a place name of its own at the end of its words."""
    stripped = line.rstrip()
    if not stripped:
        return line
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in stripped) > len(stripped) / 3
    end = len(stripped) - 1 if stripped[-1] in ".?!:。？！：" else len(stripped)
    name = place(rng, han)
    joiner = "" if han else " in "
    return stripped[:end] + joiner + name + stripped[end:]


def make_corpus(folder: Path, size: int, seed: int = 7) -> int:
    """Write `size` varied pages; returns their total bytes."""
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "raw").glob("*.txt"))]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(size):
        base, other = rng.sample(seeds, 2)
        keep = [line for line in base if not line.strip() or rng.random() < 0.8]
        at = rng.randrange(len(keep) + 1)
        keep[at:at] = rng.sample(other, min(4, len(other)))
        data = "\n".join(vary(line, rng) for line in keep).encode("utf-8")
        (folder / f"page{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed_run(pages: Path, out: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak resident MB of one `kbnorm run` (its own process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(out), "--workers", str(workers)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"kbnorm run failed ({result.returncode}):\n{result.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def naive_baseline(pages: Path) -> float:
    """langdetect once per paragraph, in one process: the cost of the least one could do."""
    code = (
        "import sys, pathlib, time\n"
        "from langdetect import DetectorFactory, detect\n"
        "from langdetect.lang_detect_exception import LangDetectException\n"
        "DetectorFactory.seed = 0\n"
        "start = time.perf_counter()\n"
        "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):\n"
        "    for block in path.read_text(encoding='utf-8').split('\\n'):\n"
        "        if block.strip():\n"
        "            try:\n"
        "                detect(block)\n"
        "            except LangDetectException:\n"
        "                pass\n"
        "print(time.perf_counter() - start)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(pages)], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kbnorm-bench-", dir=ROOT / ".cache") as tmp:
        for size in args.sizes:
            pages, out = Path(tmp, f"pages{size}"), Path(tmp, f"out{size}")
            total_bytes = make_corpus(pages, size)
            seconds, peak_mb = timed_run(pages, out, args.workers)
            rerun, _ = timed_run(pages, out, args.workers)
            baseline = naive_baseline(pages)
            rows.append((size, args.workers, size / seconds, size / seconds / args.workers,
                         total_bytes / 1e6 / seconds, peak_mb, rerun, size / baseline))
            shutil.rmtree(pages)
            shutil.rmtree(out)
    print("| pages | workers | pages/s | pages/s per worker | MB/s | peak RSS MB | unchanged re-run s "
          "| naive baseline pages/s (1 process) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, workers, rate, per_worker, mbs, peak, rerun, naive in rows:
        print(f"| {size} | {workers} | {rate:.1f} | {per_worker:.1f} | {mbs:.2f} | {peak:.0f} | {rerun:.1f} "
              f"| {naive:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
