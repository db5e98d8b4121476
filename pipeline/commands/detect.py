"""`kbnorm detect`: show the language spans kbnorm finds in a page or in text from stdin."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import add_glossary_option, glossary_from

EPILOG = """\
examples:
  kbnorm detect raw/000_49c13e119e22e16b.txt
  echo "Medical assistants work in 医疗保健 clinics" | kbnorm detect -
  kbnorm detect page.html --json | jq '.blocks[0].spans'

Each block is printed on one line with its spans marked [en], [zh], [id], [und]...;
colour on a terminal, plain text in a pipe. Artifacts of page translation ('o的r') are
repaired first, as in `kbnorm run`. --json prints one object for tools.
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("detect", help="show the language spans of a page's blocks",
                                 description="Detect the language of every span of a page's blocks.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", metavar="FILE|-", help="a page file (.txt, .md, .html) or - for stdin")
    parser.add_argument("--json", action="store_true", help="print JSON instead of marked-up text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the spans (default: auto, on a terminal only)")
    add_glossary_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..context import Context
    from ..detect import detect, format_spans
    from ..pages import build_doc
    from ..read import RawPage, page_format, safe_stem
    from ..repair import repair

    if args.source == "-":
        data, name, fmt = sys.stdin.buffer.read(), "stdin", "text"
    else:
        path = Path(args.source)
        data, name, fmt = path.read_bytes(), safe_stem(path.stem), page_format(path) or "text"
    ctx = Context(glossary=glossary_from(args))
    doc = detect(repair(build_doc(RawPage(args.source, data, fmt, name), name), ctx), ctx)
    if args.json:
        print(json.dumps({"languages": doc.languages,
                          "blocks": [{"index": b.index, "kind": b.kind, "lang": b.lang, "text": b.text,
                                      "spans": [s.to_json() for s in b.spans]} for b in doc.blocks]},
                         ensure_ascii=False, indent=2))
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    for block in doc.blocks:
        print(f"{block.index:>3} {block.kind:<9} {format_spans(block.text, block.spans, color=color)}")
    shares = ", ".join(f"{lang} {share:.0%}" for lang, share in sorted(doc.languages.items(),
                                                                       key=lambda item: -item[1]))
    print(f"languages: {shares}")
    return 0
