"""The argos engine with a real (tiny) argos package: install, translate, glossary terms, engine choice.

The package comes from tests/argos_package.py: its model copies its input token for token,
so every output is known exactly. Every test runs offline (connections to the network
raise) against argostranslate folders of its own; argostranslate reads those folders when it
is imported, so its modules are dropped before and after each test.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import argos_models, argos_routing
from pipeline.argos_engine import ArgosTranslator, load
from pipeline.argos_protect import between, find_terms, mask, reassemble, unmask
from pipeline.cli import main
from pipeline.commands import models
from pipeline.context import Context, Settings
from pipeline.model import Block, Doc, Source, Span
from pipeline.translate import translate, translate_text
from tests.argos_package import build_package
from tests.conftest import RAW, load_doc

PLAIN = {  # sentences without glossary terms, so that kbnorm and argostranslate see the same input
    "zh": "今天天气很好。我们明天见！他们喜欢喝茶？",
    "id": "Saya suka membaca buku. Kami pergi ke pasar! Mereka minum teh?",
}
COPIED = {  # what the copy model gives back: the source as SentencePiece normalises it (NFKC), sentences
    "zh": "今天天气很好。 我们明天见! 他们喜欢喝茶?",  # joined by a space
    "id": PLAIN["id"],
}
PAGES = ("000_49c13e119e22e16b.txt", "004_191c781feffc30c2.txt")  # English and Chinese; Indonesian
CHINESE_PAGE = """\
# 医疗助理的职责

医疗助理在医院和诊所工作。他们测量患者的生命体征，并更新病历。

药学技术人员协助药剂师配药。Pharmacy technicians 也需要认证。

醫療助理也為病人安排預約。

- 安排预约
- 整理病历
"""


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network (a model or index download) fails loudly; local sockets still work."""
    connect = socket.socket.connect

    def local_only(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"network blocked in the argos tests: connect to {address}")
        connect(self, address)

    def blocked(*args: object, **kwargs: object) -> None:
        raise OSError(f"network blocked in the argos tests: {args}")

    monkeypatch.setattr(socket.socket, "connect", local_only)
    monkeypatch.setattr(socket.socket, "connect_ex", blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    monkeypatch.setattr(socket, "getaddrinfo", blocked)


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """zh-en and id-en packages of the copy model, built once."""
    folder = tmp_path_factory.mktemp("argos-build")
    return {lang: build_package(folder / lang, lang) for lang in ("zh", "id")}


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """argostranslate's folders in tmp_path, no package installed; yields the package folder."""
    home = tmp_path / "argos"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
    _forget_argostranslate()
    yield home / "packages"
    _forget_argostranslate()


@pytest.fixture
def installed(argos_home: Path, archives: dict[str, Path]) -> Path:
    """Both copy-model packages installed."""
    for archive in archives.values():
        argos_models.install(archive)
    return argos_home


def _forget_argostranslate() -> None:
    for name in [n for n in sys.modules if n == "argostranslate" or n.startswith("argostranslate.")]:
        del sys.modules[name]


def kbnorm_models(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kbnorm")
    models.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["models", *argv])
    return args.handler(args)


def test_the_network_is_blocked() -> None:
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("example.com", 443), timeout=1)


