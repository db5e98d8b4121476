"""normalized/report.html: what a run found and what it changed, for people who do not read JSON.

Per role, the knowledge base's duties and skills with the pages that state them and a quote
in each language; per page, what was removed as boilerplate (with the reason) and which
in-word artifacts were repaired. The page is built from the run's own files only, holds no
time or path of the machine, and so is byte-identical from one run to the next like the rest
of the output. It is one file with inline CSS and script, filterable like every kbnorm report.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from typing import Any, BinaryIO

from .model import Doc
from .report_html import esc, filter_controls, page_around_body

REPORT_NAME = "report.html"
_KIND_TITLES = (("duties", "Duties"), ("skills", "Skills"))
_FACT_HEADS = (("text", "English"), ("concept", "Concept"), ("count", "Pages"), ("pages", "Stated on"),
               ("quotes", "Quotes"))
_REMOVED_HEADS = (("reason", "Reason"), ("removed", "Text"))
_REPAIR_HEADS = (("block", "Block"), ("original", "Original"), ("repaired", "Repaired"))
_SECTIONS_IN_MEMORY = 16 << 20  # page sections beyond this many bytes go to a temporary file


def render_run_report(docs: list[Doc], kb: dict[str, Any]) -> str:
    """The report of `docs` as one string; a run streams it to report.html (runner.write_corpus_files)."""
    report = RunReportBuilder()
    for doc in docs:
        report.add(report_entry(doc))
    buffer = io.BytesIO()
    report.write_to(buffer, kb)
    return buffer.getvalue().decode("utf-8")


def report_entry(doc: Doc) -> dict[str, Any]:
    """What the report shows of one page, as JSON: made where the page is processed."""
    return {"doc_id": doc.doc_id, "title": _title(doc), "removed": len(doc.removed),
            "repairs": len(doc.repairs), "section": _page(doc)}


class RunReportBuilder:
    """The run report built one page at a time, so that a run of any size holds no page in memory:
    each page's section goes to a temporary file, and only its link (the roles list it once per
    fact the page states) and its counts stay until `write_to` puts the roles first and the page
    sections after them."""

    def __init__(self) -> None:
        self._links: dict[str, str] = {}  # doc_id -> the page's link, escaped once
        self._removed = self._repairs = 0
        self._sections = tempfile.SpooledTemporaryFile(max_size=_SECTIONS_IN_MEMORY)

    def add(self, entry: dict[str, Any]) -> None:
        """Add a page's `report_entry`; pages come in the order the report lists them."""
        self._links[entry["doc_id"]] = _page_link(entry["doc_id"], entry["title"])
        self._removed += entry["removed"]
        self._repairs += entry["repairs"]
        self._sections.write(entry["section"].encode("utf-8"))

    def write_to(self, handle: BinaryIO, kb: dict[str, Any]) -> None:
        roles = kb.get("roles", {})
        header = (f"<h1>kbnorm run report</h1>\n<p class=\"meta\">{len(self._links)} pages · "
                  f"{len(roles)} roles · {self._removed} pieces removed · {self._repairs} repairs · "
                  f"<a href=\"#roles\">roles</a> · <a href=\"#pages\">pages</a></p>\n"
                  + filter_controls("filter: words that must all occur, e.g. pharmacy_technician inventory"))
        before, after = page_around_body("kbnorm run report", header)
        roles_part = ("<h2 id=\"roles\">Roles</h2>\n"
                      + ("".join(_role(role, entry, self._links) for role, entry in roles.items())
                         or "<p class=\"empty\">No roles were found.</p>")
                      + "\n<h2 id=\"pages\">Pages</h2>\n")
        handle.write((before + roles_part).encode("utf-8"))
        with self._sections:
            self._sections.seek(0)
            shutil.copyfileobj(self._sections, handle)
        handle.write(after.encode("utf-8"))


