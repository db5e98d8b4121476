"""The `kbnorm` command line: parses arguments and hands over to the command modules."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, exit_codes
from .commands import detect, glossary, models, run, translate
from .glossary import GlossaryError
from .lock import LockedError

DESCRIPTION = """\
kbnorm turns scraped career and training pages about allied-health roles (English, Chinese,
Indonesian or a mix) into a clean, structured English corpus and a knowledge base.
Run `kbnorm COMMAND --help` for each command's options and examples.
"""
COMMANDS = (run, detect, translate, glossary, models)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kbnorm", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kbnorm {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except GlossaryError as err:
        for problem in err.problems:
            print(f"kbnorm: glossary: {problem}", file=sys.stderr)
        print("kbnorm: the glossary is broken; nothing was written", file=sys.stderr)
        return exit_codes.USAGE
    except LockedError as err:
        print(f"kbnorm: {err}", file=sys.stderr)
        return exit_codes.LOCKED
    except FileNotFoundError as err:
        print(f"kbnorm: {err.strerror}: {err.filename}", file=sys.stderr)
        return exit_codes.USAGE
    except KeyboardInterrupt:
        print("kbnorm: interrupted", file=sys.stderr)
        return exit_codes.SIGINT


if __name__ == "__main__":
    sys.exit(main())
