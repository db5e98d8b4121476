"""English word knowledge for extraction: tokens, lemmas and the word classes a word can take.

No trained spaCy pipeline can be installed here, so extraction reads English with a blank
pipeline: spaCy's tokenizer, and the lemma and word-class tables of `spacy-lookups-data`
(WordNet's lists of verbs, nouns and adjectives). That is enough to see that "Recording" is
the verb "record" and that "billing" after "bookkeeping," is not a new action in
"bookkeeping, billing and insurance claims" (see phrases.py): the rules only need to know
what a word *can* be, and the position tells the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_TITLE, LOWER, ORTH
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokenizer import Tokenizer
from wordfreq import zipf_frequency

# Words the tables get wrong for this genre, or that must keep their form.
_LEMMA_OVERRIDES = {
    "'s": "'s",
    "’s": "'s",
    "data": "data",
    "media": "media",
    "staff": "staff",
    "needs": "need",
    "as": "as",
    "us": "us",
    "does": "do",
    "ekgs": "ekg",
    "ecgs": "ecg",
}
# Function words that the WordNet verb list also holds ("can" the verb, "may" the month...).
_NEVER_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "onto",
        "about",
        "than",
        "then",
        "so",
        "also",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "their",
        "there",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "you",
        "your",
        "our",
        "who",
        "which",
        "what",
        "all",
        "any",
        "some",
        "each",
        "many",
        "most",
        "more",
        "other",
        "such",
        "not",
        "no",
        "only",
        "just",
        "well",
        "very",
        "often",
        "usually",
        "typically",
        "generally",
        "directly",
        "closely",
        "patient",
        "patients",
        "doctor",
        "doctors",
        "physician",
        "physicians",
        "nurse",
        "nurses",
        "pharmacist",
        "pharmacists",
    ]
)


_COMMON_ZIPF = 2.5  # about once in three million words
_CACHED_WORDS = 65_536  # words (and their lemmas) kept per process: words recur from page to page
_CACHED_TEXTS = 1024  # tokenised short texts kept: a fact's words are read by several checks
# The lexical attributes extraction reads of a token: lower_, is_alpha, is_lower, is_title, is_punct.
_READ_ATTRS = (LOWER, IS_ALPHA, IS_LOWER, IS_TITLE, IS_PUNCT)
_RUNS = re.compile(r"\S+|\s+")  # \s is str.isspace(), as in spaCy's tokenizer


@dataclass(slots=True)
class Word:
    """What the rules read of a token, all decided by its text: spaCy's lexical attributes, the
    lemma, and the verb forms it can be. Made once per distinct word and process (`EnglishVocab.word`).

    Not frozen, as the other small records of extraction: a frozen dataclass sets each field through
    `object.__setattr__`, which makes it several times slower to create, and pages bring new words.
    """

    text: str
    lower: str
    lemma: str
    is_alpha: bool
    is_punct: bool
    is_title: bool
    is_lower: bool
    is_gerund: bool  # an -ing form of a verb ('Recording'), the head of a duty in a list
    is_base_verb: bool  # a verb in its base form ('conduct'), the head of a duty in prose
    is_finite_verb: bool  # a present or past form after a subject ('records', 'reviewed')


class Tokens:
    """A text as the rules read it: per token its Word, lower-case form and lemma, indexed by position.

    spaCy's tokens, without a spaCy Doc: a Doc costs a microsecond a token to make and a Token
    object on every `doc[i]`, more than the rules that read one.
    """

    __slots__ = ("text", "words", "lower", "lemma", "_starts")

    def __init__(self, text: str, words: list[Word], lower: list[str], lemma: list[str]) -> None:
        self.text = text
        self.words = words
        self.lower = lower
        self.lemma = lemma
        self._starts: list[int] | None = None  # character offsets, read only where a fact is found

    @classmethod
    def of_words(cls, text: str, words: list[Word]) -> Tokens:
        return cls(text, words, [word.lower for word in words], [word.lemma for word in words])

    @classmethod
    def of_chunks(cls, text: str, chunks: list[_Chunk]) -> Tokens:
        """The tokens of `text` from those of its chunks (`_chunks`), which keep their lower-case
        forms and lemmas beside their Words: one list extension per chunk, not a step per token."""
        words: list[Word] = []
        lower: list[str] = []
        lemma: list[str] = []
        for chunk in chunks:
            words += chunk.words
            lower += chunk.lower
            lemma += chunk.lemma
        return cls(text, words, lower, lemma)

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        """The character offset of token `i` in the text."""
        return self._offsets()[i]

    def end(self, i: int) -> int:
        """The character offset just after token `i`."""
        return self._offsets()[i] + len(self.words[i].text)

    def span(self, start: int, end: int) -> str:
        """The characters of tokens start..end-1, as spaCy's `doc[start:end].text`."""
        return self.text[self.start(start) : self.end(end - 1)]

    def whitespaces(self, start: int, end: int) -> list[str]:
        """What follows each of tokens start..end-1 before the next one (spaCy's `whitespace_`:
        ' ' or '')."""
        starts = [*self._offsets(), len(self.text)]
        text, words = self.text, self.words
        return [text[starts[i] + len(words[i].text) : starts[i + 1]] for i in range(start, end)]

    def _offsets(self) -> list[int]:
        """Tokens follow each other in the text, one space apart where spaCy split on it (`_chunks`)."""
        if self._starts is None:
            text = self.text
            starts, at = [], 0
            for word in self.words:
                starts.append(at)
                at += len(word.text)
                if text[at : at + 1] == " ":
                    at += 1
            self._starts = starts
        return self._starts


