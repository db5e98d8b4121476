"""The compiled build (mypyc): it is what runs, it is current, and it writes what plain Python writes."""
from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from pipeline import compiled
from pipeline.compiled import COMPILED_MODULES, StaleBuildError, build_problems, check_builds, stale_modules

from .conftest import RAW, ROOT

PURE = os.environ.get(compiled.PURE_VARIABLE) == "1"
EXTENSION = EXTENSION_SUFFIXES[0]


def test_every_listed_module_is_a_source_of_the_package() -> None:
    sources = {path.stem for path in (ROOT / "pipeline").glob("*.py")}
    assert set(COMPILED_MODULES) <= sources
    assert len(set(COMPILED_MODULES)) == len(COMPILED_MODULES)


def test_the_build_in_use_is_the_one_the_environment_asks_for() -> None:
    assert build_problems() == []
    loaded = [importlib.import_module(f"pipeline.{module}").__file__ for module in COMPILED_MODULES]
    if PURE:
        assert all(path.endswith(".py") for path in loaded)
    else:
        assert all(path.endswith(".so") for path in loaded), loaded


def _package(tmp_path: Path) -> Path:
    """A package folder holding a compiled `align` built from its present source."""
    package = tmp_path / "pipeline"
    package.mkdir()
    (package / "align.py").write_text("VALUE = 1\n", encoding="utf-8")
    (package / f"align{EXTENSION}").write_bytes(b"")
    (package / "units.py").write_text("VALUE = 2\n", encoding="utf-8")  # not compiled: never stale
    for module in COMPILED_MODULES:
        if not (package / f"{module}.py").exists():
            (package / f"{module}.py").write_text("", encoding="utf-8")
    compiled.write_record(package)
    return package


def test_a_source_edited_after_compiling_is_refused_with_the_way_to_rebuild(tmp_path: Path) -> None:
    package = _package(tmp_path)
    check_builds(package)
    (package / "units.py").write_text("VALUE = 3\n", encoding="utf-8")
    check_builds(package)  # units has no compiled build here: its source is what runs
    (package / "align.py").write_text("VALUE = 4\n", encoding="utf-8")
    assert stale_modules(package) == ["align"]
    with pytest.raises(StaleBuildError, match=r"out of date with their sources \(align\): run `make build`"):
        check_builds(package)


def test_a_compiled_module_no_longer_listed_is_refused(tmp_path: Path) -> None:
    """Its build would shadow its source, which now runs as plain Python wherever it is installed."""
    package = _package(tmp_path)
    (package / "runner.py").write_text("VALUE = 5\n", encoding="utf-8")
    (package / f"runner{EXTENSION}").write_bytes(b"")
    (package / f"gone{EXTENSION}").write_bytes(b"")  # its source deleted since
    assert "runner" not in COMPILED_MODULES and stale_modules(package) == ["gone", "runner"]
    with pytest.raises(StaleBuildError, match=r"\(gone, runner\)"):
        check_builds(package)


def test_a_compiled_module_without_a_record_counts_as_stale(tmp_path: Path) -> None:
    package = _package(tmp_path)
    (package / compiled.RECORD).unlink()
    assert stale_modules(package) == ["align"]


def test_build_problems_name_what_differs_from_the_asked_build(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path)
    monkeypatch.delenv(compiled.PURE_VARIABLE, raising=False)
    problems = build_problems(package)
    assert "blocks is not compiled" in problems and "align is not compiled" not in problems
    monkeypatch.setenv(compiled.PURE_VARIABLE, "1")
    assert build_problems(package) == ["align is compiled"]


def test_the_compiled_build_writes_what_the_sources_write(tmp_path: Path) -> None:
    """mypyc checks types at run time and compiles classes differently: the outputs must not change."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "pipeline", sources / "pipeline",
                    ignore=shutil.ignore_patterns("*.so", compiled.RECORD, "__pycache__"))
    outputs = {}
    installed = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    for name, env in (("installed", installed), ("sources", {**installed, "PYTHONPATH": str(sources)})):
        out = tmp_path / name
        result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(RAW), "--out", str(out),
                                 "--workers", "1", "--glossary", str(ROOT / "glossary.csv")],
                                cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        outputs[name] = {path.relative_to(out): path.read_bytes() for path in sorted(out.rglob("*"))
                         if path.is_file() and path.name in {"corpus.jsonl", "knowledge_base.json"}
                         or path.parent.name == "docs"}
    assert len(outputs["installed"]) == len(list(RAW.iterdir())) + 2
    assert outputs["installed"] == outputs["sources"]
