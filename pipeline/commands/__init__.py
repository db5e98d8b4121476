"""One module per `kbnorm` command, each exposing `register(commands)` that adds its parser.

A command's handler returns the process exit status; `pipeline.cli.main` maps the errors
every command shares (a broken glossary, a missing file) to clear messages and exit 2.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..glossary import Glossary, default_glossary_path, load_glossary


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--glossary", type=Path, default=None, metavar="CSV",
                        help="glossary file (default: ./glossary.csv, else the one kbnorm ships)")


def glossary_from(args: argparse.Namespace) -> Glossary:
    return load_glossary(args.glossary or default_glossary_path())
