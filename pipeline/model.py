"""The one data model every step shares, serialised as exactly `kbnorm.doc/1`.

A page travels one way through the steps (read → blocks → clean → repair → detect →
translate → align → extract → write); each step fills in more of the same `Doc`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "kbnorm.doc/1"

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_row")
FORMATS = ("text", "html", "markdown")
ENGINES = ("none", "glossary", "argos")
TERM_STATUSES = ("matched", "enforced", "missing")


@dataclass(slots=True)
class Span:
    """A run of one language inside a block's `text`: [start, end) in code points."""

    start: int
    end: int
    lang: str
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "lang": self.lang}
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        return out


@dataclass(slots=True)
class Block:
    """One unit of kept content: a heading, a paragraph, a list item or a table row.

    `section` is the index of the heading block this block falls under (None before the
    first heading). `text` stays in its own language(s); `text_en` is its English.
    """

    index: int
    kind: str
    text: str
    section: int | None = None
    text_en: str = ""
    lang: str = "und"
    spans: list[Span] = field(default_factory=list)
    engine: str = "none"
    depth: int = 0  # list nesting (indented bullets) or heading level (1 = top); not in the contract

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "section": self.section,
            "text": self.text,
            "text_en": self.text_en,
            "lang": self.lang,
            "spans": [s.to_json() for s in self.spans],
            "engine": self.engine,
        }


@dataclass(slots=True)
class Removal:
    """A piece of the input that was dropped, and why: nothing disappears silently."""

    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Repair:
    """One in-word artifact of page translation that was repaired ('o的r' -> 'other')."""

    block: int
    original: str
    repaired: str

    def to_json(self) -> dict[str, Any]:
        return {"block": self.block, "original": self.original, "repaired": self.repaired}


@dataclass(slots=True)
class Term:
    """One occurrence of a glossary term in a block and how it came out in English."""

    concept: str
    lang: str
    source: str
    target: str
    block: int
    start: int
    end: int
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "lang": self.lang,
            "source": self.source,
            "target": self.target,
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "status": self.status,
        }


@dataclass(slots=True)
class Fact:
    """A duty or a skill a page states for a role."""

    role: str
    text: str
    concept: str | None
    block: int
    lang: str
    source_text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "text": self.text,
            "concept": self.concept,
            "block": self.block,
            "lang": self.lang,
            "source_text": self.source_text,
        }


@dataclass(slots=True)
class Source:
    path: str
    sha256: str
    bytes: int
    encoding: str
    format: str
    url: str | None = None
    record: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.url is not None:
            out["url"] = self.url
        if self.record is not None:
            out["record"] = self.record
        out.update(sha256=self.sha256, bytes=self.bytes, encoding=self.encoding, format=self.format)
        return out


@dataclass(slots=True)
class Title:
    text: str
    text_en: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "text_en": self.text_en}


@dataclass(slots=True)
class Doc:
    doc_id: str
    source: Source
    title: Title | None = None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    languages: dict[str, float] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    duties: list[Fact] = field(default_factory=list)
    skills: list[Fact] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    lang_hint: str | None = None  # e.g. <html lang>; a hint, never trusted over the text

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "doc_id": self.doc_id,
            "source": self.source.to_json(),
            "title": self.title.to_json() if self.title else None,
            "languages": dict(sorted(self.languages.items())),
            "blocks": [b.to_json() for b in self.blocks],
            "removed": [r.to_json() for r in self.removed],
            "repairs": [r.to_json() for r in self.repairs],
            "roles": list(self.roles),
            "duties": [f.to_json() for f in self.duties],
            "skills": [f.to_json() for f in self.skills],
            "terms": [t.to_json() for t in self.terms],
        }


def renumber(blocks: list[Block]) -> list[Block]:
    """Give kept blocks consecutive indices and point each `section` at its heading.

    Steps that drop blocks call this so `index` and `section` stay consistent. A content
    block falls under the nearest kept heading before it; a heading falls under the nearest
    kept heading of a higher level (a smaller `depth`), if any.
    """
    open_headings: list[Block] = []
    for i, block in enumerate(blocks):
        block.index = i
        if block.kind == "heading":
            while open_headings and open_headings[-1].depth >= block.depth:
                open_headings.pop()
            block.section = open_headings[-1].index if open_headings else None
            open_headings.append(block)
        else:
            block.section = open_headings[-1].index if open_headings else None
    return blocks


def doc_from_json(data: dict[str, Any]) -> Doc:
    """Read a `kbnorm.doc/1` object back (reports, checks and the knowledge base read the corpus)."""
    source = data["source"]
    title = data.get("title")
    return Doc(
        doc_id=data["doc_id"],
        source=Source(path=source["path"], sha256=source["sha256"], bytes=source["bytes"],
                      encoding=source["encoding"], format=source["format"], url=source.get("url"),
                      record=source.get("record")),
        title=Title(title["text"], title["text_en"]) if title else None,
        blocks=[Block(index=b["index"], kind=b["kind"], text=b["text"], section=b.get("section"),
                      text_en=b["text_en"], lang=b["lang"], engine=b["engine"],
                      spans=[Span(s["start"], s["end"], s["lang"], s.get("confidence")) for s in b["spans"]])
                for b in data["blocks"]],
        removed=[Removal(r["text"], r["reason"]) for r in data["removed"]],
        repairs=[Repair(r["block"], r["original"], r["repaired"]) for r in data["repairs"]],
        languages=dict(data["languages"]),
        roles=list(data["roles"]),
        duties=[Fact(**f) for f in data["duties"]],
        skills=[Fact(**f) for f in data["skills"]],
        terms=[Term(concept=t["concept"], lang=t["lang"], source=t["source"], target=t["target"],
                    block=t["block"], start=t.get("start", 0), end=t.get("end", 0), status=t["status"])
               for t in data["terms"]],
    )
