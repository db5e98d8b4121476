"""`kbnorm translate`: one text through the embedded translator, with the glossary terms it applied."""
from __future__ import annotations

import argparse
import sys

from . import add_glossary_option, glossary_from

EPILOG = """\
examples:
  kbnorm translate "医疗助理和药学技术人员在医疗保健系统中都扮演着重要的角色"
  kbnorm translate --from id "Asisten medis menjadwalkan janji temu"
  echo "Medical assistants work in 医院" | kbnorm translate -

prints the English on the first line, then one line per glossary term found in the text:
status, language, source form, the glossary's English and the concept id. Text read from
standard input is translated line by line.

--from auto (the default) finds the language spans first, so mixed text keeps its English;
--from zh or --from id reads the whole text as that language.
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("translate", help="translate text with the embedded glossary translator",
                                 description="Translate Chinese or Indonesian text (or a mix with English) "
                                             "into English with the glossary and the bundled dictionaries.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", metavar="TEXT", help="the text to translate, or - to read standard input")
    parser.add_argument("--from", dest="source_lang", choices=("zh", "id", "auto"), default="auto",
                        help="the text's language (default: auto, detected span by span)")
    add_glossary_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..context import Context
    from ..translate import translate_text

    ctx = Context(glossary=glossary_from(args))
    lines = sys.stdin.read().splitlines() if args.text == "-" else [args.text]
    for line in lines:
        if not line.strip():
            print()
            continue
        english, terms = translate_text(line, args.source_lang, ctx)
        print(english)
        for term in terms:
            print(f"  {term.status:8} {term.lang}  {term.source} -> {term.target}  ({term.concept})")
    return 0
