"""The modules an install compiles to C (mypyc), and the check that their builds are current.

The page steps run Python rules over every word of every page; compiled, they take about a
quarter less CPU (README, Performance). setup.py compiles the modules below unless the
environment sets KBNORM_PURE=1, and records the sha256 of each source it compiled in
`compiled_sources.json` beside them. A compiled module is imported in preference to its
source, so after an edit the old build would run silently: importing kbnorm refuses that
(`check_builds`) and says how to rebuild. Run as a script (`make build` does), this file
tells whether the in-place build is what the environment asks for, without importing kbnorm.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

# The modules the steps spend their time in, and what they import at run time. The rest (the
# command line, the runner, reports, argos, the distributed engine) stays Python: it runs
# once per run or per page, and compiling it would only lengthen the build.
COMPILED_MODULES = (
    "align", "blocks", "boilerplate_rules", "clean", "concepts", "corpus_words", "cues", "detect",
    "english", "extract", "facts", "indonesian", "langid_latin", "langid_sampling", "langid_script",
    "langid_words", "lexicon", "model", "page_summary", "pages", "phrases", "repair", "roles",
    "sentences", "similarity", "translate", "translate_id", "translate_zh", "units", "vocab",
    "zh_clauses", "zh_context", "zh_numbers", "zh_phrases", "zh_readings", "zh_segment", "zh_verbs",
    "zh_words",
)
PACKAGE_DIR = Path(__file__).resolve().parent
RECORD = "compiled_sources.json"
REBUILD_HINT = "run `make build`, or `KBNORM_PURE=1 make build` for plain Python while editing"
PURE_VARIABLE = "KBNORM_PURE"


class StaleBuildError(ImportError):
    """A compiled module is older than its source: the source's changes would not run."""


def source_digest(module: str, package_dir: Path = PACKAGE_DIR) -> str:
    return hashlib.sha256((package_dir / f"{module}.py").read_bytes()).hexdigest()


def write_record(package_dir: Path = PACKAGE_DIR) -> None:
    """Record the sources as they are compiled now (setup.py, when it compiles)."""
    record = {module: source_digest(module, package_dir) for module in COMPILED_MODULES}
    (package_dir / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def compiled_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The modules that have a compiled build in the package, listed above or not (any longer)."""
    return sorted({path.name.split(".", 1)[0] for path in package_dir.glob("*.so")})


def stale_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Compiled modules that do not run their source as it is now: it changed since they were
    compiled, or they are no longer listed (all of them when the record is missing)."""
    built = compiled_modules(package_dir)
    if not built:
        return []
    try:
        record = json.loads((package_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return built
    return [module for module in built
            if module not in COMPILED_MODULES or record.get(module) != source_digest(module, package_dir)]


def check_builds(package_dir: Path = PACKAGE_DIR) -> None:
    stale = stale_modules(package_dir)
    if stale:
        raise StaleBuildError("kbnorm: compiled modules out of date with their sources "
                              f"({', '.join(stale)}): {REBUILD_HINT}")


def build_problems(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Why the in-place build is not what the environment asks for (compiled unless KBNORM_PURE=1)."""
    built = compiled_modules(package_dir)
    if os.environ.get(PURE_VARIABLE) == "1":
        return [f"{module} is compiled" for module in built]
    missing = sorted(set(COMPILED_MODULES) - set(built))
    return [f"{module} is not compiled" for module in missing] + [
        f"{module} is compiled from another source" for module in stale_modules(package_dir)]


if __name__ == "__main__":
    problems = build_problems()
    for problem in problems:
        print(f"pipeline/compiled.py: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
