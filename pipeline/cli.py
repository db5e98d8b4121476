"""The `kbnorm` command line: parses arguments and hands over to the modules that do the work."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .context import Settings
from .glossary import Glossary, GlossaryError, default_glossary_path, load_glossary
from .runner import EXIT_USAGE

DESCRIPTION = """\
kbnorm turns scraped career and training pages about allied-health roles (English, Chinese,
Indonesian or a mix) into a clean, structured English corpus and a knowledge base.
"""

RUN_EPILOG = """\
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kbnorm", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kbnorm {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", help="normalize pages into a corpus and a knowledge base",
                              description="Normalize scraped pages into the kbnorm output contract.",
                              epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("inputs", nargs="*", default=["raw"], metavar="INPUT",
                     help="page files, folders or crawl containers (default: raw/)")
    run.add_argument("--out", type=Path, default=Path("normalized"), metavar="DIR",
                     help="output folder (default: normalized/)")
    _add_glossary_option(run)
    run.set_defaults(handler=_run)
    return parser


def _add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--glossary", type=Path, default=None, metavar="CSV",
                        help="glossary file (default: ./glossary.csv, else the one kbnorm ships)")


def _load_glossary(path: Path | None) -> Glossary:
    return load_glossary(path or default_glossary_path())


def _run(args: argparse.Namespace) -> int:
    from .runner import run

    glossary = _load_glossary(args.glossary)
    report = run(args.inputs, args.out, glossary, Settings())
    print(report.summary(), file=sys.stderr)
    return report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except GlossaryError as err:
        for problem in err.problems:
            print(f"kbnorm: glossary: {problem}", file=sys.stderr)
        print("kbnorm: the glossary is broken; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    except FileNotFoundError as err:
        print(f"kbnorm: {err.strerror}: {err.filename}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("kbnorm: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
