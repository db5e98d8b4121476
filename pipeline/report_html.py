"""Self-contained HTML reports: one file, inline CSS and JavaScript, nothing fetched, safe with any text.

Everything from pages and glossaries is untrusted text. Markup written here escapes it
(`esc`); data handed to the page's script is JSON inside a `<script type="application/json">`
element, where `script_json` escapes every `<`, `>` and `&` (so neither `</script>` nor
`<!--` can end or confuse the element) and U+2028/U+2029. Behind that, the page's
Content-Security-Policy names kbnorm's own style and scripts by their sha256: a script or an
event handler that slipped into the markup would not run, and nothing can be fetched or sent.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from typing import Any

from .glossary_findings import KINDS, counted
from .report_assets import CSS, FINDINGS_JS, TABLE_JS

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}
FINDING_COLUMNS = (("severity", "Severity"), ("kind", "Kind"), ("line", "Line"), ("concept", "Concept"),
                   ("lang", "Lang"), ("term", "Term"), ("count", "Count"),
                   ("suggestion", "Suggested English"), ("message", "Message"))


def esc(value: object) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def script_json(data: Any) -> str:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def page(title: str, header: str, body: str, scripts: tuple[str, ...] = (TABLE_JS,)) -> str:
    """A whole document: `header` and `body` are markup built with `esc`; `scripts` are kbnorm's own."""
    before, after = page_around_body(title, header, scripts)
    return before + body + after


def page_around_body(title: str, header: str, scripts: tuple[str, ...] = (TABLE_JS,)) -> tuple[str, str]:
    """The document `page` makes, before and after its body, for a body written piece by piece."""
    inline = "".join(f"<script>{script}</script>\n" for script in scripts)
    policy = (f"default-src 'none'; style-src {_source_hash(CSS)}; "
              f"script-src {' '.join(_source_hash(script) for script in scripts)}")
    before = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header>\n{header}\n</header>\n<main>\n"
    )
    return before, f"\n</main>\n{inline}</body>\n</html>\n"


def _source_hash(source: str) -> str:
    """A CSP source naming one inline element by the sha256 of its exact text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def filter_controls(placeholder: str, extra: str = "") -> str:
    """The filter box and its row count, which TABLE_JS drives; `extra` is markup for more controls."""
    return ("<div class=\"controls\"><input id=\"filter\" type=\"search\" autocomplete=\"off\" "
            f"placeholder=\"{esc(placeholder)}\" aria-label=\"filter\">"
            f"<span id=\"shown\" class=\"meta\"></span>{extra}</div>")


def findings_page(report: dict[str, Any]) -> str:
    """The glossary check's page: a summary, then every finding in a sortable, filterable table.

    `report` is what findings.json holds; a finding's row opens onto its concordance, each
    context with the term highlighted and the block's English below it.
    """
    findings = report["findings"]
    kinds = Counter(f["kind"] for f in findings)
    chips = "".join(f"<button class=\"chip\" data-set-filter=\"{esc(kind)}\" "
                    f"title=\"{esc(KINDS[kind].title)}\">{esc(kind)} {count}</button>"
                    for kind, count in sorted(kinds.items()))
    severities = Counter(f["severity"] for f in findings)
    corpus = (f"corpus {esc(report['corpus'])} ({counted(report['docs'], 'page')})" if report["corpus"]
              else "no corpus")
    header = (f"<h1>Glossary check</h1>\n<p class=\"meta\">{esc(report['glossary'])} · {corpus} · "
              f"{counted(severities['error'], 'error')} · {counted(severities['warning'], 'warning')}</p>\n"
              + "".join(f"<p class=\"meta\">{esc(note)}</p>" for note in report["notes"])
              + filter_controls("filter: words that must all occur, e.g. error zh 医疗",
                                f"<button class=\"chip\" id=\"expand\">contexts</button>{chips}"))
    heads = "".join(f"<th data-sort=\"{key}\" scope=\"col\">{esc(label)}</th>"
                    for key, label in FINDING_COLUMNS)
    legend = "".join(f"<tr><td>{esc(kind)}</td><td>{esc(k.severity)}</td><td>{esc(k.title)}</td></tr>"
                     for kind, k in KINDS.items())
    body = (
        "<noscript><p>The table needs JavaScript; findings.csv and findings.json beside this page hold the "
        "same findings.</p></noscript>\n"
        f"<table id=\"findings\"><thead><tr>{heads}</tr></thead></table>\n"
        f"<details><summary>Kinds of finding</summary>\n<table><tbody>{legend}</tbody></table></details>\n"
        f"<script type=\"application/json\" id=\"kbnorm-data\">{script_json(report)}</script>"
    )
    return page("Glossary check", header, body, (FINDINGS_JS, TABLE_JS))
