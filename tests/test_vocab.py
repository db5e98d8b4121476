"""EnglishVocab.parse gives spaCy's tokens without making a spaCy Doc; TokenForms finds forms as
spaCy's PhraseMatcher does."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import PhraseMatcher

from pipeline.concepts import TokenForms
from pipeline.vocab import english_vocab

TRICKY = [
    "Medical assistants record vital signs, schedule appointments and update records.",
    "It 's a.m . and Mr . Smith: p.Shouldve",  # special cases across a space (spaCy ties them)
    ": (;Cantve\nWhere've  mustn’t  weren’t ",
    "  leading and trailing spaces  ",
    "double  space\tand\n\nnewlines\u00a0nbsp\u2003em space",
    "YmJ. ends upper, etc. e.g. U.S. 9a.m. vs. cannot gonna (MAs) x-ray 10m $5",
    "",
    " ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_parse_gives_spacys_tokens_and_offsets(text: str) -> None:
    vocab = english_vocab()
    doc = vocab.nlp.make_doc(text)
    tokens = vocab.parse(text)
    assert [word.text for word in tokens.words] == [token.text for token in doc]
    assert [tokens.start(i) for i in range(len(tokens))] == [token.idx for token in doc]
    assert tokens.whitespaces(0, len(tokens)) == [token.whitespace_ for token in doc]


# Pieces that exercise the tokenizer's shortcuts and its special cases: words alone and with a
# closing mark, abbreviations and contractions (spaCy's exceptions), emoticons, URLs, numbers.
_PIECES = ["record", "Records", "YmJ", "a.m.", "p.", "It", "'s", "n't", "Shouldve", ":p", ":(",
           "e.g.", "U.S.", "x-ray", "10m", "$5", "(MAs)", "www.example.org", "药剂师", "perawat",
           ",", ".", ";", "?", "!", ":", "'", "’", "-", "\u00a0"]
_SPACES = [" ", " ", " ", "", "  ", "\n", "\t", "\u2003"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=12))
def test_parse_agrees_with_spacy_on_any_mix_of_tricky_pieces(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + space for piece, space in parts)
    test_parse_gives_spacys_tokens_and_offsets(text)


def test_token_forms_match_as_the_phrase_matcher() -> None:
    vocab = english_vocab()
    forms = [("medical assistant", "ma"), ("medical", "med"), ("vital signs", "vs"), ("Medical", "med2")]
    matcher = PhraseMatcher(vocab.nlp.vocab, attr="LOWER")
    for form, value in forms:
        matcher.add(value, [vocab.nlp.make_doc(form)])
    text = "Medical assistants, medical assistant work: vital signs of a medical assistant."
    strings = vocab.nlp.vocab.strings
    expected = [(strings[key], start, end) for key, start, end in matcher(vocab.nlp.make_doc(text))]
    found = TokenForms(forms).find(vocab.parse(text))
    # one span that several values share: spaCy orders them by hash, TokenForms as named
    assert sorted(found) == sorted(expected)
    assert [(start, end) for _, start, end in found] == sorted((start, end) for _, start, end in expected)


@pytest.mark.parametrize("text", TRICKY + ["".join(_PIECES)])
def test_words_hold_their_spacy_lexemes_attributes(text: str) -> None:
    vocab = english_vocab()
    for token in vocab.nlp.make_doc(text):
        word = vocab.word(token.text)
        lexeme = vocab.nlp.vocab[token.text]
        assert (word.lower, word.is_alpha, word.is_punct, word.is_title, word.is_lower) == (
            lexeme.lower_,
            lexeme.is_alpha,
            lexeme.is_punct,
            lexeme.is_title,
            lexeme.is_lower,
        )


def test_token_forms_find_a_form_that_ends_the_text_and_not_a_longer_one() -> None:
    vocab = english_vocab()
    forms = TokenForms([("medical assistant", "ma"), ("medical assistant supervisor", "mas")])
    assert forms.find(vocab.parse("She is a medical assistant")) == [("ma", 3, 5)]
    assert forms.find(vocab.parse("a Medical Assistant supervisor")) == [("ma", 1, 3), ("mas", 1, 4)]
