"""normalized/report.html: what a run found and what it changed, for people who do not read JSON.

Per role, the knowledge base's duties and skills with the pages that state them and a quote
in each language; per page, what was removed as boilerplate (with the reason) and which
in-word artifacts were repaired. The page is built from the run's own files only, holds no
time or path of the machine, and so is byte-identical from one run to the next like the rest
of the output. It is one file with inline CSS and script, filterable like every kbnorm report.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Doc, doc_from_json
from .report_html import esc, filter_controls, page
from .write import write_atomic

REPORT_NAME = "report.html"
_KIND_TITLES = (("duties", "Duties"), ("skills", "Skills"))
_FACT_HEADS = (("text", "English"), ("concept", "Concept"), ("count", "Pages"), ("pages", "Stated on"),
               ("quotes", "Quotes"))
_REMOVED_HEADS = (("reason", "Reason"), ("removed", "Text"))
_REPAIR_HEADS = (("block", "Block"), ("original", "Original"), ("repaired", "Repaired"))


def write_run_report(out: Path, doc_ids: list[str], kb: dict[str, Any]) -> None:
    """Write out/report.html atomically from out/docs/<doc_id>.json and the knowledge base's JSON.

    Called at the end of a run, once the corpus-wide files are rebuilt (runner._write_corpus_files).
    """
    docs = [doc_from_json(json.loads((out / "docs" / f"{doc_id}.json").read_text(encoding="utf-8")))
            for doc_id in doc_ids]
    write_atomic(out / REPORT_NAME, render_run_report(docs, kb).encode("utf-8"))


def render_run_report(docs: list[Doc], kb: dict[str, Any]) -> str:
    roles = kb.get("roles", {})
    titles = {doc.doc_id: _title(doc) for doc in docs}
    removed = sum(len(doc.removed) for doc in docs)
    repairs = sum(len(doc.repairs) for doc in docs)
    header = (f"<h1>kbnorm run report</h1>\n<p class=\"meta\">{len(docs)} pages · {len(roles)} roles · "
              f"{removed} pieces removed · {repairs} repairs · <a href=\"#roles\">roles</a> · "
              f"<a href=\"#pages\">pages</a></p>\n"
              + filter_controls("filter: words that must all occur, e.g. pharmacy_technician inventory"))
    body = ("<h2 id=\"roles\">Roles</h2>\n"
            + ("".join(_role(role, entry, titles) for role, entry in roles.items())
               or "<p class=\"empty\">No roles were found.</p>")
            + "\n<h2 id=\"pages\">Pages</h2>\n" + "".join(_page(doc) for doc in docs))
    return page("kbnorm run report", header, body)


def _role(role: str, entry: dict[str, Any], titles: dict[str, str]) -> str:
    pages = ", ".join(_page_link(doc_id, titles) for doc_id in entry.get("pages", []))
    parts = [f"<section data-section data-title=\"{esc(role)} {esc(_name(role))}\" id=\"role-{esc(role)}\">",
             f"<h3>{esc(_name(role))} <small>{esc(role)}</small></h3>",
             f"<p class=\"meta\">Pages: {pages}</p>"]
    for kind, title in _KIND_TITLES:
        entries = entry.get(kind, [])
        rows = "".join(_fact_row(fact, titles) for fact in entries)
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


def _fact_row(fact: dict[str, Any], titles: dict[str, str]) -> str:
    pages = ", ".join(_page_link(doc_id, titles) for doc_id in fact.get("pages", []))
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


def _page_link(doc_id: str, titles: dict[str, str]) -> str:
    return f"<a href=\"#page-{esc(doc_id)}\" title=\"{esc(titles.get(doc_id, ''))}\">{esc(doc_id)}</a>"


def _title(doc: Doc) -> str:
    """The page's English title, else its own, else its id."""
    if doc.title is not None:
        return doc.title.text_en or doc.title.text or doc.doc_id
    return doc.doc_id


def _name(role: str) -> str:
    return role.replace("_", " ")
