"""The segmenter's Traditional-text test against the OpenCC dictionaries it stands in for."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import opencc
import pytest

from pipeline.zh_segment import _maybe_traditional, to_simplified

_OPENCC_FILES = Path(opencc.__file__).parent / "clib"


def _t2s_entries(tmp_path: Path) -> list[tuple[str, str]]:
    """(source, first conversion) of every entry of every dictionary t2s.json names, dumped as text by
    the opencc_dict tool shipped with the installed package."""
    tool = _OPENCC_FILES / "bin" / "opencc_dict"
    share = _OPENCC_FILES / "share" / "opencc"
    assert tool.exists(), "the installed OpenCC ships no opencc_dict: the proof below cannot be checked"
    config = (share / "t2s.json").read_text(encoding="utf-8")
    files = sorted({name for name in _values_of(json.loads(config), "file")})
    assert files
    entries = []
    for name in files:
        dumped = tmp_path / f"{name}.txt"
        subprocess.run([str(tool), "-i", str(share / name), "-o", str(dumped), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        for line in dumped.read_text(encoding="utf-8").splitlines():
            source, conversions = line.split("\t")
            entries.append((source, conversions.split(" ")[0]))
    return entries


def _values_of(node: object, key: str) -> list[str]:
    if isinstance(node, dict):
        return [v for k, child in node.items() for v in ([child] if k == key else _values_of(child, key))]
    if isinstance(node, list):
        return [v for child in node for v in _values_of(child, key)]
    return []


def test_every_t2s_conversion_holds_a_character_the_prefilter_finds(tmp_path: Path) -> None:
    """Text in which `_maybe_traditional` finds nothing is text t2s leaves as it is: each entry
    that changes something, a character's or a phrase's, holds a character it finds."""
    changing = [source for source, converted in _t2s_entries(tmp_path) if source != converted]
    assert any(len(source) > 1 for source in changing)
    assert [source for source in changing if not _maybe_traditional().search(source)] == []


@pytest.mark.parametrize(("text", "simplified"), [
    ("医疗助理在医院中工作", "医疗助理在医院中工作"), ("醫療助理在醫院中工作", "医疗助理在医院中工作"),
    ("深沈", "深沉"), ("藉此机会", "借此机会"), ("显著", "显著"), ("扮演著重要角色", "扮演著重要角色"),
    ("CVS 药房 2022年", "CVS 药房 2022年"), ("", ""),
])
def test_to_simplified_reads_traditional_text_and_keeps_simplified_text(text: str, simplified: str) -> None:
    assert to_simplified(text) == simplified

