"""Inputs → pages: walk files and folders, decode bytes, name each page.

Decoding trusts a byte-order mark first, then a declared charset (HTML meta, HTTP header)
when the bytes agree with it, then strict UTF-8, and only then statistical detection
(charset-normalizer), so a page is never silently decoded with the wrong codec.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

PAGE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
CONTAINER_SUFFIXES = (".warc", ".warc.gz", ".jsonl")

# Detection may name a narrower codec than the page needs; widen it to the superset that
# decodes everything the narrow one does (GB2312 ⊂ GBK ⊂ GB18030; Latin-1 ⊂ cp1252 for text).
_WIDER_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "iso8859_1": "cp1252",
                "ascii": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_COMMON_CODECS = ("gb18030", "big5", "cp1252")  # the encodings these pages come in, in order of preference
# What detection may choose from: the legacy encodings pages of this domain use. Bytes none of
# them reads cleanly are reported rather than decoded by a far-fetched codec into mojibake.
DETECTED_CODECS = ("gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp1252")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a detected decoding is garbage
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class ReadError(Exception):
    """A page that cannot be read; the message is the reason shown to the user."""


@dataclass(slots=True)
class RawPage:
    """One page's bytes and where they came from, before decoding."""

    path: str  # as given on the command line (the container's path for crawl records)
    data: bytes
    format: str  # text | markdown | html
    name: str  # the stem its doc id is made from
    url: str | None = None
    record: str | None = None
    charset: str | None = None  # declared by the container (an HTTP header), if any

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def codec_name(label: str) -> str | None:
    """Python's canonical name for an encoding label, widened to its superset; None if unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = _WIDER_CODEC.get(name.replace("-", "_"), name)
    return codecs.lookup(name).name


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return (text, encoding name). Raise ReadError when they are no text."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec), codec
    if declared and (codec := codec_name(declared)):
        try:
            return _check_text(data.decode(codec)), codec
        except (UnicodeDecodeError, ReadError):
            pass  # the bytes disagree with the declaration: detect instead
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as err:
        if _mostly_utf8(data):
            raise ReadError(f"invalid utf-8 bytes at offset {err.start}") from None
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes, no UTF-16/32 byte-order mark)")
    best = charset_normalizer.from_bytes(data, cp_isolation=list(DETECTED_CODECS)).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise ReadError("undecodable bytes: no text encoding reads them cleanly")
    codec = codec_name(best.encoding) or best.encoding
    text = _strict(data, codec)
    return text, _common_equivalent(data, text, codec)


def _common_equivalent(data: bytes, text: str, codec: str) -> str:
    """Name the common codec when it reads the bytes identically (cp1250 vs cp1252 on plain Latin)."""
    for common in _COMMON_CODECS:
        if common != codec:
            try:
                if data.decode(common) == text:
                    return common
            except UnicodeDecodeError:
                continue
    return codec


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes, rather than a legacy encoding: most high bytes form UTF-8 sequences.

    Such a page is reported, not decoded by guesswork into mojibake.
    """
    high = sum(1 for byte in data if byte >= 0x80)
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return high > 0 and in_sequences >= 0.9 * high


def _strict(data: bytes, codec: str) -> str:
    try:
        return _check_text(data.decode(codec))
    except UnicodeDecodeError as err:
        raise ReadError(f"invalid {codec} bytes at offset {err.start}") from None


def _check_text(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ReadError("empty file")
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 100):
        raise ReadError("binary file (control characters)")
    return text


def page_format(path: Path) -> str | None:
    return PAGE_SUFFIXES.get(path.suffix.lower())


def is_container(path: Path) -> bool:
    return path.name.lower().endswith(CONTAINER_SUFFIXES)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_stem(name: str) -> str:
    """The contract's doc id rule for one name: unsafe characters become '_'."""
    stem = _UNSAFE.sub("_", name)[:200]
    if not stem or not stem[0].isalnum():
        stem = ("doc" + stem)[:200]  # the schema wants an id that starts with a letter or digit
    return stem


def file_stem(path: Path) -> str:
    """A page file's stem: the name less its last suffix."""
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def assign_doc_ids(names: list[str]) -> list[str]:
    """Make ids unique in the given (sorted path) order: the second 'x' is 'x-2', then 'x-3'."""
    taken: set[str] = set()
    out = []
    for name in names:
        doc_id, n = name, 1
        while doc_id in taken:
            n += 1
            doc_id = f"{name}-{n}"
        taken.add(doc_id)
        out.append(doc_id)
    return out