def _role(role: str, entry: dict[str, Any], links: dict[str, str]) -> str:
    pages = _page_links(entry.get("pages", []), links)
    parts = [f"<section data-section data-title=\"{esc(role)} {esc(_name(role))}\" id=\"role-{esc(role)}\">",
             f"<h3>{esc(_name(role))} <small>{esc(role)}</small></h3>",
             f"<p class=\"meta\">Pages: {pages}</p>"]
    for kind, title in _KIND_TITLES:
        entries = entry.get(kind, [])
        rows = "".join(_fact_row(fact, links) for fact in entries)
        parts.append(_group(f"{title} ({len(entries)})", _FACT_HEADS, rows, "none found"))
    parts.append("</section>\n")
    return "\n".join(parts)


def _group(title: str, heads: tuple[tuple[str, str], ...], rows: str, empty: str) -> str:
    """A heading and its table (or a note when it has no rows), hidden together by the filter."""
    if not rows:
        return f"<div data-group><h4>{esc(title)}</h4><p class=\"empty\">{esc(empty)}</p></div>"
    cells = "".join(f"<th data-sort=\"{key}\">{esc(label)}</th>" for key, label in heads)
    return (f"<div data-group><h4>{esc(title)}</h4><table><thead><tr>{cells}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def _fact_row(fact: dict[str, Any], links: dict[str, str]) -> str:
    pages = _page_links(fact.get("pages", []), links)
    quotes = "".join(f"<span class=\"quote\"><span class=\"lang\">{esc(lang)}</span>{esc(text)}</span>"
                     for lang, text in fact.get("quotes", {}).items())
    return (f"<tr data-row><td>{esc(fact.get('text'))}</td><td>{esc(fact.get('concept') or '')}</td>"
            f"<td class=\"num\">{esc(fact.get('count'))}</td><td>{pages}</td><td>{quotes}</td></tr>")


def _page(doc: Doc) -> str:
    source = doc.source.url or doc.source.path
    languages = ", ".join(f"{lang} {share:.0%}" for lang, share in sorted(doc.languages.items(),
                                                                          key=lambda item: -item[1]))
    roles = ", ".join(f"<a href=\"#role-{esc(role)}\">{esc(_name(role))}</a>" for role in doc.roles) or "none"
    removed = "".join(f"<tr data-row><td>{esc(r.reason)}</td><td>{esc(r.text)}</td></tr>"
                      for r in doc.removed)
    repaired = "".join(f"<tr data-row><td class=\"num\">{r.block}</td><td>{esc(r.original)}</td>"
                       f"<td>{esc(r.repaired)}</td></tr>" for r in doc.repairs)
    return "\n".join([
        (f"<section data-section data-title=\"{esc(doc.doc_id)} {esc(_title(doc))}\" "
         f"id=\"page-{esc(doc.doc_id)}\">"),
        f"<h3>{esc(_title(doc))} <small>{esc(doc.doc_id)}</small></h3>",
        f"<p class=\"meta\">{esc(source)} · {esc(languages)} · {len(doc.blocks)} blocks · roles: {roles}</p>",
        _group(f"Removed ({len(doc.removed)})", _REMOVED_HEADS, removed, "nothing"),
        _group(f"Repaired ({len(doc.repairs)})", _REPAIR_HEADS, repaired, "nothing"),
        "</section>\n",
    ])


def _page_links(doc_ids: list[str], links: dict[str, str]) -> str:
    return ", ".join(links.get(doc_id) or _page_link(doc_id, "") for doc_id in doc_ids)


def _page_link(doc_id: str, title: str) -> str:
    return f"<a href=\"#page-{esc(doc_id)}\" title=\"{esc(title)}\">{esc(doc_id)}</a>"


def _title(doc: Doc) -> str:
    """The page's English title, else its own, else its id."""
    if doc.title is not None:
        return doc.title.text_en or doc.title.text or doc.doc_id
    return doc.doc_id


def _name(role: str) -> str:
    return role.replace("_", " ")