def test_models_install_list_and_remove(argos_home: Path, archives: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert kbnorm_models("install", str(archives["zh"])) == 0
    assert "installed zh-en 0.1" in capsys.readouterr().out
    assert kbnorm_models("list") == 0
    listing = capsys.readouterr().out
    assert str(argos_home) in listing and "zh-en" in listing
    assert "zh -> en with --translator auto: argos" in listing
    assert "id -> en with --translator auto: glossary (no package)" in listing

    assert kbnorm_models("install", str(archives["zh"])) == 0  # again: replaces, never two of a pair
    assert [p.code for p in argos_models.installed()] == ["zh-en"]
    assert "removed zh-en" in capsys.readouterr().out

    assert kbnorm_models("remove", "zh-en") == 0
    assert argos_models.installed() == [] and not any(argos_home.iterdir())
    assert kbnorm_models("remove", "zh-en") == 2
    assert "no package 'zh-en' is installed" in capsys.readouterr().err


def test_install_refuses_what_is_not_a_package(argos_home: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("not a zip", encoding="utf-8")
    assert kbnorm_models("install", str(text)) == 2
    assert "not an Argos package" in capsys.readouterr().err

    import zipfile

    half = tmp_path / "half.argosmodel"
    with zipfile.ZipFile(half, "w") as zipped:
        zipped.writestr("translate-zh_en/metadata.json", json.dumps({"from_code": "zh", "to_code": "en"}))
    assert kbnorm_models("install", str(half)) == 2
    assert "lacks sentencepiece.model, model/model.bin" in capsys.readouterr().err
    assert kbnorm_models("install", str(tmp_path / "missing.argosmodel")) == 2
    assert argos_models.installed() == []


@pytest.mark.parametrize("lang", ["zh", "id"])
def test_kbnorm_and_argostranslate_agree(installed: Path, glossary, lang: str) -> None:  # noqa: ANN001
    import argostranslate.translate

    text = PLAIN[lang]
    assert find_terms(text, lang, glossary) == []
    ours = ArgosTranslator(argos_models.find(lang), glossary, beam_size=4).translate(text, lang)
    theirs = argostranslate.translate.translate(text, lang, "en")
    assert ours.text_en == theirs == COPIED[lang]


def test_a_long_sentence_is_never_cut(installed: Path, glossary) -> None:  # noqa: ANN001
    import argostranslate.translate

    sentence = "Kami pergi ke pasar dan " * 15 + "pulang."
    model = load(argos_models.find("id").path)
    assert len(model.tokenizer.encode(sentence)) > 300
    ours = ArgosTranslator(argos_models.find("id"), glossary, beam_size=2).translate(sentence, "id").text_en
    assert ours == sentence
    theirs = argostranslate.translate.translate(sentence, "id", "en")
    assert sentence.startswith(theirs) and len(theirs) < len(sentence)  # argostranslate stops at 256 tokens


def test_glossary_terms_come_out_in_their_glossary_english(installed: Path, glossary) -> None:  # noqa: ANN001
    engine = ArgosTranslator(argos_models.find("zh"), glossary, beam_size=2)
    segment = engine.translate("药剂师在医院工作。医疗助理安排预约！", "zh")
    assert segment.text_en == "pharmacist 在 hospital 工作。 Medical assistant 安排 appointment!"
    assert [(t.concept.concept, segment.text_en[t.target_start:t.target_end]) for t in segment.terms] == [
        ("pharmacist", "pharmacist"), ("hospital", "hospital"), ("medical_assistant", "Medical assistant"),
        ("appointment", "appointment")]


def test_a_sentence_holding_a_code_is_translated_apart(installed: Path, glossary) -> None:  # noqa: ANN001
    engine = ArgosTranslator(argos_models.find("id"), glossary, beam_size=2)
    segment = engine.translate("Kode ZX0 untuk apoteker di rumah sakit.", "id")
    assert segment.text_en == "Kode ZX0 untuk pharmacist di hospital."
    assert [t.concept.concept for t in segment.terms] == ["pharmacist", "hospital"]


def test_codes_go_in_and_come_back_once(glossary) -> None:  # noqa: ANN001
    terms = find_terms("药剂师在医院工作", "zh", glossary)
    masked = mask("药剂师在医院工作", terms)
    assert masked == "ZX0 在 ZX1 工作"
    assert unmask("ZX0 works at the zx1.", terms) == "pharmacist works at the hospital."
    assert unmask("ZX0 works at the hospital.", terms) is None  # a code lost
    assert unmask("ZX0 and ZX0 work at ZX1.", terms) is None  # a code twice
    assert mask("ZX7 药剂师", find_terms("ZX7 药剂师", "zh", glossary)) is None  # the source holds a code
    pieces = between("药剂师在医院工作", terms)
    assert pieces == ["", "在", "工作"]
    assert reassemble(["", "at", "works ."], terms) == "pharmacist at hospital works."


def test_pages_through_argos_enforce_every_glossary_term(installed: Path, tmp_path: Path,
                                                         doc_schema) -> None:  # noqa: ANN001
    from jsonschema import Draft202012Validator

    chinese = tmp_path / "chinese.md"
    chinese.write_text(CHINESE_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(chinese), str(RAW / PAGES[1]), "--out", str(out), "--workers", "1",
                 "--translator", "argos"]) == 0
    for doc_id, least in (("chinese", 12), (Path(PAGES[1]).stem, 80)):
        doc = load_doc(out, doc_id)
        Draft202012Validator(doc_schema).validate(doc)
        translated = [b for b in doc["blocks"] if any(s["lang"] in ("zh", "id") for s in b["spans"])]
        assert translated and all(b["engine"] == "argos" for b in translated)
        assert all(b["engine"] == "none" for b in doc["blocks"] if b not in translated)
        terms = [t for t in doc["terms"] if t["lang"] in ("zh", "id")]
        assert len(terms) >= least
        assert {t["status"] for t in terms} == {"enforced"}
        for term in terms:
            assert term["target"].lower() in doc["blocks"][term["block"]]["text_en"].lower()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"] == {"translator": "argos", "beam_size": 2}


def test_auto_uses_argos_where_a_package_is_installed(argos_home: Path, archives: dict[str, Path],
                                                      glossary) -> None:  # noqa: ANN001
    argos_models.install(archives["zh"])
    ctx = Context(glossary=glossary)
    doc = Doc(doc_id="mixed", source=Source(path="mixed.txt", sha256="0" * 64, bytes=0, encoding="utf-8",
                                            format="text"),
              blocks=[_block(0, "药剂师在医院工作。", "zh"),
                      _block(1, "Apoteker bekerja di rumah sakit.", "id"),
                      _block(2, "Pharmacists work in hospitals.", "en")])
    translate(doc, ctx)
    assert [b.engine for b in doc.blocks] == ["argos", "glossary", "none"]
    assert doc.blocks[0].text_en == "Pharmacist 在 hospital 工作。"


def test_glossary_ignores_installed_packages_to_the_byte(installed: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [str(RAW / page) for page in PAGES]
    assert main(["run", *pages, "--out", str(tmp_path / "glossary"), "--workers", "1",
                 "--translator", "glossary"]) == 0
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    _forget_argostranslate()
    assert main(["run", *pages, "--out", str(tmp_path / "auto"), "--workers", "1"]) == 0
    for page in PAGES:
        name = f"{Path(page).stem}.json"
        glossary_doc = (tmp_path / "glossary" / "docs" / name).read_bytes()
        assert glossary_doc == (tmp_path / "auto" / "docs" / name).read_bytes()
        assert b'"engine": "argos"' not in glossary_doc


def test_installing_a_package_redoes_the_pages_auto_translated(argos_home: Path, archives: dict[str, Path],
                                                               tmp_path: Path) -> None:
    pages, out = [str(RAW / page) for page in PAGES], tmp_path / "out"
    assert main(["run", *pages, "--out", str(out), "--workers", "1"]) == 0
    assert b'"engine": "argos"' not in (out / "docs" / f"{Path(PAGES[0]).stem}.json").read_bytes()
    argos_models.install(archives["zh"])
    _forget_argostranslate()
    argos_routing._routers.clear()  # what a new kbnorm process starts with
    assert main(["run", *pages, "--out", str(out), "--workers", "1"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["written"], manifest["unchanged"]) == (len(PAGES), 0)
    assert b'"engine": "argos"' in (out / "docs" / f"{Path(PAGES[0]).stem}.json").read_bytes()
    assert main(["run", *pages, "--out", str(out), "--workers", "1", "--translator", "glossary"]) == 0
    assert main(["run", *pages, "--out", str(out), "--workers", "1", "--translator", "glossary"]) == 0
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["unchanged"] == len(PAGES)


def test_argos_without_a_package_exits_2_before_writing(argos_home: Path, archives: dict[str, Path],
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    argos_models.install(archives["zh"])
    out = tmp_path / "out"
    assert main(["run", str(RAW / PAGES[0]), "--out", str(out), "--translator", "argos"]) == 2
    err = capsys.readouterr().err
    assert "needs an argos package for id-en" in err and "kbnorm models install" in err
    assert not out.exists()


def test_translate_command_with_argos(argos_home: Path, archives: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    argos_models.install(archives["zh"])
    assert main(["translate", "--translator", "argos", "药剂师在医院工作。"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Pharmacist 在 hospital 工作。"
    assert lines[1].split() == ["enforced", "zh", "药剂师", "->", "pharmacist", "(pharmacist)"]
    assert main(["translate", "--translator", "argos", "--from", "id", "Apoteker bekerja."]) == 2
    assert "no package for id-en" in capsys.readouterr().err


def test_one_model_per_process_and_one_batch_per_page(installed: Path, glossary,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    made: list[dict[str, object]] = []
    calls: list[tuple[list[list[str]], dict[str, object]]] = []

    class Spy:
        """ctranslate2.Translator, recording how it is made and called."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(kwargs)
            self._translator = real(*args, **kwargs)

        def translate_batch(self, source: list[list[str]], **kwargs: object) -> object:
            calls.append((source, kwargs))
            return self._translator.translate_batch(source, **kwargs)

    real = ctranslate2.Translator
    monkeypatch.setattr(ctranslate2, "Translator", Spy)
    ctx = Context(glossary=glossary, settings=Settings(translator="argos", beam_size=3))
    for page in range(2):
        doc = Doc(doc_id=f"p{page}", source=Source(path="p.txt", sha256="0" * 64, bytes=0, encoding="utf-8",
                                                   format="text"),
                  blocks=[_block(i, f"今天{i}天气很好。我们明天见！", "zh") for i in range(5)])
        translate(doc, ctx)
        assert all(b.engine == "argos" for b in doc.blocks)
    assert len(made) == 1
    assert made[0]["inter_threads"] == (os.cpu_count() or 1) and made[0]["intra_threads"] == 1
    assert len(calls) == 2  # one per page, all ten sentences of its five blocks together
    source, options = calls[0]
    assert len(source) == 10
    assert options["beam_size"] == 3 and options["batch_type"] == "tokens"
    assert options["max_input_length"] == 0
    assert options["max_decoding_length"] >= 3 * max(len(s) for s in source)


def test_translate_text_reports_enforced_terms(installed: Path, glossary) -> None:  # noqa: ANN001
    ctx = Context(glossary=glossary, settings=Settings(translator="auto"))
    english, terms = translate_text("Asisten medis bekerja di rumah sakit.", "id", ctx)
    assert english == "Medical assistant bekerja di hospital."
    assert [(t.concept, t.status) for t in terms] == [("medical_assistant", "enforced"),
                                                      ("hospital", "enforced")]


def _block(index: int, text: str, lang: str) -> Block:
    return Block(index=index, kind="paragraph", text=text, spans=[Span(0, len(text), lang)], lang=lang)
