"""Crawl containers: WARC files and JSON Lines dumps built here with warcio and json."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.crawl import (
    CrawlPage,
    CrawlProblem,
    CrawlStats,
    container_doc_id,
    container_stem,
    iter_jsonl,
    iter_warc,
)
from pipeline.html import declared_charset, extract_html
from pipeline.read import decode

PAGES = Path(__file__).parent / "data" / "html"
ENGLISH = (PAGES / "bootstrap_pharmacist.html").read_bytes()
CHINESE = (PAGES / "dedecms_zh_pharmacist.html").read_bytes()  # GB18030 bytes
PLAIN = b"Pharmacy technicians count, measure and label medications.\n"


def record_bytes(
    gz: bool,
    url: str,
    rec_type: str = "response",
    status: str = "200 OK",
    content_type: str | None = "text/html; charset=utf-8",
    body: bytes = b"",
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """One WARC record exactly as warcio writes it (one gzip member when `gz`)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    if rec_type in ("warcinfo",):
        record = writer.create_warcinfo_record("crawl.warc", {"software": "kbnorm-tests"})
    elif rec_type == "metadata":
        record = writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(b"outlinks: 3"), warc_content_type="application/warc-fields"
        )
    else:
        headers = [("Content-Type", content_type)] if content_type else []
        headers += list(extra_headers)
        protocol = "GET / HTTP/1.1" if rec_type == "request" else "HTTP/1.1"
        http = StatusAndHeaders(
            status if rec_type == "response" else protocol,
            headers,
            protocol="" if rec_type == "request" else "HTTP/1.1",
            is_http_request=rec_type == "request",
        )
        record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    return out.getvalue()


def crawl_parts(gz: bool) -> list[tuple[str, bytes]]:
    """(what, bytes) of each record of a small crawl, one of them cut off in the middle."""
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, mode="wb", mtime=0) as zipped:
        zipped.write(ENGLISH)
    broken = record_bytes(gz, "https://lakeshorehealth.edu/lost.html", body=ENGLISH)
    return [
        ("warcinfo", record_bytes(gz, "", "warcinfo")),
        (
            "request",
            record_bytes(
                gz, "https://lakeshorehealth.edu/careers/pharmacist.html", "request", content_type=None
            ),
        ),
        ("page", record_bytes(gz, "https://lakeshorehealth.edu/careers/pharmacist.html", body=ENGLISH)),
        (
            "image",
            record_bytes(
                gz,
                "https://lakeshorehealth.edu/logo.png",
                content_type="image/png",
                body=b"\x89PNG\r\n\x1a\n" + bytes(64),
            ),
        ),
        ("truncated", broken[: len(broken) // 2]),
        (
            "page",
            record_bytes(
                gz,
                "http://www.huakangwx.cn/zyzx/1287.html",
                content_type="text/html; charset=gb2312",
                body=CHINESE,
            ),
        ),
        (
            "not found",
            record_bytes(
                gz, "https://lakeshorehealth.edu/old.html", status="404 Not Found", body=b"<h1>Not found</h1>"
            ),
        ),
        (
            "redirect",
            record_bytes(
                gz,
                "https://lakeshorehealth.edu/pharmd",
                status="301 Moved Permanently",
                body=b"",
                extra_headers=(("Location", "/programs/pharmd/"),),
            ),
        ),
        ("metadata", record_bytes(gz, "https://lakeshorehealth.edu/careers/pharmacist.html", "metadata")),
        (
            "page",
            record_bytes(
                gz, "https://lakeshorehealth.edu/robots-notes.txt", content_type="text/plain", body=PLAIN
            ),
        ),
        (
            "server error",
            record_bytes(
                gz, "https://lakeshorehealth.edu/search", status="503 Service Unavailable", body=b"busy"
            ),
        ),
        (
            "page",
            record_bytes(
                gz,
                "https://lakeshorehealth.edu/gzipped.html",
                body=compressed.getvalue(),
                extra_headers=(("Content-Encoding", "gzip"),),
            ),
        ),
    ]


def write_crawl(tmp_path: Path, gz: bool) -> tuple[Path, list[tuple[str, bytes]]]:
    parts = crawl_parts(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(b"".join(data for _, data in parts))
    return path, parts


def offset_of(parts: list[tuple[str, bytes]], index: int) -> str:
    return str(sum(len(data) for _, data in parts[:index]))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_gives_exactly_its_html_and_text_pages_with_their_urls(tmp_path, gz):
    path, parts = write_crawl(tmp_path, gz)
    stats = CrawlStats()
    items = list(iter_warc(path, stats))
    pages = [i for i in items if isinstance(i, CrawlPage)]
    assert [(p.url, p.format, p.charset) for p in pages] == [
        ("https://lakeshorehealth.edu/careers/pharmacist.html", "html", "utf-8"),
        ("http://www.huakangwx.cn/zyzx/1287.html", "html", "gb2312"),
        ("https://lakeshorehealth.edu/robots-notes.txt", "text", None),
        ("https://lakeshorehealth.edu/gzipped.html", "html", "utf-8"),
    ]
    assert [p.data for p in pages] == [ENGLISH, CHINESE, PLAIN, ENGLISH]  # content encoding undone
    page_indexes = [i for i, (what, _) in enumerate(parts) if what == "page"]
    assert [p.record for p in pages] == [offset_of(parts, i) for i in page_indexes]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_record_is_one_problem_and_the_rest_is_read(tmp_path, gz):
    path, parts = write_crawl(tmp_path, gz)
    stats = CrawlStats()
    problems = [i for i in iter_warc(path, stats) if isinstance(i, CrawlProblem)]
    truncated = next(i for i, (what, _) in enumerate(parts) if what == "truncated")
    assert [p.record for p in problems] == [offset_of(parts, truncated)]
    assert stats.to_json() == {
        "request": 1,
        "warcinfo": 1,
        "metadata": 1,
        "revisit": 0,
        "other": 0,
        "non_html": 1,
        "redirect": 1,
        "client_error": 1,
        "server_error": 1,
        "problem": 1,
    }


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_record_cut_off_at_the_end_of_the_file_is_a_problem(tmp_path, gz):
    first = record_bytes(gz, "https://a.example/1.html", body=b"<p>one</p>")
    last = record_bytes(gz, "https://a.example/2.html", body=b"<p>two</p>" * 50)
    path = tmp_path / "cut.warc"
    path.write_bytes(first + last[:-40])
    stats = CrawlStats()
    items = list(iter_warc(path, stats))
    assert [type(i) for i in items] == [CrawlPage, CrawlProblem]
    assert items[1].record == str(len(first))


def test_the_same_bytes_give_the_same_blocks_from_a_file_a_warc_and_a_json_line(tmp_path):
    path, _ = write_crawl(tmp_path, gz=True)
    from_warc = [p for p in iter_warc(path, CrawlStats()) if isinstance(p, CrawlPage)][1]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"url": "u", "html": CHINESE.decode("gb18030")}) + "\n", encoding="utf-8")
    from_jsonl = next(iter_jsonl(dump, CrawlStats()))

    def blocks(data: bytes, charset: str | None) -> list[tuple[str, str]]:
        text, _ = decode(data, charset or declared_charset(data))
        return [(b.kind, b.text) for b in extract_html(text).blocks]

    from_file = blocks(CHINESE, None)
    assert from_file and blocks(from_warc.data, from_warc.charset) == from_file
    assert blocks(from_jsonl.data, from_jsonl.charset) == from_file


