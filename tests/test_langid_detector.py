"""FastDetector: langdetect's probabilities exactly, from per-word n-grams and the same sampling."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.langid_detector import FastDetectorFactory
from pipeline.langid_latin import DETECTOR_LANGS

TEXTS = [
    "Pharmacy technicians help pharmacists dispense prescription medication to customers",
    "Asisten apoteker membantu apoteker menyiapkan obat untuk pasien di apotek rumah sakit",
    "Le technicien en pharmacie aide le pharmacien à préparer les médicaments",
    "CPR BLS AAMA certified Medical Assistants with an organization's ABC training",
    "Tiếng Việt có dấu và chữ hoa",
    "ｐｈａｒｍａｃｙ ＴＥＣＨ fullwidth letters",
    "words  with   several spaces and a cut-off wo",
    "  a leading space, and a trailing one ",
    "see https://example.org/page and mail@example.org for more",
    "x",
]


def factory(kind: type[DetectorFactory]) -> DetectorFactory:
    made = kind()
    profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in DETECTOR_LANGS]
    made.load_json_profile(profiles)
    made.set_seed(0)
    return made


@pytest.fixture(scope="module")
def factories() -> tuple[DetectorFactory, DetectorFactory]:
    return factory(DetectorFactory), factory(FastDetectorFactory)


def probabilities(made: DetectorFactory, text: str) -> list[tuple[str, float]] | str:
    detector = made.create()
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException as error:
        return str(error)


@pytest.mark.parametrize("text", TEXTS)
def test_same_probabilities_as_langdetect(factories, text: str) -> None:
    library, fast = factories
    assert probabilities(fast, text) == probabilities(library, text)


def test_same_probabilities_when_words_repeat(factories) -> None:
    """The second time, the words' n-grams come from the cache."""
    library, fast = factories
    for text in TEXTS:
        probabilities(fast, text)
        assert probabilities(fast, text) == probabilities(library, text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdeéABCÀ'’ .,-\u0301ｆ日", max_size=60))
def test_same_probabilities_on_any_text(factories, text: str) -> None:
    library, fast = factories
    assert probabilities(fast, text) == probabilities(library, text)


def test_one_detector_serves_text_after_text(factories) -> None:
    """probabilities() forgets the text before: each answer is a fresh library detector's."""
    library, fast = factories
    detector = fast.create()
    for text in TEXTS:
        try:
            answer = [(found.lang, found.prob) for found in detector.probabilities(text)]
        except LangDetectException as error:
            answer = str(error)
        assert answer == probabilities(library, text)


@pytest.mark.parametrize("limit", [0, 5, 10, 23])
def test_same_probabilities_when_sampling_never_converges(factories, limit: int) -> None:
    """Trials ending at the iteration limit, also one that falls between two normalizations."""
    library, fast = factories
    answers = []
    for made in (library, fast):
        detector = made.create()
        # never converged: the limit ends each trial
        detector.CONV_THRESHOLD, detector.ITERATION_LIMIT = 1.0, limit
        detector.append(TEXTS[0])
        answers.append([(found.lang, found.prob) for found in detector.get_probabilities()])
    assert answers[0] == answers[1]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 8, 9, 1000, 1024, 1025])
def test_chooser_draws_what_random_choice_draws(size: int) -> None:
    from random import Random

    from pipeline.langid_sampling import chooser

    items = list(range(size))
    library, fast = Random(7), Random(7)
    choose = chooser(fast, items)
    assert [choose() for _ in range(500)] == [library.choice(items) for _ in range(500)]
    assert fast.getstate() == library.getstate()
