"""Batch runs: incremental, locked, parallel, crash-safe, honest about bad input."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.engines import LocalEngine
from pipeline.glossary import load_glossary
from pipeline.lock import OutputLock
from pipeline.runner import RunOptions, run

from .conftest import RAW, ROOT

KBNORM = str(Path(sys.executable).with_name("kbnorm"))
OUTPUT_FILES = ("corpus.jsonl", "knowledge_base.json", "report.html")


def _pages(folder: Path, count: int) -> Path:
    """`count` small career pages that share no line (so no line counts as site boilerplate)."""
    folder.mkdir(parents=True, exist_ok=True)
    roles = ["Pharmacy Technician", "Medical Assistant", "Phlebotomist", "Nursing Assistant"]
    duties = ["Count and measure medications", "Take vital signs", "Draw blood from patients",
              "Schedule appointments", "Label specimens", "Update patient records", "Answer phones"]
    for i in range(count):
        role, town = roles[i % len(roles)], _town(i)
        items = "\n".join(f"- {duties[(i + k) % len(duties)]} in {town}" for k in range(3))
        (folder / f"page{i:04d}.txt").write_text(
            f"What Does a {role} in {town} Do?\n\nA {role.lower()} works in the {town} clinic.\n\n"
            f"{role} Duties in {town}\n\n{items}\n", encoding="utf-8")
    return folder


def _town(i: int) -> str:
    letters = "".join("bcdfghjklmnprstvz"[(i // 17**k) % 17] + "aeiou"[(i // 5**k) % 5] for k in range(3))
    return letters.capitalize()


def _run(*args: str) -> int:
    return main(["run", *args])


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _snapshot(out: Path) -> dict[str, bytes]:
    files = [*(out / name for name in OUTPUT_FILES), *sorted((out / "docs").glob("*.json"))]
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_a_rerun_redoes_only_what_changed_and_removes_what_disappeared(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 6), tmp_path / "out"
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    first = _snapshot(out)
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    assert (_manifest(out)["written"], _manifest(out)["unchanged"]) == (0, 6)
    assert _snapshot(out) == first
    (pages / "page0001.txt").write_text("Phlebotomist Duties\n\n- Draw blood\n", encoding="utf-8")
    (pages / "page0002.txt").unlink()
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    manifest = _manifest(out)
    assert (manifest["written"], manifest["unchanged"], manifest["removed"]) == (1, 4, ["page0002"])
    assert not (out / "docs" / "page0002.json").exists()
    assert not (out / ".kbnorm" / "pages" / "page0002.json").exists()
    assert [json.loads(line)["doc_id"] for line in (out / "corpus.jsonl").read_text().splitlines()] == [
        "page0000", "page0001", "page0003", "page0004", "page0005"]
    assert _run(str(pages), "--out", str(out), "--workers", "1", "--force") == 0
    assert _manifest(out)["written"] == 5


def test_a_changed_page_still_loses_the_site_footer_its_unchanged_neighbours_share(tmp_path: Path) -> None:
    """The state keeps digests of the pages' lines, never their text; a page redone alone is still
    cleaned of the lines the unchanged pages repeat."""
    pages, out = _pages(tmp_path / "pages", 4), tmp_path / "out"
    footer = "Lakeside Allied Health Institute is accredited by the Regional Commission"
    for page in pages.iterdir():
        page.write_text(page.read_text(encoding="utf-8") + f"\n{footer}\n", encoding="utf-8")
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    (pages / "page0001.txt").write_text(f"Phlebotomist Duties\n\n- Draw blood\n\n{footer}\n",
                                        encoding="utf-8")
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    assert (_manifest(out)["written"], _manifest(out)["unchanged"]) == (1, 3)
    redone = json.loads((out / "docs" / "page0001.json").read_text(encoding="utf-8"))
    assert [block["text"] for block in redone["blocks"]] == ["Phlebotomist Duties", "Draw blood"]
    assert "lakeside" not in (out / ".kbnorm" / "state.json").read_text(encoding="utf-8").lower()


def test_the_corpus_files_are_the_same_when_page_summaries_are_lost(tmp_path: Path) -> None:
    """Summaries only spare the end of a run work: without them the documents are read instead."""
    pages, out = _pages(tmp_path / "pages", 4), tmp_path / "out"
    assert _run(str(pages), "--out", str(out), "--workers", "2") == 0
    first = _snapshot(out)
    assert sorted(p.name for p in (out / ".kbnorm" / "pages").iterdir()) == [f"page000{i}.json"
                                                                             for i in range(4)]
    for summary in (out / ".kbnorm" / "pages").iterdir():
        summary.unlink()
    (out / "knowledge_base.json").unlink()  # makes the next run rebuild the corpus files
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    assert _manifest(out)["written"] == 0
    assert _snapshot(out) == first


class _RecordingEngine(LocalEngine):
    def __init__(self) -> None:
        self.prepared: list[int] = []

    def prepare(self, workers: int) -> None:
        self.prepared.append(workers)
        super().prepare(workers)


def test_workers_start_loading_at_the_first_page_with_new_bytes_only(tmp_path: Path) -> None:
    pages, out, engine = _pages(tmp_path / "pages", 3), tmp_path / "out", _RecordingEngine()
    options = RunOptions([str(pages)], out, load_glossary(ROOT / "glossary.csv"), workers=2, engine=engine)
    assert run(options).written == 3
    assert engine.prepared == [2]  # once, while the first pass still reads the other pages
    engine.prepared.clear()
    assert run(options).reused == 3
    assert engine.prepared == []  # nothing to process: no worker is started
    (pages / "page0001.txt").write_text("A nurse takes vital signs.\n", encoding="utf-8")
    assert run(options).written == 1
    assert engine.prepared == [2]


def test_a_changed_glossary_redoes_every_page(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 3), tmp_path / "out"
    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes((ROOT / "glossary.csv").read_bytes())
    assert _run(str(pages), "--out", str(out), "--glossary", str(glossary), "--workers", "1") == 0
    with glossary.open("a", encoding="utf-8") as handle:
        handle.write("kbnorm_test_term,term,kbnorm test term,测试术语,istilah uji,\n")
    assert _run(str(pages), "--out", str(out), "--glossary", str(glossary), "--workers", "1") == 0
    assert _manifest(out)["written"] == 3


def test_the_output_is_the_same_whatever_the_number_of_workers(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run(str(RAW), "--out", str(one), "--workers", "1") == 0
    assert _run(str(RAW), "--out", str(two), "--workers", "2") == 0
    assert _snapshot(one) == _snapshot(two)


def test_a_second_run_on_the_same_output_exits_75_naming_the_holder(tmp_path: Path, capsys) -> None:
    pages, out = _pages(tmp_path / "pages", 2), tmp_path / "out"
    with OutputLock(out):
        assert _run(str(pages), "--out", str(out)) == 75
    err = capsys.readouterr().err
    assert f"pid {os.getpid()}" in err and "another kbnorm run" in err
    assert not (out / "manifest.json").exists()


def test_wait_takes_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 2), tmp_path / "out"
    lock = OutputLock(out).__enter__()
    threading.Timer(0.5, lock.__exit__, (None, None, None)).start()
    assert _run(str(pages), "--out", str(out), "--workers", "1", "--wait", "20") == 0


def _start(pages: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([KBNORM, "run", str(pages), "--out", str(out), "--workers", "1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_docs(out: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while len(list((out / "docs").glob("*.json"))) < count:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the run wrote no documents"
        time.sleep(0.05)


def test_a_run_killed_midway_is_completed_by_the_next(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 80)
    killed, fresh = tmp_path / "killed", tmp_path / "fresh"
    process = _start(pages, killed)
    _wait_for_docs(killed, 5, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (killed / "corpus.jsonl").exists() or process.returncode == 0
    for doc in (killed / "docs").glob("*.json"):
        json.loads(doc.read_text(encoding="utf-8"))  # whatever was written is whole
    assert _run(str(pages), "--out", str(killed), "--workers", "1") == 0
    assert _run(str(pages), "--out", str(fresh), "--workers", "1") == 0
    assert _snapshot(killed) == _snapshot(fresh)
    assert list(killed.rglob("*.tmp")) == []


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_cleanly_and_record_what_was_done(tmp_path: Path, signum: int,
                                                                  code: int) -> None:
    pages, out = _pages(tmp_path / "pages", 80), tmp_path / "out"
    process = _start(pages, out)
    _wait_for_docs(out, 3, process)
    process.send_signal(signum)
    assert process.wait(timeout=60) == code
    manifest = _manifest(out)
    # the page in hand when the signal came may be on disk without being recorded: it is redone
    assert manifest["status"] == "stopped" and 2 <= manifest["written"] < 80
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    assert _manifest(out)["unchanged"] >= manifest["written"]


def test_log_json_writes_one_object_per_line(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 3), tmp_path / "out"
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(out), "--workers", "1", "--log-json"],
                            capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["event"] for e in events] == ["start", "page", "page", "page", "summary"]
    assert events[-1]["written"] == 3 and events[-1]["exit"] == 0


def test_without_a_terminal_a_run_prints_one_summary_line(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 3), tmp_path / "out"
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(out), "--workers", "1"],
                            capture_output=True, text=True, check=True)
    assert result.stderr.count("\n") == 1 and "3 written" in result.stderr and "\r" not in result.stderr


def test_bad_inputs_are_named_and_the_rest_is_written(tmp_path: Path, capsys) -> None:
    pages = _pages(tmp_path / "pages", 2)
    (pages / "huge.txt").write_bytes(b"Medical assistant duties. " * (2 * 1024 * 1024))  # 52 MB
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (pages / "broken-utf16.txt").write_bytes(b"\xff\xfe" + "Nurse duties".encode("utf-16-le") + b"\x00\xd8")
    (pages / "broken-utf8.txt").write_bytes("护士的职责：测量生命体征。".encode() * 5 + b"\xe6\x8a truncated")
    loop = pages / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    (pages / "self.txt").symlink_to(pages / "self.txt")
    out = tmp_path / "out"
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 1
    reasons = {Path(f["path"]).name: f["reason"] for f in _manifest(out)["failures"]}
    assert reasons["huge.txt"].startswith("page too large")
    assert reasons["binary.txt"].startswith("binary file")
    assert "utf-16" in reasons["broken-utf16.txt"]
    assert "utf-8" in reasons["broken-utf8.txt"]
    assert reasons["again"].startswith("symlink loop")
    assert reasons["self.txt"] == "symlink loop"
    assert sorted(p.stem for p in (out / "docs").glob("*.json")) == ["page0000", "page0001"]
    assert "huge.txt: page too large" in capsys.readouterr().err


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 2)
    secret = pages / "secret.txt"
    secret.write_text("Pharmacist duties\n", encoding="utf-8")
    secret.chmod(0)
    out = tmp_path / "out"
    # root reads any file: drop the capabilities that let it, so the permission bites
    drop = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"] if os.geteuid() == 0 else []
    result = subprocess.run([*prefix, KBNORM, "run", str(pages), "--out", str(out), "--workers", "1"],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "secret.txt: permission denied" in result.stderr
    assert sorted(p.stem for p in (out / "docs").glob("*.json")) == ["page0000", "page0001"]


def test_an_unusable_cache_folder_fails_each_page_with_its_reason_on_workers_too(tmp_path: Path) -> None:
    """The workers' forkserver loads jieba's dictionary ahead of them: where it cannot be cached,
    the pages fail and say why, as in one process, instead of the pool dying with a traceback."""
    pages = _pages(tmp_path / "pages", 2)
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("", encoding="utf-8")
    env = {**os.environ, "KBNORM_CACHE_DIR": str(not_a_folder)}
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(tmp_path / "out"), "--workers", "2"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("Not a directory") == 2, result.stderr


def test_the_steps_load_without_pytorch_which_stays_importable() -> None:
    """spaCy's thinc would import PyTorch (two seconds in every process that processes pages); kbnorm
    keeps it out, and a later `import torch` (argostranslate's own translate) still gets the package."""
    probe = ("import sys, json, pipeline.process, thinc.compat\n"
             "facts = {'loaded': 'torch' in sys.modules, 'thinc': thinc.compat.has_torch}\n"
             "import torch\n"
             "facts['later'] = torch.tensor([2]).item()\n"
             "print(json.dumps(facts))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                            check=True)
    assert json.loads(result.stdout) == {"loaded": False, "thinc": False, "later": 2}
