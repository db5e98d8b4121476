"""The `argos` engine: an installed package's CTranslate2 and SentencePiece models, run by kbnorm.

argostranslate's own `translate` takes one string at a time: it splits it into sentences
with stanza or MiniSBD models (downloaded when the package lacks them), decodes them in one
CTranslate2 call per string, and stops every sentence at 256 tokens, CTranslate2's default
decoding length. kbnorm runs the same two models itself:

- sentences come from pipeline.sentences (rules for en, zh and id; nothing to download);
- all the sentences it is given (every span of a page in that language) go into one
  `translate_batch`, batched by tokens so sentences of a like length decode together, on one
  translator per core (`inter_threads`, weights shared) with one thread each;
- the decoding length follows the input (three times the longest sentence, plus a margin),
  and a sentence that still ends without the end token is decoded again with twice the
  room, so a long sentence is never cut;
- glossary terms travel as codes and come out in their glossary English (argos_protect).

A package's models are loaded once per process, keyed by the package's folder, and kept.
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .argos_models import ENGINE
from .argos_protect import SourceTerm, between, find_terms, mask, reassemble, unmask
from .english import capitalize_first
from .sentences import split_sentences
from .translate_types import AppliedTerm, SegmentContext, TranslatedSegment, applied_terms

if TYPE_CHECKING:
    from .argos_models import ArgosPackage
    from .glossary import Glossary

MAX_BATCH_TOKENS = 2048  # source tokens per batch a translator decodes at once
LENGTH_RATIO = 3  # English tokens per source token allowed at first (a Chinese character may need 3)
LENGTH_MARGIN = 16
MAX_DOUBLINGS = 4  # a sentence still unfinished after this many doublings is kept as decoded
LENGTH_PENALTY = 0.2  # argostranslate's, which its packages are tuned for


class ArgosModel:
    """One package's translator and tokenizer, loaded once per process (see `load`)."""

    def __init__(self, folder: Path, threads: int) -> None:
        import ctranslate2
        import sentencepiece

        config = json.loads((folder / "model" / "config.json").read_text(encoding="utf-8"))
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        self.end_token: str = config.get("eos_token", "</s>")
        self.target_prefix: str = metadata.get("target_prefix", "")
        self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
        self.translator = ctranslate2.Translator(str(folder / "model"), device="cpu", compute_type="auto",
                                                 inter_threads=threads, intra_threads=1)

    def translate(self, sources: Sequence[str], beam_size: int) -> list[str]:
        """The English of each source sentence, all decoded in one batched call (empty stays empty)."""
        tokens = [self.tokenizer.encode(source, out_type=str) if source.strip() else [] for source in sources]
        decoded = self._decode(tokens, beam_size)
        return [self.tokenizer.decode_pieces(pieces).strip() for pieces in decoded]

    def _decode(self, tokens: list[list[str]], beam_size: int) -> list[list[str]]:
        """Target pieces per input; inputs that hit the length limit are decoded again with twice the room."""
        out: list[list[str]] = [[] for _ in tokens]
        todo = [i for i, pieces in enumerate(tokens) if pieces]
        limit = LENGTH_RATIO * max((len(tokens[i]) for i in todo), default=0) + LENGTH_MARGIN
        for _ in range(MAX_DOUBLINGS + 1):
            if not todo:
                break
            options = self._options(len(todo), beam_size, limit)
            results = self.translator.translate_batch([tokens[i] for i in todo], **options)
            unfinished = []
            for i, result in zip(todo, results, strict=True):
                pieces = list(result.hypotheses[0])
                if self.target_prefix and pieces[:1] == [self.target_prefix]:
                    pieces = pieces[1:]
                finished = pieces[-1:] == [self.end_token]
                out[i] = pieces[:-1] if finished else pieces
                if not finished:
                    unfinished.append(i)
            todo, limit = unfinished, limit * 2
        return out

    def _options(self, count: int, beam_size: int, limit: int) -> dict[str, Any]:
        prefix = [[self.target_prefix]] * count if self.target_prefix else None
        return {"target_prefix": prefix, "max_batch_size": MAX_BATCH_TOKENS, "batch_type": "tokens",
                "beam_size": beam_size, "length_penalty": LENGTH_PENALTY, "max_input_length": 0,
                "max_decoding_length": limit, "return_end_token": True, "replace_unknowns": True}


_models: dict[Path, ArgosModel] = {}


def load(folder: Path) -> ArgosModel:
    """The package in `folder`, loaded on first use in this process: one translator per core."""
    if folder not in _models:
        _models[folder] = ArgosModel(folder, threads=os.cpu_count() or 1)
    return _models[folder]


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence of a span: where it starts in the span, its glossary terms, its masked text."""

    text: str
    offset: int
    terms: list[SourceTerm]
    masked: str | None  # None: the text held a code already, so it is translated apart


class ArgosTranslator:
    """The `argos` engine for one language: the Translator protocol, and a batch of spans at once."""

    name = ENGINE

    def __init__(self, package: ArgosPackage, glossary: Glossary, beam_size: int) -> None:
        self.package = package
        self._glossary = glossary
        self._beam_size = beam_size

    def translate(self, text: str, lang: str, context: SegmentContext | None = None) -> TranslatedSegment:
        return self.translate_batch([text], lang)[0]

    def translate_batch(self, texts: Sequence[str], lang: str) -> list[TranslatedSegment]:
        """The English of each text (one span each) with the glossary terms it holds; every sentence of
        every text goes to the model in one call, and the sentences that lost a code in a second."""
        model = load(self.package.path)
        spans = [self._sentences(text, lang) for text in texts]
        sentences = [sentence for span in spans for sentence in span]
        english: list[str | None] = [None] * len(sentences)
        masked = [i for i, s in enumerate(sentences) if s.masked is not None]
        first = model.translate([sentences[i].masked or "" for i in masked], self._beam_size)
        for i, text in zip(masked, first, strict=True):
            english[i] = unmask(text, sentences[i].terms)
        apart = [i for i, text in enumerate(english) if text is None]
        for i, text in zip(apart, self._apart(model, [sentences[i] for i in apart]), strict=True):
            english[i] = text
        segments, at = [], 0
        for span in spans:
            segments.append(_segment([e or "" for e in english[at:at + len(span)]], span))
            at += len(span)
        return segments

    def _sentences(self, text: str, lang: str) -> list[_Sentence]:
        """The span cut into sentences by kbnorm's own rules, each with its glossary terms masked."""
        out = []
        for start, end in split_sentences(text):
            sentence = text[start:end]
            terms = find_terms(sentence, lang, self._glossary)
            out.append(_Sentence(sentence, start, terms, mask(sentence, terms)))
        return out

    def _apart(self, model: ArgosModel, sentences: list[_Sentence]) -> list[str]:
        """Sentences translated piece by piece between their terms, all pieces in one batch."""
        pieces = [between(s.text, s.terms) for s in sentences]
        english = iter(model.translate([piece for group in pieces for piece in group], self._beam_size))
        return [reassemble([next(english) for _ in group], s.terms) for group, s in zip(pieces, sentences,
                                                                                        strict=True)]


def _segment(english: list[str], sentences: list[_Sentence]) -> TranslatedSegment:
    """A span's English from its sentences' (a sentence after the first starts with a capital) and the
    glossary terms found in it."""
    text = " ".join(capitalize_first(e) if i else e for i, e in enumerate(english) if e)
    concepts = [(term.concept, s.offset + term.start, s.offset + term.end)
                for s in sentences for term in s.terms]
    terms: list[AppliedTerm] = applied_terms(concepts, text)
    return TranslatedSegment(text, terms)
