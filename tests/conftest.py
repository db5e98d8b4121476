"""Shared fixtures: the project's folders, the shared contract and a run helper."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
# ../shared beside the project; KBNORM_SHARED points elsewhere (a git worktree of the project)
SHARED = Path(os.environ.get("KBNORM_SHARED", ROOT.parent / "shared"))
SCHEMA_PATH = SHARED / "contract" / "doc.schema.json"
GOLD = SHARED / "eval" / "seeds"

# Libraries that cache under the home folder or /tmp write into a folder of the test run instead.
_CACHE = Path(tempfile.mkdtemp(prefix="kbnorm-test-cache-"))
os.environ.setdefault("KBNORM_CACHE_DIR", str(_CACHE))
os.environ.setdefault("XDG_CACHE_HOME", str(_CACHE / "xdg"))
# argos packages a developer installed must not change what `--translator auto` does in tests
os.environ["ARGOS_PACKAGES_DIR"] = str(_CACHE / "argos-packages")
os.environ["XDG_DATA_HOME"] = str(_CACHE / "xdg-data")


@pytest.fixture(scope="session")
def doc_schema() -> dict:
    assert SCHEMA_PATH.exists(), f"the shared contract must lie beside the project: {SCHEMA_PATH}"
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def glossary():
    from pipeline.glossary import load_glossary

    return load_glossary(ROOT / "glossary.csv")


@pytest.fixture(scope="session")
def seeds_output(tmp_path_factory) -> Path:
    """raw/ run once through `kbnorm run` for the tests that read its output."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("normalized")
    assert main(["run", str(RAW), "--out", str(out)]) == 0
    return out


def load_doc(out: Path, doc_id: str) -> dict:
    return json.loads((out / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
