"""The CSS and JavaScript inlined into kbnorm's HTML reports, so a report is one file that works offline.

The script never builds HTML from strings: text from pages and glossaries reaches the DOM
through `textContent` only. `TABLE_JS` is shared by every report: a filter box (every word
must occur in a row or in the title of its section; `data-row`, `data-section`, and
`data-group` for a heading and its table, hidden when none of its rows match) and sortable
columns, both of which
also read their initial state from the URL fragment (`report.html#filter=nurse&sort=-count`)
so a link, or a test, can open a report already filtered.
"""

CSS = """
:root { color-scheme: light; --line: #d6d9de; --muted: #5f6670; --error: #b3261e; --warning: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1d2125; background: #fff; }
header { position: sticky; top: 0; z-index: 1; background: #f6f7f9; border-bottom: 1px solid var(--line);
  padding: 10px 20px; }
header h1 { font-size: 18px; margin: 0 0 4px; }
main { padding: 8px 20px 40px; }
.meta { color: var(--muted); margin: 0; }
.controls { display: flex; gap: 8px; align-items: center; margin-top: 8px; flex-wrap: wrap; }
#filter { width: 28em; max-width: 100%; padding: 4px 8px; font: inherit; }
button.chip { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 12px;
  padding: 1px 10px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 18px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef0f3; white-space: nowrap; }
th[data-sort] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error > tr:first-child > td:first-child { color: var(--error); font-weight: 600; }
.warning > tr:first-child > td:first-child { color: var(--warning); }
tr.expandable { cursor: pointer; }
tr.expandable:hover { background: #f3f6fb; }
tr.concordance td { background: #fafbfc; }
.context { margin: 2px 0 8px; }
.context .where { color: var(--muted); font-size: 12px; margin-right: 6px; }
.context .en { color: var(--muted); display: block; margin-left: 12px; font-size: 12px; }
mark { background: #ffe08a; padding: 0 1px; }
section { border-top: 1px solid var(--line); padding-top: 4px; }
section h3 { margin: 10px 0 4px; }
h4 { margin: 10px 0 2px; font-size: 13px; color: var(--muted); text-transform: uppercase; }
.quote { display: block; color: var(--muted); }
.quote .lang { color: #1d2125; font-weight: 600; margin-right: 4px; }
small { color: var(--muted); font-weight: normal; }
.empty { color: var(--muted); font-style: italic; }
[hidden] { display: none !important; }
"""

TABLE_JS = r"""
(function () {
  "use strict";
  const input = document.getElementById("filter");
  const counter = document.getElementById("shown");
  const state = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));

  function hasAll(text, words) {
    const hay = text.toLowerCase();
    return words.every((w) => hay.includes(w));
  }

  function applyFilter(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = document.querySelectorAll("[data-row]");
    let shown = 0;
    rows.forEach((row) => {
      const section = row.closest("[data-section]");
      const text = row.textContent + " " + (section ? section.dataset.title : "");
      row.hidden = words.length > 0 && !hasAll(text, words);
      if (!row.hidden) shown += 1;
    });
    document.querySelectorAll("[data-group]").forEach((group) => {
      group.hidden = words.length > 0 && !group.querySelector("[data-row]:not([hidden])");
    });
    document.querySelectorAll("[data-section]").forEach((section) => {
      const visible = section.querySelector("[data-row]:not([hidden])");
      section.hidden = words.length > 0 && !visible && !hasAll(section.dataset.title, words);
    });
    if (counter) counter.textContent = shown + " of " + rows.length + " rows";
  }

  function cellValue(row, index) {
    const first = row.rows ? row.rows[0] : row;
    const cell = first.cells[index];
    return cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent) : "";
  }

  function compare(a, b) {
    const x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.trim() && String(y) === b.trim()) return x - y;
    return a.localeCompare(b);
  }

  function sortBy(th, descending) {
    const table = th.closest("table");
    const index = Array.from(th.parentNode.cells).indexOf(th);
    const rows = Array.from(table.querySelectorAll("[data-row]")).filter((r) => r.closest("table") === table);
    rows.sort((r1, r2) => compare(cellValue(r1, index), cellValue(r2, index)) * (descending ? -1 : 1));
    rows.forEach((row) => row.parentNode.appendChild(row));
    table.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function remember() {
    const params = new URLSearchParams();
    if (input && input.value) params.set("filter", input.value);
    const sorted = document.querySelector("th[aria-sort]");
    if (sorted) params.set("sort", (sorted.getAttribute("aria-sort") === "descending" ? "-" : "")
                                    + sorted.dataset.sort);
    history.replaceState(null, "", params.toString() ? "#" + params.toString() : location.pathname);
  }

  document.querySelectorAll("th[data-sort]").forEach((th) => {
    th.addEventListener("click", () => {
      sortBy(th, th.getAttribute("aria-sort") === "ascending");
      remember();
    });
  });
  document.querySelectorAll("[data-set-filter]").forEach((button) => {
    button.addEventListener("click", () => {
      input.value = button.dataset.setFilter;
      applyFilter(input.value);
      remember();
    });
  });
  if (input) {
    input.addEventListener("input", () => { applyFilter(input.value); remember(); });
  }

  const sort = state.get("sort");
  if (sort) {
    const key = CSS.escape(sort.replace(/^-/, ""));
    const descending = sort.startsWith("-");
    document.querySelectorAll('th[data-sort="' + key + '"]').forEach((th) => sortBy(th, descending));
  }
  if (input) input.value = state.get("filter") || "";
  applyFilter(input ? input.value : "");
})();
"""

