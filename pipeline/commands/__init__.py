"""One module per `kbnorm` command, each exposing `register(commands)` that adds its parser.

A command's handler returns the process exit status; `pipeline.cli.main` maps the errors
every command shares (a broken glossary, a missing file) to clear messages and exit 2.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..glossary import Glossary, default_glossary_path, load_glossary

if TYPE_CHECKING:
    from ..context import Settings


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--glossary", type=Path, default=None, metavar="CSV",
                        help="glossary file (default: ./glossary.csv, else the one kbnorm ships)")


def glossary_from(args: argparse.Namespace) -> Glossary:
    return load_glossary(args.glossary or default_glossary_path())


TRANSLATORS = ("auto", "glossary", "argos")


def add_translator_options(parser: argparse.ArgumentParser) -> None:
    """--translator and --beam-size, for the commands that translate (their values are run settings)."""
    from ..context import Settings

    defaults = Settings()
    parser.add_argument("--translator", choices=TRANSLATORS, default=defaults.translator,
                        help="auto (default): argos where a zh-en or id-en package is installed (see "
                             "`kbnorm models`), the embedded glossary engine elsewhere; glossary: the "
                             "embedded engine only; argos: the packages only, an error when one is missing")
    parser.add_argument("--beam-size", type=positive_int, default=defaults.beam_size, metavar="N",
                        help="beam size of argos decoding (default: %(default)s; 1 is greedy search, faster)")


def settings_from(args: argparse.Namespace) -> Settings:
    from ..context import Settings

    return Settings(translator=args.translator, beam_size=args.beam_size)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1, else a message naming what was given."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
