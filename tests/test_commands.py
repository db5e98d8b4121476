"""The smaller commands: what a user sees from `kbnorm detect` (and friends)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import RAW, ROOT

KBNORM = str(Path(sys.executable).with_name("kbnorm"))
MIXED = "Medical assistants typically work in 医疗保健 clinics, 医院, 医生的办公室\n"


def _kbnorm(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KBNORM, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=True)


def test_detect_marks_spans_plainly_in_a_pipe() -> None:
    out = _kbnorm("detect", "-", stdin=MIXED).stdout
    assert out.splitlines()[0].split(None, 2)[2] == (
        "[en]Medical assistants typically work in [zh]医疗保健 [en]clinics, [zh]医院, 医生的办公室")
    assert "\x1b[" not in out and out.splitlines()[-1].startswith("languages: en")


def test_detect_colours_when_asked() -> None:
    assert "\x1b[" in _kbnorm("detect", "-", "--color", "always", stdin=MIXED).stdout


def test_detect_json_covers_every_block_of_a_page() -> None:
    data = json.loads(_kbnorm("detect", str(RAW / "004_191c781feffc30c2.txt"), "--json").stdout)
    assert data["languages"]["id"] > 0.95
    for block in data["blocks"]:
        spans = block["spans"]
        assert spans[0]["start"] == 0 and spans[-1]["end"] == len(block["text"])
        assert all(a["end"] == b["start"] for a, b in zip(spans, spans[1:], strict=False))