# Renders the findings table from the page's JSON; `#contexts` in the URL opens every concordance.
FINDINGS_JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kbnorm-data").textContent);
  const table = document.getElementById("findings");
  const columns = Array.from(table.querySelectorAll("th")).map((th) => th.dataset.sort);
  const WIDTH = 70;  // characters of context on each side of a highlighted term

  function codePoints(text) { return Array.from(text || ""); }

  function context(occurrence) {
    const chars = codePoints(occurrence.text);
    const from = Math.max(0, occurrence.start - WIDTH);
    const to = Math.min(chars.length, occurrence.end + WIDTH);
    const line = document.createElement("div");
    line.className = "context";
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = occurrence.doc_id + " \u00b7 block " + occurrence.block;
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(occurrence.start, occurrence.end).join("");
    const english = document.createElement("span");
    english.className = "en";
    english.textContent = occurrence.text_en;
    line.append(where, (from > 0 ? "\u2026" : "") + chars.slice(from, occurrence.start).join(""), mark,
                chars.slice(occurrence.end, to).join("") + (to < chars.length ? "\u2026" : ""), english);
    return line;
  }

  data.findings.forEach((finding) => {
    const body = document.createElement("tbody");
    body.dataset.row = "";
    body.className = finding.severity;
    const row = body.insertRow();
    columns.forEach((key) => {
      const cell = row.insertCell();
      const value = finding[key];
      cell.textContent = value === null || value === undefined ? "" : String(value);
      if (key === "line" || key === "count") cell.className = "num";
    });
    if (finding.occurrences.length) {
      row.classList.add("expandable");
      row.title = "show where it occurs";
      const detail = body.insertRow();
      detail.className = "concordance";
      detail.hidden = true;
      const cell = detail.insertCell();
      cell.colSpan = columns.length;
      finding.occurrences.forEach((occurrence) => cell.append(context(occurrence)));
      row.addEventListener("click", () => { detail.hidden = !detail.hidden; });
    }
    table.append(body);
  });
  function showContexts(open) {
    table.querySelectorAll("tr.concordance").forEach((detail) => { detail.hidden = !open; });
  }
  document.getElementById("expand").addEventListener("click", () => {
    showContexts(Array.from(table.querySelectorAll("tr.concordance")).some((detail) => detail.hidden));
  });
  showContexts(new URLSearchParams(location.hash.slice(1) || location.search.slice(1)).has("contexts"));
})();
"""
