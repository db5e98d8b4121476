"""`kbnorm models`: the argos translation packages kbnorm can use (list, install a file, remove)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import exit_codes

EPILOG = """\
examples:
  kbnorm models list
  kbnorm models install translate-zh_en-1_9.argosmodel
  kbnorm models remove zh-en

Packages are Argos Translate's .argosmodel files. kbnorm never downloads: fetch the files on a
machine that is online (the Argos Translate package index lists their links) and install
them here. kbnorm uses zh-en and id-en packages, in argostranslate's package folder
($ARGOS_PACKAGES_DIR, else ~/.local/share/argos-translate/packages), so packages installed
with argospm count too. `kbnorm run --translator auto` (the default) uses them where installed.

exit status: 0 done; 2 a file that is not a usable package, or no such package to remove.
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("models", help="list, install or remove argos translation packages",
                                 description="Manage the Argos Translate packages kbnorm translates with.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the installed packages and which languages they serve")
    listing.set_defaults(handler=handle_list)
    install = actions.add_parser("install", help="install a .argosmodel file (replaces one of its pair)")
    install.add_argument("archive", type=Path, metavar="FILE.argosmodel")
    install.set_defaults(handler=handle_install)
    remove = actions.add_parser("remove", help="remove the installed package with this code")
    remove.add_argument("code", metavar="CODE", help="a package code as `models list` shows it, e.g. zh-en")
    remove.set_defaults(handler=handle_remove)


def handle_list(args: argparse.Namespace) -> int:
    from ..argos_models import SOURCES, TARGET, find, installed, packages_dir

    packages = installed()
    print(f"argos packages in {packages_dir()}:")
    for package in packages:
        note = "" if package.usable else "  (unusable: kbnorm needs model/model.bin and sentencepiece.model)"
        print(f"  {package.code:<8} {package.version or '?':<8} {package.path.name}{note}")
    if not packages:
        print("  none")
    for lang in SOURCES:
        engine = "argos" if find(lang) is not None else "glossary (no package)"
        print(f"{lang} -> {TARGET} with --translator auto: {engine}")
    return exit_codes.OK


def handle_install(args: argparse.Namespace) -> int:
    from ..argos_models import ModelsError, install

    try:
        package, replaced = install(args.archive)
    except ModelsError as err:
        print(f"kbnorm: {err}", file=sys.stderr)
        return exit_codes.USAGE
    for old in replaced:
        print(f"removed {old.code} {old.version} ({old.path.name})")
    print(f"installed {package.code} {package.version} in {package.path}")
    return exit_codes.OK


def handle_remove(args: argparse.Namespace) -> int:
    from ..argos_models import ModelsError, remove

    try:
        removed = remove(args.code)
    except ModelsError as err:
        print(f"kbnorm: {err}", file=sys.stderr)
        return exit_codes.USAGE
    for package in removed:
        print(f"removed {package.code} {package.version} ({package.path})")
    return exit_codes.OK
