"""`kbnorm glossary check`: the glossary's problems and, given a corpus, how its terms fare there.

The result is written three ways for three readers: findings.csv for a translator's
spreadsheet, findings.json for scripts, report.html to read and filter in a browser. A CSV
cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a
carriage return: a page may well say "=HYPERLINK(...)") is written with a leading
apostrophe, which spreadsheets show as text; the file starts with a UTF-8 byte order mark,
without which Excel shows Chinese as mojibake.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus_check import inconsistent_renderings, missing_terms, read_corpus, unseen_concepts
from .glossary_findings import ERROR, WARNING, Finding, sort_key
from .glossary_lint import lint_glossary
from .report_html import findings_page
from .write import dumps, write_atomic

SCHEMA = "kbnorm.glossary-check/1"
CSV_COLUMNS = ("severity", "kind", "line", "concept", "lang", "term", "count", "suggestion", "message",
               "doc_id", "block", "context")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class CheckResult:
    glossary: Path
    corpus: Path | None
    docs: int = 0
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not checked, and why

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "glossary": str(self.glossary),
                "corpus": str(self.corpus) if self.corpus else None, "docs": self.docs,
                "errors": self.count(ERROR), "warnings": self.count(WARNING), "notes": list(self.notes),
                "findings": [f.to_json() for f in self.findings]}


def check(glossary_path: Path, corpus: Path | None = None, *, min_count: int = 2,
          top: int = 200) -> CheckResult:
    """Lint the glossary; with a corpus, check its terms and look for words the glossary lacks.

    The corpus checks need a glossary that loads; with a broken one they are skipped and a
    note says so. Raises OSError (FileNotFoundError for a missing corpus) on bad usage.
    """
    lint = lint_glossary(glossary_path)
    result = CheckResult(glossary_path, corpus, findings=list(lint.findings))
    if corpus is not None:
        docs = read_corpus(corpus)
        result.docs = len(docs)
        if lint.glossary is None:
            result.notes.append("the corpus was not checked: fix the glossary's errors first")
        else:
            from .corpus_words import UncoveredWords  # jieba and the lexicons: only when a corpus is checked

            glossary = lint.glossary
            result.findings += [*missing_terms(docs, glossary), *inconsistent_renderings(docs, glossary),
                                *unseen_concepts(docs, glossary),
                                *UncoveredWords(glossary).findings(docs, min_count=min_count, top=top)]
    result.findings.sort(key=sort_key)
    return result


def write_reports(result: CheckResult, out: Path) -> list[Path]:
    """findings.csv, findings.json and report.html under `out`, each written atomically."""
    report = result.to_json()
    files = {"findings.csv": "\ufeff" + findings_csv(result.findings), "findings.json": dumps(report) + "\n",
             "report.html": findings_page(report)}
    for name, text in files.items():
        write_atomic(out / name, text.encode("utf-8"))
    return [out / name for name in files]


def findings_csv(findings: list[Finding]) -> str:
    """One row per finding, its first context in the last three columns; formula-safe cells."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for finding in findings:
        first = finding.occurrences[0] if finding.occurrences else None
        cells = [finding.severity, finding.kind, finding.line, finding.concept, finding.lang, finding.term,
                 finding.count, finding.suggestion, finding.message, first.doc_id if first else "",
                 first.block if first else "", first.text if first else ""]
        writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in cells])
    return buffer.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """The cell as text a spreadsheet shows rather than evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
