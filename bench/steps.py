"""Where a page's CPU time goes: each step's CPU ms per page, optionally beside another checkout.

    .venv/bin/python bench/steps.py [--pages 300] [--against ../kbnorm-old]

throughput.py times whole runs; this bench times the steps one by one, in this one process, on
pages generated as throughput.py makes them. A few pages outside the measured ones go through
first, so that the tables each step builds on first use are not counted. The garbage collector
is set as in a run's workers.

With --against, the `pipeline` package of another checkout (an older commit, say) is loaded
beside this one and both process the same pages alternately, each page first by one and then by
the other, in turns. Two separate runs on a shared or throttled machine differ by up to 10 %
with no change in the code; side by side, both see the same machine, and a change of a few
per cent shows. Both use this checkout's glossary.csv, so that only the code differs. The other
checkout must be installed as plain Python (KBNORM_PURE=1); this one may be compiled.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from throughput import ROOT, make_corpus

WARM_UP_PAGES = 5


@dataclass
class Side:
    """One checkout's steps, ready to run pages, and the CPU seconds each step took."""

    label: str
    package: str  # the name its `pipeline` package is loaded under
    ctx: Any
    steps: tuple[Any, ...]
    seconds: Counter[str]

    def module(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.package}.{name}")

    def run(self, path: Path, data: bytes, *, timed: bool = True) -> None:
        page = self.module("read").RawPage(str(path), data, "text", path.stem)
        started = time.process_time()
        doc = self.module("pages").build_doc(page, path.stem)
        self._count("build", started, timed)
        for step in self.steps:
            started = time.process_time()
            doc = step(doc, self.ctx)
            self._count(step.__name__, started, timed)

    def _count(self, step: str, started: float, timed: bool) -> None:
        if timed:
            self.seconds[step] += time.process_time() - started


def load_side(label: str, checkout: Path, package: str, glossary: Path) -> Side:
    """Import `checkout`'s pipeline package under the name `package`, with a context for `glossary`."""
    if package != "pipeline" and any((checkout / "pipeline").glob("*.so")):
        # a compiled module finds its code in the group library by the name it was built under,
        # so it would run this checkout's build, not its own
        raise SystemExit(f"{checkout} is compiled: install it as plain Python to load it beside this one "
                         f"(cd {checkout} && KBNORM_PURE=1 make build)")
    if package not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            package, checkout / "pipeline" / "__init__.py",
            submodule_search_locations=[str(checkout / "pipeline")])
        if spec is None or spec.loader is None:
            raise SystemExit(f"no pipeline package in {checkout}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[package] = module
        spec.loader.exec_module(module)
    load_glossary = importlib.import_module(f"{package}.glossary").load_glossary
    context = importlib.import_module(f"{package}.context").Context(load_glossary(glossary))
    steps = importlib.import_module(f"{package}.process").STEPS
    return Side(label, package, context, steps, Counter())


def measure(sides: list[Side], pages: list[Path], warm_up: list[Path]) -> None:
    """Run every page through every side, taking turns at which side goes first."""
    for path in warm_up:
        for side in sides:
            side.run(path, path.read_bytes(), timed=False)
    gc.freeze()  # what warming up loaded stays, as the forkserver's tables do in a run
    for number, path in enumerate(pages):
        data = path.read_bytes()
        turn = sides if number % 2 == 0 else sides[::-1]
        for side in turn:
            side.run(path, data)


def table(sides: list[Side], pages: int) -> str:
    """A Markdown table of ms per page by step: each step's share of the total for one side, the
    ratio of this checkout's time to the other's for two."""
    totals = [sum(side.seconds.values()) for side in sides]
    rows = [(step, [side.seconds[step] for side in sides]) for step in sides[0].seconds]
    rows.append(("total", totals))
    last = "ratio" if len(sides) == 2 else "share"
    lines = ["| step | " + " | ".join(f"{side.label} ms/page" for side in sides) + f" | {last} |",
             "| --- |" + " ---: |" * (len(sides) + 1)]
    for step, seconds in rows:
        cells = " | ".join(f"{1000 * s / pages:.2f}" for s in seconds)
        compared = f"{seconds[1] / seconds[0]:.3f}" if len(sides) == 2 else f"{seconds[0] / totals[0]:.0%}"
        lines.append(f"| {step} | {cells} | {compared} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="pages measured (default: %(default)s)")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="another kbnorm checkout whose steps run beside this one's")
    parser.add_argument("--seed", type=int, default=11,
                        help="the generated corpus's seed (default: %(default)s)")
    args = parser.parse_args()
    glossary = ROOT / "glossary.csv"
    sides = [load_side("this", ROOT, "pipeline", glossary)]
    if args.against is not None:
        sides.insert(0, load_side(args.against.name or "against", args.against.resolve(),
                                  "pipeline_against", glossary))
    gc.set_threshold(sides[-1].module("workers").COLLECT_EVERY, *gc.get_threshold()[1:])
    (ROOT / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kbnorm-steps-", dir=ROOT / ".cache") as tmp:
        make_corpus(Path(tmp), args.pages + WARM_UP_PAGES, seed=args.seed)
        paths = sorted(Path(tmp).glob("*.txt"))
        measure(sides, paths[WARM_UP_PAGES:], paths[:WARM_UP_PAGES])
    print(table(sides, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