@dataclass(slots=True)
class _Chunk:
    """The Words spaCy makes of one chunk of a text (see `_chunks`) with their lower-case forms
    and lemmas, and whether a special case of its tokenizer may span the chunk and a neighbour
    (`_Joints.edges`). Not frozen (see `Word`)."""

    words: tuple[Word, ...]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    edges: str


_EDGES = attrgetter("edges")
_MARKS = frozenset(",:;?!")  # what spaCy splits off the end of any word
_SPANNING = "LR"  # in the chunks' joined edges: a chunk whose last token may begin a special case
# that the next chunk's first token may end


def _chunks(text: str) -> list[str]:
    """The pieces spaCy's tokenizer splits `text` into before it looks at their characters, in
    order: runs of non-space characters and runs of whitespace, less the one space after a
    non-space run (a token's trailing space). Each piece is tokenized on its own, so its tokens
    can be looked up by the piece."""
    if text.isprintable():  # the one whitespace character is ' ' (isspace() holds only for
        # separators and control characters, of which ' ' alone is printable)
        chunks = text.split(" ")
        if "" not in chunks:  # no leading, trailing or doubled space
            return chunks
    chunks = []
    for run in _RUNS.findall(text):
        if run[0] == " " and chunks:
            run = run[1:]
        if run:
            chunks.append(run)
    return chunks


def _word_and_mark(chunk: str, special_cases: dict[str, Any]) -> list[str] | None:
    """spaCy's tokens of a chunk that is a word, or a word and a closing mark ('assistants,'),
    told without spaCy; None for other chunks.

    No prefix, suffix or infix of spaCy's English holds a letter: a word of letters that is no
    special case stays whole, and the marks of `_MARKS` after it are split off, as is a full stop
    after a lower-case ASCII letter (after others it may stay: 'YmJ.').
    """
    if chunk in special_cases:
        return None
    if chunk.isalpha():
        return [chunk]
    word, mark = chunk[:-1], chunk[-1]
    closes = mark in _MARKS or mark == "." and "a" <= word[-1:] <= "z"
    if closes and word.isalpha() and word not in special_cases:
        return [word, mark]
    return None


