"""Crawl containers → pages: WARC files (plain or gzipped per record) and JSON Lines dumps.

Records are read one at a time, so memory stays flat however large the container. Each
HTTP 200 response with an HTML or text body is a page; every other record is counted by
kind in `CrawlStats`. A truncated or corrupt record becomes a `CrawlProblem` and reading
resumes at the next record that starts cleanly: one bad record never costs the rest.
WARC framing (where a record or gzip member ends) is done here, so that a cut-off record
can be told from its neighbours; warcio parses the headers and undoes transfer and content
encodings of each record.
"""

from __future__ import annotations

import hashlib
import io
import json
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader

from .html_meta import charset_parameter

SKIP_KINDS = (
    "request",
    "warcinfo",
    "metadata",
    "revisit",
    "other",
    "non_html",
    "redirect",
    "client_error",
    "server_error",
    "problem",
)
CONTAINER_EXTENSIONS = (".warc.gz", ".warc", ".jsonl")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
MAX_RECORD_BYTES = 32 * 1024 * 1024  # a record's bytes kept in memory; pages are far smaller
READ_CHUNK = 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_START = b"WARC/1."


@dataclass(slots=True)
class CrawlPage:
    url: str | None
    record: str  # WARC record byte offset, or JSON Lines line number, as a string
    data: bytes  # the body bytes (for JSON Lines: the html/text string encoded as UTF-8)
    charset: str | None  # from the HTTP Content-Type header (WARC); "utf-8" for JSON Lines
    format: str  # "html" or "text"


@dataclass(slots=True)
class CrawlProblem:
    record: str
    reason: str


@dataclass(slots=True)
class CrawlStats:
    """Records that were not pages, counted per kind for the run's manifest."""

    counts: Counter[str] = field(default_factory=Counter)

    def skip(self, kind: str) -> None:
        self.counts[kind] += 1

    def to_json(self) -> dict[str, int]:
        return {kind: self.counts[kind] for kind in SKIP_KINDS}


@dataclass(slots=True)
class _RawRecord:
    offset: str
    data: bytes  # WARC header block and content block (a prefix of it when not `complete`)
    complete: bool = True


class _Corrupt(Exception):
    """A gzip member or record that cannot be read to its end."""


def container_stem(path: Path) -> str:
    """The container's name less its extensions: "crawl" for crawl.warc.gz and crawl.jsonl."""
    name = path.name
    for extension in CONTAINER_EXTENSIONS:
        if name.lower().endswith(extension):
            return name[: -len(extension)]
    return path.stem


def container_doc_id(stem: str, url: str | None, record: str) -> str:
    """stem.<12 hex of sha256(url)>: the same URL keeps its id from one crawl to the next."""
    key = url if url else record
    return f"{stem}.{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


def iter_jsonl(path: Path, stats: CrawlStats) -> Iterator[CrawlPage | CrawlProblem]:
    """One page a line, `{"url": ..., "html": ...}` or `"text"`; a bad line is named by its number."""
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = _jsonl_page(line, str(number))
            if isinstance(item, CrawlProblem):
                stats.skip("problem")
            yield item


def _jsonl_page(line: bytes, record: str) -> CrawlPage | CrawlProblem:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        return CrawlProblem(record, "line is not UTF-8")
    except json.JSONDecodeError as err:
        return CrawlProblem(record, f"line is not JSON: {err.msg} at column {err.colno}")
    if not isinstance(obj, dict):
        return CrawlProblem(record, "line is not a JSON object")
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        return CrawlProblem(record, "url is not a string")
    for key, fmt in (("html", "html"), ("text", "text")):
        body = obj.get(key)
        if isinstance(body, str):
            return CrawlPage(
                url=url or None, record=record, data=body.encode("utf-8"), charset="utf-8", format=fmt
            )
    return CrawlProblem(record, "no html or text string")


