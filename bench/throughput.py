"""Throughput of `kbnorm run` on generated corpora, beside a naive baseline timed in the same run.

    .venv/bin/python bench/throughput.py [--sizes 1000 10000] [--workers N]

Corpora of N pages are made from raw/: each page takes a seeded sample of one seed page's
lines plus a few lines of another, and every line gets a word of its own (a made-up place
name), so pages are varied rather than copies and no line is repeated site-wide by
accident. For each size it reports pages/s (and per worker), pages per CPU second of all the
run's processes (what one fully busy core gives, whatever else the machine ran), MB/s, the
peak resident memory of the run's whole process tree, the time of a re-run with nothing changed, and the naive
baseline timed in the same run: langdetect called once per paragraph, nothing else, in one
process, on a sample of the corpus (it is slower than kbnorm, so the whole 10,000 would take
most of an hour).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Timed:
    seconds: float  # wall clock
    peak_mb: float  # the largest sum of the resident sets of the run's processes
    cpu_seconds: float  # user + system time of all the run's processes


def timed_run(pages: Path, out: Path, workers: int) -> Timed:
    """Time, peak resident MB and CPU time of one `kbnorm run`, its workers included.

    The memory is the sum of the resident sets of the run's whole process tree (driver,
    forkserver, workers), sampled from /proc: ru_maxrss would give only the largest single
    process. The CPU time is each process's last reading, summed: it does not count the time
    the machine gave to others, as the wall clock does. The sampler shares the run's cores, so
    it stays cheap: it reads one small file per process of the tree every 50 ms and looks for
    new processes in the tree once a second (a scan of all of /proc costs ~6 ms of CPU)."""
    start = time.perf_counter()
    run = subprocess.Popen([KBNORM, "run", str(pages), "--out", str(out), "--workers", str(workers)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, tree, scanned = 0, [run.pid], 0.0
    cpu: dict[int, float] = {}
    while run.poll() is None:
        if time.perf_counter() - scanned >= 1.0:
            tree, scanned = process_tree(run.pid), time.perf_counter()
        readings = {pid: reading for pid in tree if (reading := process_reading(pid)) is not None}
        cpu.update((pid, seconds) for pid, (_, seconds) in readings.items())
        peak = max(peak, sum(resident for resident, _ in readings.values()))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    _, stderr = run.communicate()
    if run.returncode != 0:
        raise SystemExit(f"kbnorm run failed ({run.returncode}):\n{stderr[-2000:]}")
    return Timed(seconds, peak / 2**20, sum(cpu.values()))


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def process_reading(pid: int) -> tuple[int, float] | None:
    """The resident bytes and the CPU seconds (user + system) of `pid`; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # fields after the command name, from the third of proc(5): utime 14th, stime 15th, rss 24th
    return int(fields[21]) * PAGE_BYTES, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def naive_baseline(pages: Path, sample: int) -> float:
    """Pages/s of langdetect once per paragraph on the first `sample` pages, nothing else, in one
    process: the least a language-aware normalizer could do."""
    code = (
        "import sys, pathlib, time\n"
        "from langdetect import DetectorFactory, detect\n"
        "from langdetect.lang_detect_exception import LangDetectException\n"
        "DetectorFactory.seed = 0\n"
        "paths = sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))[:int(sys.argv[2])]\n"
        "start = time.perf_counter()\n"
        "for path in paths:\n"
        "    for block in path.read_text(encoding='utf-8').split('\\n'):\n"
        "        if block.strip():\n"
        "            try:\n"
        "                detect(block)\n"
        "            except LangDetectException:\n"
        "                pass\n"
        "print(len(paths) / (time.perf_counter() - start))\n"
    )
    command = [sys.executable, "-c", code, str(pages), str(sample)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-sample", type=int, default=500, metavar="PAGES",
                        help="pages of each corpus the naive baseline reads (default: %(default)s)")
    args = parser.parse_args()
    rows = []
    (ROOT / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kbnorm-bench-", dir=ROOT / ".cache") as tmp:
        for size in args.sizes:
            pages, out = Path(tmp, f"pages{size}"), Path(tmp, f"out{size}")
            total_bytes = make_corpus(pages, size)
            first = timed_run(pages, out, args.workers)
            rerun = timed_run(pages, out, args.workers)
            naive = naive_baseline(pages, min(size, args.baseline_sample))
            per_worker = size / first.seconds / args.workers
            rows.append(f"| {size} | {args.workers} | {size / first.seconds:.1f} | {per_worker:.1f} "
                        f"| {size / first.cpu_seconds:.1f} | {total_bytes / 1e6 / first.seconds:.2f} "
                        f"| {first.peak_mb:.0f} | {rerun.seconds:.1f} | {naive:.1f} "
                        f"| {per_worker / naive:.1f}x |")
            print(f"{size} pages done", file=sys.stderr)
            shutil.rmtree(pages)
            shutil.rmtree(out)
    print("| pages | workers | pages/s | pages/s per worker | pages per CPU second | MB/s "
          "| peak RSS MB (all processes) | unchanged re-run s | naive baseline pages/s "
          "| per worker vs naive |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
