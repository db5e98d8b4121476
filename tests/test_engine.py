"""The dask engine: the same run on a cluster, byte for byte, surviving workers that die.

The cluster is a LocalCluster of two single-threaded worker processes started by the tests
themselves (no outside service). Workers are killed for real (SIGKILL from inside the worker
process) by a test WorkerPlugin, which the scheduler also installs on the workers that
replace them.
"""
from __future__ import annotations

import html
import json
import os
import random
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from distributed import Client, WorkerPlugin

from pipeline import __version__
from pipeline.engine_dask import KEPT_DYING, local_cluster

from .conftest import RAW
from .test_batch import KBNORM, OUTPUT_FILES, _manifest, _pages, _run, _snapshot, _wait_for_docs

GENERATED_PAGES = 240
WORKERS = 2
RESTART_WAIT = 300  # seconds for the cluster to be whole again after a test killed workers
POISON = "poison"  # the doc id of a page that kills every worker that starts it


def varied_pages(folder: Path, count: int, seed: int = 10) -> Path:
    """`count` short pages in text, Markdown and HTML, spliced from raw/ lines with a seeded RNG.

    Each line joins the head of one raw/ line to the tail of another, at random word
    boundaries, so the pages mix English, Chinese and Indonesian, differ from each other and
    from the seeds, and rarely share a line.
    """
    rng = random.Random(seed)
    lines = [line.strip() for path in sorted(RAW.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        picked = [_splice(rng.choice(lines), rng.choice(lines), rng) for _ in range(rng.randint(3, 7))]
        suffix = rng.choice(["txt", "md", "html"])
        (folder / f"gen{i:04d}.{suffix}").write_text(_render_page(picked, suffix, rng), encoding="utf-8")
    return folder


def _splice(head: str, tail: str, rng: random.Random) -> str:
    head_words, tail_words = head.split(" "), tail.split(" ")
    words = head_words[:rng.randint(1, len(head_words))] + tail_words[rng.randrange(len(tail_words)):]
    return " ".join(words[:24])


def _render_page(lines: list[str], suffix: str, rng: random.Random) -> str:
    if suffix == "txt":
        return "\n\n".join(lines) + "\n"
    if suffix == "md":
        body = "\n".join(f"- {line}" if rng.random() < 0.5 else f"\n{line}\n" for line in lines[1:])
        return f"# {lines[0]}\n\n{body}\n"
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
    return f"<html><body><h1>{html.escape(lines[0])}</h1><ul>{items}</ul></body></html>\n"


class KillWorker(WorkerPlugin):
    """Test hook: SIGKILL the worker that starts its `after`-th task whose key holds `match`.

    At most `times` kills in all, counted by files created exclusively in `folder`, so that
    the workers the nanny restarts (which get the plugin too) know how many already died.
    """

    def __init__(self, folder: Path, match: str, after: int, times: int) -> None:
        self.folder, self.match, self.after, self.times = folder, match, after, times
        self.started = 0

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
        if finish != "executing" or self.match not in str(key):
            return
        self.started += 1
        if self.started >= self.after and self._claim_a_kill():
            os.kill(os.getpid(), signal.SIGKILL)

    def _claim_a_kill(self) -> bool:
        for n in range(self.times):
            try:
                (self.folder / f"kill-{n}").touch(exist_ok=False)
            except FileExistsError:
                continue
            return True
        return False


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    """Two single-threaded worker processes; a task survives one worker dying under it, not two."""
    with local_cluster(WORKERS, scheduler_kwargs={"allowed_failures": 1}) as local, \
            Client(local, set_as_default=False) as client:
        yield client


class Killer:
    """Installs a KillWorker on the test cluster, and removes it."""

    NAME = "kill-worker"

    def __init__(self, client: Client, folder: Path) -> None:
        self.client, self.folder, self.installed = client, folder, False

    def install(self, match: str, after: int, times: int) -> Path:
        """Kill workers from now on; returns the folder holding one file per kill."""
        self.client.register_plugin(KillWorker(self.folder, match, after, times), name=self.NAME)
        self.installed = True
        return self.folder

    def remove(self) -> None:
        if self.installed:
            self.client.unregister_worker_plugin(self.NAME)
            self.installed = False
        # a killed worker's nanny starts a new one, which imports the steps again: on a loaded
        # machine that once took more than two minutes
        self.client.wait_for_workers(WORKERS, timeout=RESTART_WAIT)


@pytest.fixture
def killer(cluster: Client, tmp_path: Path) -> Iterator[Killer]:
    """Kill workers during one test; afterwards the cluster is whole again."""
    folder = tmp_path / "kills"
    folder.mkdir()
    killer = Killer(cluster, folder)
    yield killer
    killer.remove()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return varied_pages(tmp_path_factory.mktemp("generated"), GENERATED_PAGES)


@pytest.fixture(scope="module")
def local_output(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated pages through the local engine: what every dask run must reproduce."""
    out = tmp_path_factory.mktemp("local")
    assert _run(str(generated), "--out", str(out), "--workers", str(WORKERS)) == 0
    return out


def _dask(pages: Path, out: Path, cluster: Client, *extra: str) -> int:
    address = cluster.scheduler.address
    return _run(str(pages), "--out", str(out), "--engine", "dask", "--address", address, *extra)


def test_without_an_address_a_local_cluster_gives_the_local_engines_bytes(tmp_path: Path) -> None:
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert _run(str(RAW), "--out", str(local), "--workers", str(WORKERS)) == 0
    assert _run(str(RAW), "--out", str(dask), "--engine", "dask", "--workers", str(WORKERS)) == 0
    assert _snapshot(dask) == _snapshot(local)
    assert _manifest(dask)["inputs"] == _manifest(local)["inputs"]
    assert _run(str(RAW), "--out", str(dask), "--engine", "dask", "--workers", str(WORKERS)) == 0
    assert (_manifest(dask)["written"], _manifest(dask)["unchanged"]) == (0, len(list(RAW.glob("*.txt"))))


def test_generated_pages_on_a_cluster_match_the_local_engine(cluster: Client, generated: Path,
                                                             local_output: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _dask(generated, out, cluster) == 0
    assert _snapshot(out) == _snapshot(local_output)
    assert len(_snapshot(out)) == GENERATED_PAGES + len(OUTPUT_FILES)
    assert _manifest(out)["inputs"] == _manifest(local_output)["inputs"]


def test_an_incremental_cluster_run_redoes_only_what_changed(cluster: Client, tmp_path: Path) -> None:
    pages, out, fresh = _pages(tmp_path / "pages", 6), tmp_path / "out", tmp_path / "fresh"
    assert _dask(pages, out, cluster) == 0
    (pages / "page0001.txt").write_text("Phlebotomist Duties\n\n- Draw blood\n", encoding="utf-8")
    (pages / "page0002.txt").unlink()
    assert _dask(pages, out, cluster) == 0
    manifest = _manifest(out)
    assert (manifest["written"], manifest["unchanged"], manifest["removed"]) == (1, 4, ["page0002"])
    assert _run(str(pages), "--out", str(fresh), "--workers", "1") == 0
    assert _snapshot(out) == _snapshot(fresh)


def test_progress_hears_of_every_page_as_with_the_local_engine(cluster: Client, tmp_path: Path,
                                                               capsys) -> None:
    pages, out = _pages(tmp_path / "pages", 3), tmp_path / "out"
    assert _dask(pages, out, cluster, "--log-json") == 0
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [e["event"] for e in events] == ["start", "page", "page", "page", "summary"]
    assert {e["doc_id"] for e in events if e["event"] == "page"} == {"page0000", "page0001", "page0002"}
    assert (events[-1]["written"], events[-1]["exit"]) == (3, 0)


def test_a_worker_killed_midway_has_its_pages_redone_elsewhere(
        cluster: Client, killer: Killer, generated: Path, local_output: Path, tmp_path: Path) -> None:
    before = set(cluster.scheduler_info()["workers"])
    kills = killer.install("kbnorm-", after=20, times=1)
    out = tmp_path / "out"
    assert _dask(generated, out, cluster) == 0
    assert [p.name for p in kills.iterdir()] == ["kill-0"]
    assert before - set(cluster.scheduler_info()["workers"]), "the killed worker is gone"
    assert _snapshot(out) == _snapshot(local_output)
    assert list(out.rglob("*.tmp")) == []


def test_a_page_that_kills_every_worker_is_reported_failed_then_redone(
        cluster: Client, killer: Killer, generated: Path, tmp_path: Path, capsys) -> None:
    pages, out, fresh = tmp_path / "pages", tmp_path / "out", tmp_path / "fresh"
    pages.mkdir()
    for path in sorted(generated.iterdir())[:30]:
        (pages / path.name).write_bytes(path.read_bytes())
    (pages / f"{POISON}.txt").write_text("Pharmacy Technician Duties\n\n- Count pills\n", encoding="utf-8")
    kills = killer.install(f"-{POISON}", after=1, times=2)
    assert _dask(pages, out, cluster) == 1
    assert len(list(kills.iterdir())) == 2
    # a page that was queued on both dying workers fails with it: never half-written, redone next run
    failures = {Path(f["path"]).stem: f["reason"] for f in _manifest(out)["failures"]}
    assert POISON in failures and set(failures.values()) == {KEPT_DYING}
    assert f"{POISON}.txt: {KEPT_DYING}" in capsys.readouterr().err
    first = _docs(out)
    assert set(first) == {f"docs/{p.stem}.json" for p in pages.iterdir() if p.stem not in failures}

    killer.remove()
    assert _dask(pages, out, cluster) == 0
    assert (_manifest(out)["written"], _manifest(out)["failures"]) == (len(failures), [])
    assert _run(str(pages), "--out", str(fresh), "--workers", str(WORKERS)) == 0
    assert _snapshot(out) == _snapshot(fresh)
    assert {name: data for name, data in _docs(fresh).items() if name in first} == first
    assert list(out.rglob("*.tmp")) == []


def _docs(out: Path) -> dict[str, bytes]:
    return {name: data for name, data in _snapshot(out).items() if name.startswith("docs/")}


def test_sigterm_stops_a_dask_run_and_its_local_cluster(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "pages", 80), tmp_path / "out"
    process = subprocess.Popen([KBNORM, "run", str(pages), "--out", str(out), "--engine", "dask",
                                "--workers", str(WORKERS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    _wait_for_docs(out, 3, process)
    children = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=120) == 143
    _, alive = psutil.wait_procs(children, timeout=60)
    assert alive == [], "the local cluster's worker processes outlived the run"
    manifest = _manifest(out)
    assert manifest["status"] == "stopped" and 2 <= manifest["written"] < 80
    assert _run(str(pages), "--out", str(out), "--workers", "1") == 0
    assert _manifest(out)["unchanged"] >= manifest["written"]


def test_without_dask_installed_engine_dask_exits_2(tmp_path: Path) -> None:
    without_dask = ("import sys; sys.modules['dask'] = sys.modules['distributed'] = None; "
                    "from pipeline.cli import main; sys.exit(main(sys.argv[1:]))")
    pages, out = _pages(tmp_path / "pages", 2), tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", without_dask, "run", str(pages), "--out", str(out),
                             "--engine", "dask"], capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert "--engine dask needs Dask distributed" in result.stderr
    assert "pip install 'kbnorm[cluster]'" in result.stderr
    assert not out.exists()


def test_the_local_engine_does_not_import_dask(tmp_path: Path) -> None:
    """So kbnorm installed without the cluster extra runs as before."""
    pages = _pages(tmp_path / "pages", 1)
    code = ("import sys; from pipeline.cli import main; code = main(sys.argv[1:]); "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules)); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, "run", str(pages), "--out", str(tmp_path / "out"),
                             "--workers", "1"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_an_unreachable_scheduler_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pages, out = _pages(tmp_path / "pages", 2), tmp_path / "out"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(out), "--engine", "dask",
                             "--address", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True,
                            env=env, check=False)
    assert result.returncode == 2
    assert f"kbnorm: cannot reach the dask scheduler at tcp://127.0.0.1:{port}" in result.stderr
    assert not (out / "docs").exists() and not (out / "manifest.json").exists()


def test_workers_that_run_another_kbnorm_are_refused(cluster: Client, tmp_path: Path, capsys,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.engine_dask.__version__", "0.0.0")  # this driver, not the workers
    pages, out = _pages(tmp_path / "pages", 2), tmp_path / "out"
    assert _dask(pages, out, cluster) == 2
    assert f"runs kbnorm {__version__}, this run kbnorm 0.0.0" in capsys.readouterr().err
    assert not (out / "docs").exists() and not (out / "manifest.json").exists()
    monkeypatch.undo()
    assert _dask(pages, out, cluster) == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--engine", "dask", "--address", "scheduler-without-port"], "missing port number"),
    (["--address", "tcp://127.0.0.1:8786"], "--address needs --engine dask"),
])
def test_a_bad_address_is_bad_usage(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    assert _run(str(_pages(tmp_path / "pages", 1)), "--out", str(out), *args) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_documents_are_written_by_the_driver_not_the_workers(cluster: Client, tmp_path: Path) -> None:
    """On a real cluster the workers need not see the output folder: here they may not write in it."""
    pages, out, fresh = _pages(tmp_path / "pages", 3), tmp_path / "out", tmp_path / "fresh"
    cluster.run(_forbid_renames_into, str(out))
    try:
        assert _dask(pages, out, cluster) == 0
    finally:
        cluster.run(_allow_renames)
    assert _run(str(pages), "--out", str(fresh), "--workers", "1") == 0
    assert _snapshot(out) == _snapshot(fresh)


_os_replace = os.replace


def _forbid_renames_into(folder: str) -> None:
    """Run on each worker: any atomic write (a rename) into `folder` fails."""
    def replace(src: str, dst: str, *args: object, **kwargs: object) -> None:
        if str(dst).startswith(folder):
            raise PermissionError(f"a worker wrote {dst}")
        _os_replace(src, dst, *args, **kwargs)

    os.replace = replace


def _allow_renames() -> None:
    os.replace = _os_replace