def iter_warc(path: Path, stats: CrawlStats) -> Iterator[CrawlPage | CrawlProblem]:
    """Every HTTP 200 HTML or text response of a .warc or .warc.gz file, in file order."""
    with path.open("rb") as fh:
        gzipped = fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        fh.seek(0)
        for raw in _gzip_records(fh) if gzipped else _plain_records(fh, base=""):
            item = raw if isinstance(raw, CrawlProblem) else _page_of(raw, stats)
            if isinstance(item, CrawlProblem):
                stats.skip("problem")
            if item is not None:
                yield item


def _page_of(raw: _RawRecord, stats: CrawlStats) -> CrawlPage | CrawlProblem | None:
    """The page a record holds; None (counted) when it is some other kind of record."""
    try:
        # the loader, not ArchiveIterator: its generator holds a reference cycle that keeps each
        # record's bytes alive until the garbage collector happens to run
        record = ArcWarcRecordLoader().parse_record_stream(BufferedReader(io.BytesIO(raw.data)))
        kind, fmt = _record_kind(record)
        if fmt is None:
            stats.skip(kind)
            return None
        if not raw.complete:
            return CrawlProblem(raw.offset, f"page larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB")
        if record.rec_headers.get_header("WARC-Truncated"):
            reason = record.rec_headers.get_header("WARC-Truncated")
            return CrawlProblem(raw.offset, f"page truncated by the crawler ({reason})")
        body = record.content_stream().read()
    except (ArchiveLoadFailed, StopIteration, ValueError, OSError, zlib.error, EOFError) as err:
        return CrawlProblem(raw.offset, f"unreadable WARC record: {str(err).strip() or type(err).__name__}")
    content_type = record.http_headers.get_header("Content-Type") or ""
    return CrawlPage(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        record=raw.offset,
        data=body,
        charset=charset_parameter(content_type),
        format=fmt,
    )