def test_reading_a_large_warc_keeps_memory_flat(tmp_path):
    body = b"<p>" + b"medication reconciliation " * 12000 + b"</p>"  # ~300 KB a page
    path = tmp_path / "big.warc"
    with path.open("wb") as out:
        for n in range(60):
            out.write(record_bytes(False, f"https://a.example/{n}.html", body=body))
    tracemalloc.start()
    count = sum(1 for item in iter_warc(path, CrawlStats()) if isinstance(item, CrawlPage))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 60
    assert peak < 4 * len(body) + 3 * 1024 * 1024  # a few records' worth, not the 18 MB file


def test_json_lines_yield_pages_and_name_each_bad_line(tmp_path):
    lines = [
        json.dumps({"url": "https://a.example/ma", "html": "<h1>Medical assistant</h1>"}),
        "",
        '{"url": "https://a.example/broken", "html": "<p>unterminated',
        json.dumps({"url": "https://a.example/pt", "text": "Pharmacy technicians label vials."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": "https://a.example/empty"}),
        json.dumps({"html": "<p>没有网址的页面</p>"}, ensure_ascii=False),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n\xff\xfe\n")
    stats = CrawlStats()
    items = list(iter_jsonl(path, stats))
    assert [(type(i).__name__, i.record) for i in items] == [
        ("CrawlPage", "1"),
        ("CrawlProblem", "3"),
        ("CrawlPage", "4"),
        ("CrawlProblem", "5"),
        ("CrawlProblem", "6"),
        ("CrawlPage", "7"),
        ("CrawlProblem", "8"),
    ]
    pages = [i for i in items if isinstance(i, CrawlPage)]
    assert [(p.url, p.format, p.charset) for p in pages] == [
        ("https://a.example/ma", "html", "utf-8"),
        ("https://a.example/pt", "text", "utf-8"),
        (None, "html", "utf-8"),
    ]
    assert pages[2].data == "<p>没有网址的页面</p>".encode()
    assert "not JSON" in items[1].reason
    assert stats.to_json()["problem"] == 4


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("crawl.warc.gz", "crawl"),
        ("crawl.WARC.GZ", "crawl"),
        ("crawl.warc", "crawl"),
        ("site-2024.06.jsonl", "site-2024.06"),
    ],
)
def test_container_stem_drops_the_container_extensions(name, stem):
    assert container_stem(Path("/data") / name) == stem


def test_container_doc_id_hashes_the_url_or_else_the_record_position():
    url = "https://lakeshorehealth.edu/careers/pharmacist.html"
    assert container_doc_id("crawl", url, "1234") == "crawl." + hashlib.sha256(url.encode()).hexdigest()[:12]
    assert container_doc_id("crawl", url, "99") == container_doc_id(
        "crawl", url, "1234"
    )  # stable across crawls
    assert container_doc_id("dump", None, "7") == "dump." + hashlib.sha256(b"7").hexdigest()[:12]
