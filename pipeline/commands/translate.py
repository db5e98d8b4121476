"""`kbnorm translate`: one text into English (glossary engine or argos), with the glossary terms it holds."""
from __future__ import annotations

import argparse
import sys

from .. import exit_codes
from . import add_glossary_option, add_translator_options, glossary_from, settings_from

EPILOG = """\
examples:
  kbnorm translate "医疗助理和药学技术人员在医疗保健系统中都扮演着重要的角色"
  kbnorm translate --from id "Asisten medis menjadwalkan janji temu"
  echo "Medical assistants work in 医院" | kbnorm translate -
  kbnorm translate --translator argos "药剂师在医院工作。"    (with a zh-en package installed)

prints the English on the first line, then one line per glossary term found in the text:
status, language, source form, the glossary's English and the concept id. Text read from
standard input is translated line by line.

--from auto (the default) finds the language spans first, so mixed text keeps its English;
--from zh or --from id reads the whole text as that language. --translator chooses the engine
as for `kbnorm run`; with argos, a language of the text without a package exits 2.
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("translate", help="translate text into English with the glossary's terms",
                                 description="Translate Chinese or Indonesian text (or a mix with English) "
                                             "into English with the embedded engine (glossary and bundled "
                                             "dictionaries) or installed argos packages; glossary terms keep "
                                             "their glossary English.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", metavar="TEXT", help="the text to translate, or - to read standard input")
    parser.add_argument("--from", dest="source_lang", choices=("zh", "id", "auto"), default="auto",
                        help="the text's language (default: auto, detected span by span)")
    add_glossary_option(parser)
    add_translator_options(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..argos_routing import TranslatorUnavailable
    from ..context import Context
    from ..translate import translate_text

    ctx = Context(glossary=glossary_from(args), settings=settings_from(args))
    lines = sys.stdin.read().splitlines() if args.text == "-" else [args.text]
    for line in lines:
        if not line.strip():
            print()
            continue
        try:
            english, terms = translate_text(line, args.source_lang, ctx)
        except TranslatorUnavailable as err:
            print(f"kbnorm: {err}", file=sys.stderr)
            return exit_codes.USAGE
        print(english)
        for term in terms:
            print(f"  {term.status:8} {term.lang}  {term.source} -> {term.target}  ({term.concept})")
    return 0