@dataclass(frozen=True, slots=True)
class _Joints:
    """Where spaCy's tokenizer may tie the tokens of two chunks of a text (see `_chunks`).

    After splitting each chunk, spaCy looks for its special cases ("It's" -> 'It' + "'s", ':p')
    again among the tokens of the whole text. One found across a space is not applied, but it keeps
    any it overlaps inside a chunk from being applied. So a chunk is tokenized alone only where no
    special case can span it and a neighbour: a chunk's last token must end a joint inside a special
    case (as affixes split it) and the next chunk's first token start one. Where spaCy applied a
    special case inside a chunk, its first and last tokens before that are not known.
    """

    ends: frozenset[str]  # 'It' in "It's" ('It' + "'s"), ':' in ':p'
    starts: frozenset[str]  # "'s" in "It's", 'p' in ':p'
    applied: frozenset[tuple[str, ...]]  # the tokens of a special case spaCy looks for
    longest: int  # tokens of the longest of them

    def edges(self, words: tuple[Word, ...]) -> str:
        """'R' where the first of a chunk's tokens may end a special case begun before it, then 'L'
        where its last may begin one; '-' for no."""
        if self._holds_applied(tuple(word.text for word in words)):
            return "RL"
        first = "R" if words[0].text in self.starts else "-"
        last = "L" if words[-1].text in self.ends else "-"
        return first + last

    def _holds_applied(self, texts: tuple[str, ...]) -> bool:
        """Whether the tokens of a special case in `applied` follow each other in `texts` (a set
        lookup per run of tokens: a regex of all the cases costs microseconds a chunk)."""
        if len(texts) == 1:  # most chunks: one word
            return texts in self.applied
        return any(
            texts[start:end] in self.applied
            for start in range(len(texts))
            for end in range(start + 1, min(len(texts), start + self.longest) + 1)
        )


