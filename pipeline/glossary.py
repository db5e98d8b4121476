"""The domain glossary: concepts of the allied-health field with their surface forms in en, zh and id.

The glossary is the one place that says which words name a role, a duty, a skill, a setting,
a credential, an organization or a term of the field, and what English a translator should write
for them. Detection, translation, alignment and extraction all read it, so a broken glossary must
stop a run before any page is written: `load_glossary` validates the whole file and reports every
problem with its line number at once, so one edit fixes them all.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc

TYPES: tuple[str, ...] = ("role", "duty", "skill", "setting", "credential", "organization", "term")
LANGS: tuple[str, ...] = ("en", "zh", "id")
HEADER: tuple[str, ...] = ("concept", "type", *LANGS, "note")
FORM_SEPARATOR = "|"
DEFAULT_FILE_NAME = "glossary.csv"

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_CASE_INSENSITIVE_LANGS = frozenset({"en", "id"})


@dataclass(frozen=True, slots=True)
class Concept:
    """One row of the glossary; each language's forms keep file order, the first is preferred."""

    concept: str
    type: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    id: tuple[str, ...]
    note: str
    line: int

    @property
    def preferred(self) -> str:
        """The English a translation should use for this concept."""
        return self.en[0]

    def forms(self, lang: str) -> tuple[str, ...]:
        """The surface forms of this concept in `lang` (one of LANGS)."""
        _check_lang(lang)
        return getattr(self, lang)


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """One reason the glossary cannot be used; `line` is 0 when it concerns the file as a whole."""

    line: int
    message: str
    file: str = DEFAULT_FILE_NAME

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class GlossaryError(Exception):
    """Raised with every problem found, so a maintainer sees them all in one run."""

    def __init__(self, problems: list[GlossaryProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def normalize_form(lang: str, form: str) -> str:
    """The key a surface form is indexed and looked up by.

    Whitespace is collapsed in every language; en and id are also case-folded because pages
    capitalise headings and list items freely, while zh keeps its characters exactly.
    """
    _check_lang(lang)
    collapsed = " ".join(form.split())
    return collapsed.casefold() if lang in _CASE_INSENSITIVE_LANGS else collapsed


class Glossary:
    """The validated concepts of one glossary file, indexed by surface form per language."""

    def __init__(self, concepts: dict[str, Concept], path: Path | None, sha256: str) -> None:
        self.path = path
        self.sha256 = sha256
        self.concepts = concepts
        self._index = {lang: _index_forms(concepts.values(), lang) for lang in LANGS}

    def __repr__(self) -> str:
        return f"Glossary(path={self.path!s}, concepts={len(self.concepts)}, sha256={self.sha256[:12]})"

    def get(self, concept: str) -> Concept:
        """The concept with this id; KeyError names it when it does not exist."""
        try:
            return self.concepts[concept]
        except KeyError:
            raise KeyError(f"no concept {concept!r} in the glossary") from None

    def of_type(self, type_: str) -> list[Concept]:
        """Concepts of one type, in file order."""
        if type_ not in TYPES:
            raise ValueError(f"unknown concept type {type_!r}; expected one of {', '.join(TYPES)}")
        return [c for c in self.concepts.values() if c.type == type_]

    def lookup(self, lang: str, form: str) -> list[Concept]:
        """Concepts having exactly this surface form (normalised as `normalize_form` does).

        A zh query not found as written is retried in Simplified, so Traditional text matches
        even where the file lists no Traditional variant.
        """
        index = self._index[_check_lang(lang)]
        found = index.get(normalize_form(lang, form))
        if found is None and lang == "zh":
            found = index.get(normalize_form(lang, _to_simplified(form)))
        return list(found or ())

    def forms(self, lang: str) -> dict[str, list[Concept]]:
        """Every surface form of `lang` (normalised key) -> the concepts having it, for matchers."""
        return {key: list(concepts) for key, concepts in self._index[_check_lang(lang)].items()}


def load_glossary(path: str | Path) -> Glossary:
    """Read, parse and validate a glossary file; raises GlossaryError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError([GlossaryProblem(0, f"cannot read file: {err.strerror or err}", name)]) from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problem = GlossaryProblem(line, f"undecodable file: not UTF-8 (byte 0x{data[err.start]:02x})", name)
        raise GlossaryError([problem]) from err
    return _build(text, path, hashlib.sha256(data).hexdigest())


def parse_glossary(text: str, path: Path | None = None) -> Glossary:
    """Parse and validate glossary text (a leading BOM is allowed); raises GlossaryError."""
    return _build(text.removeprefix("\ufeff"), path, hashlib.sha256(text.encode("utf-8")).hexdigest())


def default_glossary_path() -> Path:
    """./glossary.csv when the current directory has one (a project's own), else the bundled one."""
    local = Path.cwd() / DEFAULT_FILE_NAME
    if local.is_file():
        return local
    return Path(__file__).resolve().parent.parent / DEFAULT_FILE_NAME


@dataclass(slots=True)
class _Validator:
    """Collects problems while rows are turned into concepts, so all are reported together."""

    file: str
    problems: list[GlossaryProblem] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    # (type, lang, normalised form) -> the concept that claimed it first
    claims: dict[tuple[str, str, str], Concept] = field(default_factory=dict)

    def report(self, line: int, message: str) -> None:
        self.problems.append(GlossaryProblem(line, message, self.file))

    def check_header(self, row: list[str] | None) -> None:
        if row is None:
            self.report(0, f"empty file: expected the header {','.join(HEADER)}")
        elif tuple(cell.strip() for cell in row) != HEADER:
            self.report(1, f"missing or wrong header: expected {','.join(HEADER)}, got {','.join(row)}")

    def add_row(self, line: int, row: list[str]) -> None:
        if len(row) != len(HEADER):
            self.report(line, f"expected {len(HEADER)} columns, got {len(row)}")
            return
        concept_id, type_, *form_cells, note = (cell.strip() for cell in row)
        problems_before = len(self.problems)
        self._check_concept_id(line, concept_id)
        self._check_type(line, type_)
        forms = {lang: self._split_forms(line, lang, cell)
                 for lang, cell in zip(LANGS, form_cells, strict=True)}
        if len(self.problems) > problems_before:
            return
        concept = Concept(concept_id, type_, forms["en"], forms["zh"], forms["id"], note, line)
        self._claim_forms(concept)
        self.concepts[concept_id] = concept

    def _check_concept_id(self, line: int, concept_id: str) -> None:
        if not concept_id:
            self.report(line, "empty concept")
        elif not _SNAKE_CASE.fullmatch(concept_id):
            self.report(line, f"concept {concept_id!r} is not snake_case")
        elif concept_id in self.concepts:
            first = self.concepts[concept_id].line
            self.report(line, f"duplicate concept {concept_id!r} (first on line {first})")

    def _check_type(self, line: int, type_: str) -> None:
        if type_ not in TYPES:
            self.report(line, f"unknown type {type_!r}; expected one of {', '.join(TYPES)}")

    def _split_forms(self, line: int, lang: str, cell: str) -> tuple[str, ...]:
        if not cell:
            self.report(line, f"empty {lang}")
            return ()
        forms = tuple(" ".join(form.split()) for form in cell.split(FORM_SEPARATOR))
        if not all(forms):
            self.report(line, f"empty form between '{FORM_SEPARATOR}' in {lang}: {cell!r}")
        seen: set[str] = set()
        for form in filter(None, forms):
            key = normalize_form(lang, form)
            if key in seen:
                self.report(line, f"{lang} form {form!r} listed twice")
            seen.add(key)
        return forms

    def _claim_forms(self, concept: Concept) -> None:
        for lang in LANGS:
            for form in concept.forms(lang):
                claim = (concept.type, lang, normalize_form(lang, form))
                owner = self.claims.setdefault(claim, concept)
                if owner is not concept:
                    self.report(
                        concept.line,
                        f"{lang} form {form!r} is already claimed by {concept.type} "
                        f"{owner.concept!r} (line {owner.line})",
                    )


def _build(text: str, path: Path | None, sha256: str) -> Glossary:
    """Validate every row of `text`, then build the glossary or raise with all problems."""
    validator = _Validator(str(path) if path is not None else DEFAULT_FILE_NAME)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        validator.check_header(next(reader, None))
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                validator.add_row(line, row)
            line = reader.line_num + 1
    except csv.Error as err:
        validator.report(reader.line_num, f"unreadable CSV: {err}")
    if not validator.problems and not validator.concepts:
        validator.report(0, "no concepts")
    if validator.problems:
        raise GlossaryError(validator.problems)
    return Glossary(validator.concepts, path, sha256)


def _index_forms(concepts: Iterable[Concept], lang: str) -> dict[str, tuple[Concept, ...]]:
    """Normalised form -> concepts having it; validation guarantees a concept lists a form once."""
    index: dict[str, tuple[Concept, ...]] = {}
    for concept in concepts:
        for form in concept.forms(lang):
            key = normalize_form(lang, form)
            index[key] = (*index.get(key, ()), concept)
    return index


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


@cache
def _simplifier() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese, so Traditional pages match Simplified glossary forms."""
    return _simplifier().convert(text)


def lengths_by_opening(forms: Iterable[Sequence[str]],
                       longest: int | None = None) -> dict[str, tuple[int, ...]]:
    """The first unit of each form (a tuple's first word, a string's first character) -> the lengths
    of the forms opening with it, longest first; empty forms and forms over `longest` are left out.

    A scan then looks for forms only where one can start, and only at the lengths that exist.
    """
    lengths: dict[str, set[int]] = {}
    for form in forms:
        if form and (longest is None or len(form) <= longest):
            lengths.setdefault(form[0], set()).add(len(form))
    return {opening: tuple(sorted(found, reverse=True)) for opening, found in lengths.items()}


def longest_form_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds, at the leftmost place a form starts, the longest form there (none at
    all when there are no forms; empty forms are left out), as an alternation of the forms
    longest first would, with each match scanned in C.

    It is the forms' trie: a node's branches are alternatives opening with different characters,
    so no character is tried twice; where a form ends inside a longer one the rest is optional,
    and the engine, greedy, takes the longer form wherever the text goes on with it.
    """
    trie: dict[str, dict] = {}
    for form in forms:
        if form:
            node = trie
            for character in form:
                node = node.setdefault(character, {})
            node[""] = {}  # a form ends here
    return re.compile(_trie_alternatives(trie) if trie else "(?!)")


def _trie_alternatives(node: dict[str, dict]) -> str:
    """The pattern of a trie node's branches (see `longest_form_pattern`)."""
    branches = [re.escape(character) + _trie_alternatives(child)
                for character, child in node.items() if character]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{pattern})?" if "" in node else pattern
