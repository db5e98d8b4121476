"""What the local engine's forkserver loads once, before it forks any worker.

Importing this module imports the steps and loads the tables every page needs whatever the
glossary and settings: jieba's dictionary, OpenCC's converters, spaCy's English vocabulary, the
bundled Chinese lexicon and wordfreq's word lists, about 2.5 s of CPU. Each worker is then
forked with them in memory instead of loading its own copy on its first page. They are frozen out of the
garbage collector's reach last (`gc.freeze`), so that the workers' collections neither walk
them again and again nor write to the memory pages the workers share with the forkserver.
"""
from __future__ import annotations

import gc
from contextlib import suppress

import wordfreq

from . import process  # noqa: F401 - the steps and the libraries they import
from .langid_words import BASE_LANGS
from .lexicon import ChineseLexicon
from .vocab import english_vocab
from .zh_segment import base_dictionary, to_simplified


def _load_tables() -> None:
    base_dictionary()
    to_simplified("體")  # OpenCC's converters and the pattern that tells Simplified text without them
    english_vocab()
    ChineseLexicon.load()
    for lang in BASE_LANGS:
        wordfreq.get_frequency_dict(lang)


# A table that cannot load here (an unusable cache folder, say) must not take the forkserver down
# with it, which would end the run: each worker then tries again on its pages, which fail with the reason.
with suppress(Exception):
    _load_tables()
gc.freeze()