def _record_kind(record) -> tuple[str, str | None]:
    """(skip kind, None) for a record that is no page; ("page", format) for one that is."""
    if record.rec_type in ("request", "warcinfo", "metadata", "revisit"):
        return record.rec_type, None
    if record.rec_type != "response":
        return "other", None
    http = record.http_headers
    if http is None or not http.get_statuscode().isdigit():
        return "non_html", None  # a dns: or other non-HTTP response
    status = int(http.get_statuscode())
    if status != 200:
        return {3: "redirect", 4: "client_error", 5: "server_error"}.get(status // 100, "other"), None
    mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if mime in HTML_TYPES:
        return "page", "html"
    if mime in TEXT_TYPES:
        return "page", "text"
    return "non_html", None


def _plain_records(fh: BinaryIO, base: str) -> Iterator[_RawRecord | CrawlProblem]:
    """Records of uncompressed WARC bytes; `base` prefixes offsets inside a gzip member."""
    pos: int | None = _skip_blank_lines(fh, 0)
    while pos is not None:
        try:
            raw, pos = _plain_record(fh, pos, base)
            yield raw
        except _Corrupt as err:
            yield CrawlProblem(f"{base}{pos}", str(err))
            pos = _next_warc_header(fh, pos + 1)
            continue
        pos = _skip_blank_lines(fh, pos)


def _plain_record(fh: BinaryIO, pos: int, base: str) -> tuple[_RawRecord, int]:
    """The record starting at `pos` and where the next one may start; raises _Corrupt."""
    fh.seek(pos)
    head = _read_header_block(fh)
    length = _content_length(head)
    kept = min(length, MAX_RECORD_BYTES)
    block = fh.read(kept)
    if len(block) < kept:
        raise _Corrupt(f"truncated record: {len(block)} of {length} content bytes")
    end = pos + len(head) + length
    fh.seek(end)
    trailer = fh.read(4)
    if trailer.strip(b"\r\n") and not trailer.startswith(b"\r\n"):
        raise _Corrupt("record does not end where its Content-Length says (corrupt or cut short)")
    return _RawRecord(f"{base}{pos}", head + block, complete=kept == length), end


def _read_header_block(fh: BinaryIO) -> bytes:
    lines = []
    size = 0
    while True:
        line = fh.readline(MAX_HEADER_BYTES)
        size += len(line)
        if not line or size > MAX_HEADER_BYTES:
            raise _Corrupt("truncated or oversized WARC header")
        lines.append(line)
        if not line.strip():
            break
    if not lines[0].startswith(WARC_START):
        raise _Corrupt("not a WARC record header")
    return b"".join(lines)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return int(value.strip())
            except ValueError:
                break
    raise _Corrupt("WARC header without a valid Content-Length")


def _skip_blank_lines(fh: BinaryIO, pos: int) -> int | None:
    fh.seek(pos)
    while True:
        line = fh.readline(MAX_HEADER_BYTES)
        if not line:
            return None
        if line.strip():
            return pos
        pos += len(line)


def _gzip_records(fh: BinaryIO) -> Iterator[_RawRecord | CrawlProblem]:
    """Records of a gzipped WARC: one gzip member per record, as the format asks for."""
    pos: int | None = 0
    while pos is not None:
        try:
            data, consumed, complete = _inflate_member(fh, pos)
        except _Corrupt as err:
            yield CrawlProblem(str(pos), str(err))
            pos = _next_member(fh, pos + 1)
            continue
        if not complete:
            yield _RawRecord(str(pos), data, complete=False)
        else:
            yield from _member_records(data, pos)
        pos += consumed
        fh.seek(pos)
        if not fh.read(1):
            return


def _member_records(data: bytes, pos: int) -> Iterator[_RawRecord | CrawlProblem]:
    """Usually one record; a whole-file gzip holds them all, named offset+inner offset."""
    for raw in _plain_records(io.BytesIO(data), base=f"{pos}+"):
        if isinstance(raw, _RawRecord) and raw.offset == f"{pos}+0":
            raw.offset = str(pos)
        yield raw


def _inflate_member(fh: BinaryIO, pos: int) -> tuple[bytes, int, bool]:
    """(decompressed bytes, compressed size, whole?) of the gzip member at `pos`."""
    fh.seek(pos)
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    read = 0
    try:
        while not inflater.eof:
            chunk = fh.read(READ_CHUNK)
            if not chunk:
                raise _Corrupt("truncated gzip member")
            read += len(chunk)
            while chunk and not inflater.eof:
                piece = inflater.decompress(chunk, READ_CHUNK)
                chunk = inflater.unconsumed_tail
                out += piece[: max(MAX_RECORD_BYTES - len(out), 0)]
    except zlib.error as err:
        raise _Corrupt(f"truncated or corrupt gzip member ({err})") from None
    whole = len(out) < MAX_RECORD_BYTES
    return bytes(out), read - len(inflater.unused_data), whole


def _next_member(fh: BinaryIO, start: int) -> int | None:
    """The next offset at or after `start` where a gzip member holding a WARC record begins."""
    pos = _find(fh, GZIP_MAGIC, start)
    while pos is not None:
        fh.seek(pos)
        probe = zlib.decompressobj(wbits=31)
        try:
            if probe.decompress(fh.read(4096), 16).startswith(b"WARC/"):
                return pos
        except zlib.error:
            pass
        pos = _find(fh, GZIP_MAGIC, pos + 1)
    return None


def _find(fh: BinaryIO, needle: bytes, start: int) -> int | None:
    """Offset of the next `needle` at or after `start`, read in chunks (never the whole file)."""
    offset, carry = start, b""
    while True:
        fh.seek(offset)
        chunk = fh.read(READ_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        hit = window.find(needle)
        if hit != -1:
            return offset - len(carry) + hit
        carry = window[-(len(needle) - 1) :]
        offset += len(chunk)


def _next_warc_header(fh: BinaryIO, start: int) -> int | None:
    """The next offset at or after `start` where a WARC header begins ("WARC/1.x" then a field line)."""
    pos = _find(fh, WARC_START, start)
    while pos is not None:
        fh.seek(pos)
        version, field_line = fh.readline(32), fh.readline(256)
        if version.rstrip(b"\r\n") in (b"WARC/1.0", b"WARC/1.1") and b":" in field_line:
            return pos
        pos = _find(fh, WARC_START, pos + 1)
    return None
