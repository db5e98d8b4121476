"""`kbnorm run`: normalize pages into the output contract."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..context import Settings
from . import add_glossary_option, glossary_from

EPILOG = """\
examples:
  kbnorm run                          read raw/, write normalized/
  kbnorm run pages/ extra.html --out out/
  kbnorm run crawl.warc.gz --glossary my-glossary.csv

inputs: files or folders; folders are walked for .txt, .md, .html, .htm and the crawl
containers .warc, .warc.gz and .jsonl (one page a line with url and html or text).

writes under --out: docs/<doc_id>.json (one per page, schema kbnorm.doc/1), corpus.jsonl,
knowledge_base.json and manifest.json, each file whole or not at all.

exit status: 0 all pages written; 1 some pages failed (named on stderr and in the
manifest, the rest written); 2 bad usage or a broken glossary (nothing written).
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("run", help="normalize pages into a corpus and a knowledge base",
                                 description="Normalize scraped pages into the kbnorm output contract.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=["raw"], metavar="INPUT",
                        help="page files, folders or crawl containers (default: raw/)")
    parser.add_argument("--out", type=Path, default=Path("normalized"), metavar="DIR",
                        help="output folder (default: normalized/)")
    add_glossary_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..runner import run

    report = run(args.inputs, args.out, glossary_from(args), Settings())
    print(report.summary(), file=sys.stderr)
    return report.exit_code
