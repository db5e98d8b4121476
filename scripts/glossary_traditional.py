"""Add missing Traditional Chinese variants to the zh cells of a glossary, in place.

    python scripts/glossary_traditional.py [glossary.csv]

Every zh form is converted with OpenCC (s2t); a Traditional rendering the cell does not list yet
is appended to the cell, so the Simplified forms stay first and the preferred form is unchanged.
Only zh cells change: every other byte of the file (quoting, line endings, notes) is kept. A
variant that another concept of the same type already lists is skipped, so the glossary stays
valid. Prints how many cells changed and exits 0; running it twice changes nothing the second time.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import opencc

SEPARATOR = "|"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "glossary.csv"

# One field of the file: where its raw text starts and ends, whether it is quoted, its value.
Field = tuple[int, int, bool, str]


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified -> Traditional Chinese (OpenCC s2t)."""
    return _converter().convert(text)


def _records(text: str) -> Iterator[list[Field]]:
    """The records of CSV `text` (csv module's default dialect) with the span of each field."""
    pos, end = 0, len(text)
    while pos < end:
        fields: list[Field] = []
        while True:
            start = pos
            if pos < end and text[pos] == '"':
                pos += 1
                chunks: list[str] = []
                while pos < end:
                    quote = text.find('"', pos)
                    if quote < 0:
                        chunks.append(text[pos:])
                        pos = end
                        break
                    chunks.append(text[pos:quote])
                    if text.startswith('""', quote):
                        chunks.append('"')
                        pos = quote + 2
                    else:
                        pos = quote + 1
                        break
                # csv keeps text between a closing quote and the next delimiter as part of the value
                while pos < end and text[pos] not in ",\r\n":
                    chunks.append(text[pos])
                    pos += 1
                fields.append((start, pos, True, "".join(chunks)))
            else:
                while pos < end and text[pos] not in ",\r\n":
                    pos += 1
                fields.append((start, pos, False, text[start:pos]))
            if pos < end and text[pos] == ",":
                pos += 1
                continue
            break
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < end:
            pos += 1
        yield fields


def _forms(cell: str) -> list[str]:
    return [" ".join(form.split()) for form in cell.split(SEPARATOR)]


def add_traditional(text: str, convert: Callable[[str], str] = to_traditional) -> tuple[str, int]:
    """`text` with Traditional variants appended to each zh cell, and how many cells changed.

    `text` is a whole glossary file (header concept,type,en,zh,id,note); rows without the header's
    column count and cells that are empty are left alone for the validator to report.
    """
    records = list(_records(text))
    if not records:
        return text, 0
    header = [value.strip() for *_, value in records[0]]
    if "zh" not in header:
        return text, 0
    zh_col, type_col = header.index("zh"), header.index("type") if "type" in header else None
    rows = [r for r in records[1:] if len(r) == len(header)]

    def type_of(row: list[Field]) -> str:
        return row[type_col][3].strip() if type_col is not None else ""

    claimed: dict[tuple[str, str], int] = {}  # (type, form) -> index of the row listing it
    for index, row in enumerate(rows):
        for form in filter(None, _forms(row[zh_col][3])):
            claimed.setdefault((type_of(row), form), index)

    edits: list[tuple[int, int, str]] = []
    for index, row in enumerate(rows):
        start, stop, quoted, value = row[zh_col]
        forms = [f for f in _forms(value) if f]
        if not forms:
            continue
        present = set(forms)
        added: list[str] = []
        for form in forms:
            variant = " ".join(convert(form).split())
            if not variant or variant in present:
                continue
            if claimed.setdefault((type_of(row), variant), index) != index:
                continue
            present.add(variant)
            added.append(variant)
        if not added:
            continue
        suffix = "".join(SEPARATOR + form for form in added)
        raw = text[start:stop]
        if quoted:
            closing = raw.rfind('"')
            head = raw[:closing].rstrip()
            new = head + suffix.replace('"', '""') + raw[len(head):]
        else:
            head = raw.rstrip()
            new = head + suffix + raw[len(head):]
            if any(ch in new for ch in ',"\r\n'):
                new = '"' + (value.rstrip() + suffix).replace('"', '""') + '"'
        edits.append((start, stop, new))

    for start, stop, new in reversed(edits):
        text = text[:start] + new + text[stop:]
    return text, len(edits)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: glossary_traditional.py [glossary.csv]", file=sys.stderr)
        return 2
    path = Path(args[0]) if args else DEFAULT_PATH
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    new_text, changed = add_traditional(text)
    if changed:
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    print(f"{path}: {changed} zh cell{'s' if changed != 1 else ''} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
