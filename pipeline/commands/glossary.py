"""`kbnorm glossary check`: the translators' check of the glossary, alone or against a corpus."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import exit_codes
from . import add_glossary_option, positive_int

ERRORS_FOUND = 1  # the check ran and found errors (see EPILOG)
DEFAULT_OUT = Path("glossary-check")

EPILOG = """\
examples:
  kbnorm glossary check                              the glossary alone
  kbnorm glossary check --corpus normalized/         and how its terms fare in a run's output
  kbnorm glossary check --glossary new.csv --corpus normalized/ --out /tmp/check

what it looks for
  in the glossary: rows the loader rejects (unreadable CSV, wrong columns, bad concept ids
  or types, duplicate concepts, a form twice in a cell or on two concepts of one type, empty
  cells); a form on terms of two types; zh forms differing only in letter case; Chinese in en
  or id cells; zh cells without Chinese; Simplified zh forms without their Traditional spelling.
  in the corpus (--corpus: a `kbnorm run` output folder, or its corpus.jsonl): terms whose
  preferred English is missing from the translation; concepts written in English in more than
  one way; concepts no page mentions; frequent zh and id words and phrases no glossary entry
  covers, with suggested English and their contexts.

severity: errors are what makes `kbnorm run` refuse the glossary, and terms missing from the
translation; everything else is a warning. The corpus is checked only when the glossary loads.

writes under --out (default: glossary-check/): findings.csv (spreadsheet-safe, UTF-8 with BOM),
findings.json, and report.html, one page that works offline: a sortable, filterable table,
each finding opening onto its contexts. report.html#filter=missing_term opens it filtered.

exit status: 0 no errors (warnings allowed); 1 errors found; 2 bad usage (a missing glossary
or corpus, an unwritable --out).
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("glossary", help="check the glossary (for translators)",
                                 description="Tools for the glossary's translators.")
    actions = parser.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="find errors and gaps in the glossary and its use in a corpus",
        description="Check the glossary, and optionally a normalized corpus against it.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_glossary_option(check)
    check.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                       help="a `kbnorm run` output folder (or its corpus.jsonl) to check")
    check.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                       help="where the findings go (default: %(default)s/)")
    check.add_argument("--min-count", type=positive_int, default=2, metavar="N",
                       help="report an uncovered word seen at least N times (default: %(default)s)")
    check.add_argument("--top", type=positive_int, default=200, metavar="N",
                       help="report at most N uncovered words per language (default: %(default)s)")
    check.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..glossary import default_glossary_path
    from ..glossary_check import check, write_reports
    from ..glossary_findings import ERROR, WARNING, counted

    glossary = args.glossary or default_glossary_path()
    try:
        result = check(glossary, args.corpus, min_count=args.min_count, top=args.top)
        files = write_reports(result, args.out)
    except OSError as err:
        print(f"kbnorm: {err.strerror or err}: {err.filename}", file=sys.stderr)
        return exit_codes.USAGE
    for finding in result.findings:
        if finding.severity == ERROR:
            where = f"{glossary}:{finding.line}" if finding.line else str(glossary)
            print(f"{where}: {finding.kind}: {finding.message}")
    for note in result.notes:
        print(f"note: {note}")
    pages = f" ({counted(result.docs, 'page')})" if args.corpus else ""
    print(f"kbnorm: glossary check: {counted(result.count(ERROR), 'error')}, "
          f"{counted(result.count(WARNING), 'warning')}{pages}")
    for path in files:
        print(f"  {path}")
    return ERRORS_FOUND if result.count(ERROR) else exit_codes.OK
