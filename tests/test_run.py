"""`kbnorm run` end to end: the contract's files, schema-valid, deterministic, failures isolated."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pipeline.cli import main

from .conftest import RAW, ROOT, load_doc

SEED_IDS = sorted(p.stem for p in RAW.glob("*.txt"))


def test_every_seed_page_yields_a_schema_valid_document(seeds_output: Path, doc_schema: dict) -> None:
    validator = jsonschema.Draft202012Validator(doc_schema)
    written = sorted(p.stem for p in (seeds_output / "docs").glob("*.json"))
    assert written == SEED_IDS
    for doc_id in written:
        doc = load_doc(seeds_output, doc_id)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], doc_id
        assert doc["source"]["encoding"] == "utf-8" and doc["source"]["format"] == "text"


def test_corpus_knowledge_base_and_manifest(seeds_output: Path) -> None:
    lines = (seeds_output / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == SEED_IDS
    assert json.loads(lines[0]) == load_doc(seeds_output, SEED_IDS[0])
    kb = json.loads((seeds_output / "knowledge_base.json").read_text(encoding="utf-8"))
    assert kb["schema"] == "kbnorm.kb/1"
    manifest = json.loads((seeds_output / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["doc_id"] for entry in manifest["inputs"]] == SEED_IDS
    assert all(len(entry["sha256"]) == 64 for entry in manifest["inputs"])
    assert len(manifest["glossary"]["sha256"]) == 64 and manifest["failures"] == []


def test_a_rerun_is_byte_identical(seeds_output: Path, tmp_path: Path) -> None:
    assert main(["run", str(RAW), "--out", str(tmp_path)]) == 0
    for name in ["corpus.jsonl", "knowledge_base.json", *(f"docs/{i}.json" for i in SEED_IDS)]:
        assert (tmp_path / name).read_bytes() == (seeds_output / name).read_bytes(), name
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []


def test_unreadable_pages_are_named_and_do_not_stop_the_others(tmp_path: Path, capsys) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text("Pharmacy Technician Duties\n\n- Count pills\n- Label bottles\n", "utf-8")
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    assert main(["run", str(pages), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "binary.html: binary file" in err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(f["path"]).name for f in manifest["failures"]) == ["binary.html", "empty.txt"]
    assert [p.name for p in (out / "docs").iterdir()] == ["good.json"]


def test_legacy_encodings_are_decoded_and_recorded(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    zh = "药学技术人员的职责\n\n• 测量药物\n• 更新病人记录\n• 接受付款并处理保险索赔\n"
    en = ("Medical Assistant Duties\n\n• Taking patients’ vital signs — carefully\n"
          "• Greeting “walk-in” patients\n")
    (pages / "zh.txt").write_bytes(zh.encode("gb18030"))
    (pages / "en.txt").write_bytes(en.encode("cp1252"))
    out = tmp_path / "out"
    assert main(["run", str(pages), "--out", str(out)]) == 0
    zh_doc, en_doc = load_doc(out, "zh"), load_doc(out, "en")
    assert zh_doc["source"]["encoding"] == "gb18030"
    assert [b["text"] for b in zh_doc["blocks"]][1] == "测量药物"
    assert en_doc["source"]["encoding"] == "cp1252"
    assert en_doc["blocks"][1]["text"] == "Taking patients’ vital signs — carefully"


def test_markdown_input(tmp_path: Path) -> None:
    page = tmp_path / "phlebotomist.md"
    page.write_text("# Phlebotomist\n\n## Duties\n\n- Draw blood\n- Label samples\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(page), "--out", str(out)]) == 0
    doc = load_doc(out, "phlebotomist")
    assert doc["source"]["format"] == "markdown"
    assert [(b["kind"], b["text"], b["section"]) for b in doc["blocks"]] == [
        ("heading", "Phlebotomist", None), ("heading", "Duties", 0),
        ("list_item", "Draw blood", 1), ("list_item", "Label samples", 1)]


def test_inputs_sharing_a_stem_get_numbered_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "nurse.txt").write_text(f"Nurse duties from {folder}\n\n- Give care\n", "utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]) == 0
    assert load_doc(out, "nurse")["source"]["path"].endswith("a/nurse.txt")
    assert load_doc(out, "nurse-2")["source"]["path"].endswith("b/nurse.txt")


def test_a_broken_glossary_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "glossary.csv"
    broken.write_text("concept,type,en,zh,id,note\nnurse,role,,护士,perawat,\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(RAW), "--out", str(out), "--glossary", str(broken)]) == 2
    assert "glossary.csv:2" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_input_is_a_failure_not_a_crash(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "nowhere"), "--out", str(out)]) == 1
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize(("command", "teaches"), [([], "normalize pages"), (["run"], "exit status")])
def test_the_console_script_teaches_with_help(command: list[str], teaches: str) -> None:
    script = Path(sys.executable).with_name("kbnorm")
    result = subprocess.run([str(script), *command, "--help"], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    assert "usage: kbnorm" in result.stdout and teaches in result.stdout
