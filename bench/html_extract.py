"""Main-content extraction on the labelled pages: kbnorm beside trafilatura and resiliparse.

    .venv/bin/python bench/html_extract.py [--seconds 3]

For each extractor, over tests/data/html/*.html and their labels files:
- chrome leaked: share of the labelled chrome strings found anywhere in the output;
- headings: share of the labelled content headings that come out as headings (kbnorm: a
  heading block; trafilatura: a <head> element of its XML output; resiliparse's plain text
  has no headings, so it shows n/a);
- content lost: share of the labelled content strings and headings missing from the output;
- ms/page: CPU time per page (one core), and the same scaled to a 40 KB page.
Needs bench/requirements.txt installed (trafilatura, lxml_html_clean, resiliparse).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.html import declared_charset, extract_html
from pipeline.html_text import collapse
from pipeline.read import decode

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "html"
REFERENCE_KB = 40


@dataclass(slots=True)
class Output:
    text: str  # everything the extractor kept, whitespace collapsed
    headings: list[str] | None  # None where the extractor has no notion of headings


@dataclass(slots=True)
class Page:
    name: str
    html: str
    labels: dict


def load_pages() -> list[Page]:
    pages = []
    for labels_path in sorted(PAGES.glob("*.labels.json")):
        name = labels_path.name.removesuffix(".labels.json")
        data = (PAGES / f"{name}.html").read_bytes()
        html, _ = decode(data, declared_charset(data))
        pages.append(Page(name, html, json.loads(labels_path.read_text(encoding="utf-8"))))
    return pages


def run_kbnorm(html: str) -> Output:
    blocks = extract_html(html).blocks
    return Output("\n".join(b.text for b in blocks), [b.text for b in blocks if b.kind == "heading"])


def run_trafilatura(html: str) -> Output:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False)
    if not xml:
        return Output("", [])
    tree = etree.fromstring(xml.encode("utf-8"))
    heads = [collapse("".join(head.itertext())) for head in tree.iter("head")]
    return Output("\n".join(collapse(t) for t in tree.itertext() if t.strip()), heads)


def run_resiliparse(html: str) -> Output:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return Output(extract_plain_text(HTMLTree.parse(html), main_content=True), None)


EXTRACTORS: dict[str, Callable[[str], Output]] = {
    "kbnorm (selectolax/lexbor)": run_kbnorm,
    "trafilatura": run_trafilatura,
    "resiliparse main_content": run_resiliparse,
}


@dataclass(slots=True)
class Score:
    chrome: int = 0
    chrome_leaked: int = 0
    headings: int = 0
    headings_found: int = 0
    content: int = 0
    content_lost: int = 0
    has_headings: bool = True

    def add(self, page: Page, out: Output) -> None:
        text = " ".join(collapse(line) for line in out.text.splitlines())
        chrome = [collapse(s) for _, s in page.labels["chrome"]]
        self.chrome += len(chrome)
        self.chrome_leaked += sum(s in text for s in chrome)
        heading_texts = [collapse(h) for _, h in page.labels["headings"]]
        self.headings += len(heading_texts)
        if out.headings is None:
            self.has_headings = False
        else:
            found = set(out.headings)
            self.headings_found += sum(h in found for h in heading_texts)
        content = heading_texts + [collapse(s) for _, s in page.labels["content"]]
        self.content += len(content)
        self.content_lost += sum(s not in text for s in content)


def cpu_ms_per_page(extract: Callable[[str], Output], pages: list[Page], seconds: float) -> float:
    """CPU time (this process, one core) per page, over as many passes as fit in `seconds`."""
    for page in pages:
        extract(page.html)  # warm caches and imports
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for page in pages:
            extract(page.html)
        done += len(pages)
    return 1000 * (time.process_time() - start) / done


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds of timing per extractor")
    args = parser.parse_args(argv)
    pages = load_pages()
    avg_kb = sum(len(p.html.encode("utf-8")) for p in pages) / len(pages) / 1024
    print(f"{len(pages)} labelled pages, {avg_kb:.1f} KB on average (UTF-8)\n")
    print(
        "| extractor | chrome leaked | content headings as headings | content lost | ms/page | "
        f"ms per {REFERENCE_KB} KB page | pages/s per core ({REFERENCE_KB} KB) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, extract in EXTRACTORS.items():
        score = Score()
        for page in pages:
            score.add(page, extract(page.html))
        ms = cpu_ms_per_page(extract, pages, args.seconds)
        ms_ref = ms * REFERENCE_KB / avg_kb
        headings = percent(score.headings_found, score.headings) if score.has_headings else "n/a"
        print(
            f"| {name} | {percent(score.chrome_leaked, score.chrome)} | {headings} | "
            f"{percent(score.content_lost, score.content)} | {ms:.2f} | {ms_ref:.2f} | {1000 / ms_ref:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
