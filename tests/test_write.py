"""Output files: one canonical JSON form, and files replaced whole or not at all."""
from __future__ import annotations

import json

import pytest

from pipeline.write import atomic_writer, dump_bytes, dumps, write_json

SAMPLES = [
    {"text": "药剂师 pharmacist “quoted” \\ back\tslash\nnew line \x00\x1f\x7f \u2028 é",
     "n": 3, "none": None},
    {"nested": [{"a": [], "b": {}}, [1.5, 0.1, 0.001, 2.0, -0.0, 12345678901234, 1e+16]], "flag": True},
    [],
    {},
    "𝔘nicode outside the BMP 🙂",
]


@pytest.mark.parametrize("obj", SAMPLES)
def test_the_json_form_is_the_standard_library_one(obj):
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, indent=2, separators=(",", ": "))
    compact = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    assert dump_bytes(obj, indented=False) == compact.encode()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "corpus.jsonl"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("killed midway")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.jsonl"]


def test_a_deferred_write_is_whole_and_readable_by_others(tmp_path):
    target = tmp_path / "docs" / "a.json"
    write_json(target, {"doc_id": "a"}, durable=False)
    assert json.loads(target.read_text(encoding="utf-8")) == {"doc_id": "a"}
    assert target.stat().st_mode & 0o777 == 0o644
