"""`kbnorm run`: normalize pages into the output contract."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import exit_codes
from ..engines import ENGINES, EngineUnavailable, engine_from
from . import add_glossary_option, add_translator_options, glossary_from, positive_int, settings_from

EPILOG = """\
examples:
  kbnorm run                          read raw/, write normalized/
  kbnorm run pages/ extra.html --out out/
  kbnorm run crawl.warc.gz --glossary my-glossary.csv
  kbnorm run /data/pages --workers 8 --log-json     (from cron, for a log collector)
  kbnorm run /data/pages --engine dask --address tcp://10.0.0.5:8786   (on a Dask cluster)

inputs: files or folders; folders are walked for .txt, .md, .html, .htm and the crawl
containers .warc, .warc.gz and .jsonl (one page a line with url and html or text).

writes under --out: docs/<doc_id>.json (one per page, schema kbnorm.doc/1), corpus.jsonl,
knowledge_base.json and manifest.json, each file whole or not at all.

incremental: a page is redone only when its bytes, the glossary, the settings or kbnorm's
version changed (--force redoes all); documents whose input disappeared are removed.
One run at a time per output folder: a second run exits 75, or waits with --wait.

exit status: 0 all pages written; 1 some pages failed (named on stderr and in the
manifest, the rest written); 2 bad usage or a broken glossary (nothing written);
75 another run holds the output folder; 130/143 stopped by SIGINT/SIGTERM (what was
done is recorded and reused by the next run).
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
    add_translator_options(parser)
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                        help="pages processed in parallel (default: the number of cores, %(default)s)")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="where pages are processed: local, a process pool on this machine (the "
                             "default), or dask, a Dask distributed cluster (pip install 'kbnorm[cluster]')")
    parser.add_argument("--address", metavar="ADDR",
                        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 (default: "
                             "start a local cluster of --workers processes for this run)")
    parser.add_argument("--force", action="store_true", help="redo every page, even unchanged ones")
    parser.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="wait this long for another run on the same --out to finish (default: 0)")
    parser.add_argument("--log-json", action="store_true",
                        help="log one JSON object per line on stderr instead of a progress bar")
    parser.add_argument("--max-page-mb", type=float, default=20.0, metavar="MB",
                        help="pages larger than this are reported as failures (default: %(default)s)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ..argos_routing import TranslatorUnavailable, check_translator
    from ..progress import Progress
    from ..runner import RunOptions, run

    try:
        engine = engine_from(args.engine, args.address)
        settings = settings_from(args)
        check_translator(settings)
        options = RunOptions(inputs=args.inputs, out=args.out, glossary=glossary_from(args),
                             settings=settings, workers=args.workers, force=args.force, wait=args.wait,
                             max_page_bytes=int(args.max_page_mb * 1024 * 1024), engine=engine)
        return run(options, Progress(log_json=args.log_json)).exit_code
    except (EngineUnavailable, TranslatorUnavailable) as err:  # before any page is processed: nothing written
        print(f"kbnorm: {err}", file=sys.stderr)
        return exit_codes.USAGE
