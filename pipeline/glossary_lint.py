"""Checks of the glossary file itself, for translators who edit it in a spreadsheet.

The loader (`pipeline.glossary`) decides what makes a glossary unusable, and `kbnorm run`
stops on it; here its problems become error findings with their lines instead of a crash.
What the loader allows but a translator should look at (a form two types share, Chinese in
an English cell, a Simplified form without its Traditional spelling) is found on the rows
read leniently, so a file the loader rejects is still checked for everything else.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from .glossary import (
    FORM_SEPARATOR,
    HEADER,
    LANGS,
    Glossary,
    GlossaryError,
    GlossaryProblem,
    load_glossary,
    normalize_form,
)
from .glossary_findings import Finding
from .translate_types import TERM_TYPES

_FACT_TYPES = frozenset({"duty", "skill"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# The loader's messages by kind, first match wins; anything else it reports is a parse error.
_PROBLEM_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^duplicate concept"), "duplicate_concept"),
    (re.compile(r"listed twice"), "duplicate_form"),
    (re.compile(r"already claimed by"), "form_collision"),
    (re.compile(r"^empty (?:en|zh|id)$|^empty form"), "empty_cell"),
    (re.compile(r"^empty concept|snake_case|^unknown type"), "invalid_row"),
)


@dataclass(frozen=True, slots=True)
class Row:
    """A glossary row as written: its line, id, type and non-empty forms per language."""

    line: int
    concept: str
    type: str
    forms: dict[str, tuple[str, ...]]


@dataclass(slots=True)
class LintResult:
    findings: list[Finding]
    glossary: Glossary | None  # None when the loader rejects the file


def lint_glossary(path: Path) -> LintResult:
    """Every problem of the glossary at `path`: the loader's as errors, then the warnings.

    Raises OSError when the file cannot be read at all (bad usage, not a finding).
    """
    rows = read_rows(path.read_bytes())
    try:
        glossary: Glossary | None = load_glossary(path)
        problems: list[GlossaryProblem] = []
    except GlossaryError as err:
        glossary, problems = None, err.problems
    concepts = {row.line: row.concept for row in rows}
    findings = [_from_problem(problem, concepts) for problem in problems]
    for check in (_shared_forms, _case_collisions, _han_in_latin, _latin_zh, _missing_traditional):
        findings.extend(check(rows))
    return LintResult(findings, glossary)


def read_rows(data: bytes) -> list[Row]:
    """The rows of a glossary file that have the right number of columns; [] when it is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    line = 1
    try:
        for row in reader:
            is_header = line == 1 and bool(row) and row[0].strip() == HEADER[0]
            if len(row) == len(HEADER) and not is_header and any(cell.strip() for cell in row):
                concept, type_, *cells, _note = (cell.strip() for cell in row)
                forms = {lang: _forms(cell) for lang, cell in zip(LANGS, cells, strict=True)}
                rows.append(Row(line, concept, type_, forms))
            line = reader.line_num + 1
    except csv.Error:
        pass  # the loader reports it; the rows before it are still checked
    return rows


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(form for form in (" ".join(f.split()) for f in cell.split(FORM_SEPARATOR)) if form)


def _from_problem(problem: GlossaryProblem, concepts: dict[int, str]) -> Finding:
    kind = next((kind for pattern, kind in _PROBLEM_KINDS if pattern.search(problem.message)), "parse_error")
    return Finding(kind, problem.message, line=problem.line or None, concept=concepts.get(problem.line, ""))


def _claims(rows: list[Row], lang: str) -> dict[str, list[tuple[Row, str]]]:
    """Normalised form -> (row, form as written) for every form of `lang`, in file order."""
    claims: dict[str, list[tuple[Row, str]]] = {}
    for row in rows:
        for form in row.forms[lang]:
            claims.setdefault(normalize_form(lang, form), []).append((row, form))
    return claims


def _shared_forms(rows: list[Row]) -> Iterator[Finding]:
    """A form on two terminology concepts of different types (or on a duty and a skill).

    Term matching gives such a form to the first terminology row only, so the other concept
    never matches it. A term sharing a form with a duty or a skill is the glossary's design
    (抽血 names phlebotomy and states the duty draw_blood) and is not reported.
    """
    for lang in LANGS:
        for owners in _claims(rows, lang).values():
            by_concept = {row.concept: row for row, _ in owners}
            for family in (TERM_TYPES, _FACT_TYPES):
                sharing = [row for row in by_concept.values() if row.type in family]
                if len({row.type for row in sharing}) < 2:
                    continue  # one concept, or one type: the loader reports a same-type claim
                named = ", ".join(f"{row.concept} ({row.type}, line {row.line})" for row in sharing)
                form = next(form for row, form in owners if row is sharing[-1])
                message = f"{lang} form {form!r} is on {named}; matching gives it to {sharing[0].concept}"
                yield Finding("shared_form", message, line=sharing[-1].line, concept=sharing[-1].concept,
                              lang=lang, term=form)


def _case_collisions(rows: list[Row]) -> Iterator[Finding]:
    """Forms equal but for letter case that the loader keeps apart (zh forms keep their case)."""
    for lang in LANGS:
        by_folded: dict[str, list[tuple[Row, str]]] = {}
        for key, owners in _claims(rows, lang).items():
            by_folded.setdefault(key.casefold(), []).append(owners[0])
        for owners in by_folded.values():
            if len(owners) < 2:
                continue
            named = ", ".join(f"{form!r} ({row.concept}, line {row.line})" for row, form in owners)
            row, form = owners[-1]
            yield Finding("case_collision", f"{lang} forms differ only in letter case: {named}",
                          line=row.line, concept=row.concept, lang=lang, term=form)


def _han_in_latin(rows: list[Row]) -> Iterator[Finding]:
    for row in rows:
        for lang in ("en", "id"):
            for form in row.forms[lang]:
                if _HAN.search(form):
                    yield Finding("han_in_latin", f"{lang} form {form!r} has Chinese characters",
                                  line=row.line, concept=row.concept, lang=lang, term=form)


def _latin_zh(rows: list[Row]) -> Iterator[Finding]:
    for row in rows:
        forms = row.forms["zh"]
        if forms and not any(_HAN.search(form) for form in forms):
            yield Finding("latin_zh", f"zh cell {FORM_SEPARATOR.join(forms)!r} has no Chinese characters",
                          line=row.line, concept=row.concept, lang="zh", term=forms[0])


def _missing_traditional(rows: list[Row]) -> Iterator[Finding]:
    """A Simplified form is paired when the cell has its s2t spelling, or any form reading back to it.

    OpenCC's s2t may choose a variant character (临床 -> 臨牀 where Taiwan writes 臨床); a
    Traditional form that converts back to the Simplified one counts too.
    """
    for row in rows:
        forms = row.forms["zh"]
        simplified_of = {_convert("t2s", form) for form in forms if _convert("t2s", form) != form}
        for form in forms:
            traditional = _convert("s2t", form)
            is_simplified = _convert("t2s", form) == form and traditional != form
            if is_simplified and traditional not in forms and form not in simplified_of:
                message = f"zh form {form!r} has no Traditional spelling in the cell"
                yield Finding("missing_traditional", message, line=row.line, concept=row.concept, lang="zh",
                              term=form, suggestion=traditional)


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@cache
def _convert(config: str, text: str) -> str:
    return _converter(config).convert(text)