def _joints(nlp: Language) -> _Joints:
    """The joints of the special cases of `nlp`'s tokenizer, read once per process."""
    tokenizer = nlp.tokenizer
    affixes_only = Tokenizer(
        nlp.vocab,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    ends: set[str] = set()
    starts: set[str] = set()
    searched: set[tuple[str, ...]] = set()
    for case, tokens in tokenizer.rules.items():
        texts = [token.text for token in affixes_only(case)]
        ends.update(texts[:-1])
        starts.update(texts[1:])
        # spaCy searches the cases its affixes split (whitespace ones only give back themselves)
        if not case.isspace() and (
            tokenizer.find_prefix(case) or tokenizer.find_suffix(case) or tokenizer.find_infix(case)
        ):
            searched.add(tuple(attrs[ORTH] for attrs in tokens))
    longest = max(map(len, searched), default=0)
    return _Joints(frozenset(ends), frozenset(starts), frozenset(searched), longest)


@dataclass(frozen=True, slots=True)
class EnglishVocab:
    """A blank English pipeline plus lemma and word-class lookups, loaded once per process."""

    nlp: Language
    lemmas: Table  # word -> lemma, keyed by hash
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    joints: _Joints
    # bounded caches of `lemma`, `is_english` and `word` by word,
    # of a chunk's Words by the chunk (`_chunks`), and of `tokens` by text
    _lemma_of: Callable[[str], str] = field(init=False, repr=False, compare=False)
    _english: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _word_of: Callable[[str], Word] = field(init=False, repr=False, compare=False)
    _chunk_of: Callable[[str], _Chunk] = field(init=False, repr=False, compare=False)
    _tokens_of: Callable[[str], Tokens] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lemma_of", lru_cache(maxsize=_CACHED_WORDS)(self._look_up_lemma))
        object.__setattr__(self, "_english", lru_cache(maxsize=_CACHED_WORDS)(self._knows))
        object.__setattr__(self, "_word_of", lru_cache(maxsize=_CACHED_WORDS)(self.word))
        object.__setattr__(self, "_chunk_of", lru_cache(maxsize=_CACHED_WORDS)(self._tokenize_chunk))
        object.__setattr__(self, "_tokens_of", lru_cache(maxsize=_CACHED_TEXTS)(self.parse))

    def parse(self, text: str) -> Tokens:
        """The tokens of `text` (case kept) with their Words; lemmas come from the lookup table
        (case-folded), not from spaCy (`Token.lemma_` stays empty)."""
        chunks = list(map(self._chunk_of, _chunks(text)))
        if _SPANNING in "".join(map(_EDGES, chunks)):
            # rare: tokenized whole, as spaCy would
            return Tokens.of_words(text, list(map(self._word_of, self._token_texts(text))))
        return Tokens.of_chunks(text, chunks)

    def tokens(self, text: str) -> Tokens:
        """`parse`, shared by callers that ask for the same short text (cached)."""
        return self._tokens_of(text)

    def _tokenize_chunk(self, chunk: str) -> _Chunk:
        texts = _word_and_mark(chunk, self.nlp.tokenizer.rules) or self._token_texts(chunk)
        words = tuple(map(self._word_of, texts))
        lower = tuple(word.lower for word in words)
        lemma = tuple(word.lemma for word in words)
        return _Chunk(words, lower, lemma, self.joints.edges(words))

    def _token_texts(self, text: str) -> list[str]:
        """spaCy's tokens of `text` (a Doc costs about ten microseconds to make)."""
        return [token.text for token in self.nlp.make_doc(text)]

    def word(self, text: str) -> Word:
        """The Word of a token's text. Its lexical attributes come from the getters spaCy's vocab
        makes a lexeme with, called directly: making the lexeme costs several times more, and the
        vocab would keep one for every word of every page."""
        attribute = self.nlp.vocab.lex_attr_getters
        lower, alpha = attribute[LOWER](text), attribute[IS_ALPHA](text)
        return Word(
            text=text,
            lower=lower,
            lemma=self.lemma(lower),
            is_alpha=alpha,
            is_punct=attribute[IS_PUNCT](text),
            is_title=attribute[IS_TITLE](text),
            is_lower=attribute[IS_LOWER](text),
            is_gerund=alpha and self._is_gerund(lower),
            is_base_verb=alpha and lower not in _NEVER_VERBS and lower in self.verbs,
            is_finite_verb=alpha and self._is_finite_verb(lower),
        )

    def lemma(self, word: str) -> str:
        return self._lemma_of(word)

    def _look_up_lemma(self, word: str) -> str:
        word = word.lower().replace("’", "'")
        return _LEMMA_OVERRIDES.get(word) or self.lemmas.get(word) or word

    def can_be_verb(self, word: str) -> bool:
        """Whether `word` (any form) is the form of a verb: 'record', 'recording', 'records'."""
        lower = word.lower()
        return lower not in _NEVER_VERBS and self.lemma(lower) in self.verbs

    def _is_gerund(self, lower: str) -> bool:
        """Whether an alphabetic word is an -ing form of a verb ('recording', 'packaging')."""
        return lower.endswith("ing") and len(lower) > 4 and self.base_of_gerund(lower) is not None

    def _is_finite_verb(self, lower: str) -> bool:
        """Whether an alphabetic word is a verb in a present or past form ('records', 'conduct')."""
        if lower in _NEVER_VERBS or lower.endswith("ing"):
            return False
        return lower in self.verbs or (
            lower.endswith(("s", "ed")) and self.lemma(lower) in self.verbs and self.lemma(lower) != lower
        )

    def base_of_gerund(self, word: str) -> str | None:
        """'Scheduling' -> 'schedule', 'stopping' -> 'stop'; None when it is no verb's -ing form."""
        lower = word.lower()
        if not lower.endswith("ing"):
            return None
        looked_up = self.lemmas.get(lower)
        if looked_up and looked_up != lower and looked_up in self.verbs:
            return looked_up
        stem = lower[:-3]
        for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
            if candidate in self.verbs:
                return candidate
        return None

    def is_english(self, word: str) -> bool:
        """A word English knows: in WordNet's lists or common enough in English text.

        A rough translation leaves source words behind ('helping patient masing -masing');
        a fact holding one is not worth keeping.
        """
        return self._english(word)

    def _knows(self, word: str) -> bool:
        lower = word.lower()
        lemma = self.lemma(lower)
        return (
            lemma in self.verbs
            or lemma in self.nouns
            or lower in self.adjectives
            or zipf_frequency(lower, "en") >= _COMMON_ZIPF
        )

    def is_noun(self, word: str) -> bool:
        return self.lemma(word) in self.nouns

    def is_adjective(self, word: str) -> bool:
        return word.lower() in self.adjectives


@cache
def english_vocab() -> EnglishVocab:
    """The one vocabulary of the process (the tables take about half a second to load)."""
    tables = load_lookups("en", ["lemma_lookup", "lemma_index"])
    index = tables.get_table("lemma_index")
    nlp = _blank_english()
    return EnglishVocab(
        nlp=nlp,
        lemmas=tables.get_table("lemma_lookup"),
        verbs=frozenset(index["verb"]),
        nouns=frozenset(index["noun"]),
        adjectives=frozenset(index["adj"]),
        joints=_joints(nlp),
    )


def _blank_english() -> Language:
    """spaCy's blank English, computing for a word it meets the first time only the lexical
    attributes the rules read (`_READ_ATTRS`), not the twenty spaCy knows: a page brings new
    words, and those attributes cost most of the time spent on one."""
    nlp = spacy.blank("en")
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in _READ_ATTRS}
    return nlp
