"""English word forms the dictionary translators need: plurals, -ing forms, past participles, casing.

Dictionaries give a noun in the singular and a verb in its base form, while these pages talk
about roles and duties in the plural ("hospitals, doctors' offices") and list duties as -ing
forms ("Recording patients' medical histories"). The rules here are the regular spelling
rules of English plus the irregular words likely in this genre; no lexicon is needed.
"""
from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiou")
# Nouns that have no plural in the sense these pages use them.
UNCOUNTABLE = frozenset(
    [
        "information", "care", "health", "healthcare", "education", "training", "equipment", "knowledge",
        "staff", "software", "research", "experience", "advice", "support", "management", "administration",
        "communication", "supervision", "safety", "security", "insurance", "employment", "work", "paperwork",
        "bookkeeping", "billing", "documentation", "medicine", "nursing", "phlebotomy", "surgery",
        "cardiology", "radiology", "oncology", "pediatrics", "accuracy", "attention", "compliance", "data",
        "evidence", "feedback", "guidance", "help", "hygiene", "inventory", "literacy", "nutrition",
        "patience", "progress", "quality", "recovery", "rehabilitation", "treatment", "therapy",
        "proficiency", "expertise", "teamwork", "growth", "demand", "pay", "income", "money", "time",
        "sanitation", "sterilization", "vaccination", "prevention", "licensure", "accreditation",
        "enrollment", "preparation", "dispensing", "compounding", "monitoring", "counseling", "outpatient",
        "inpatient", "intake", "english", "chinese", "indonesian", "mathematics", "math", "physics",
        "chemistry", "biology", "anatomy", "physiology", "pharmacology", "terminology"
    ]
)
_IRREGULAR_PLURALS = {
    "person": "people", "child": "children", "woman": "women", "man": "men", "foot": "feet",
    "tooth": "teeth", "analysis": "analyses", "diagnosis": "diagnoses", "criterion": "criteria",
    "phenomenon": "phenomena", "datum": "data", "medium": "media", "crisis": "crises",
    "thesis": "theses", "basis": "bases", "prognosis": "prognoses", "life": "lives", "knife": "knives",
    "wife": "wives", "shelf": "shelves", "half": "halves", "leaf": "leaves", "staff": "staff",
    "series": "series", "species": "species", "vertebra": "vertebrae", "bacterium": "bacteria",
}
_IRREGULAR_PARTICIPLES = {
    "be": "been", "become": "become", "begin": "begun", "bring": "brought", "build": "built",
    "buy": "bought", "choose": "chosen", "come": "come", "cut": "cut", "do": "done", "draw": "drawn",
    "drive": "driven", "eat": "eaten", "fall": "fallen", "feel": "felt", "find": "found", "get": "gotten",
    "give": "given", "go": "gone", "grow": "grown", "have": "had", "hear": "heard", "hold": "held",
    "keep": "kept", "know": "known", "lead": "led", "leave": "left", "lend": "lent", "let": "let",
    "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "pay": "paid", "put": "put",
    "read": "read", "run": "run", "say": "said", "see": "seen", "sell": "sold", "send": "sent",
    "set": "set", "show": "shown", "speak": "spoken", "spend": "spent", "stand": "stood",
    "take": "taken", "teach": "taught", "tell": "told", "think": "thought", "understand": "understood",
    "withdraw": "withdrawn", "write": "written", "forget": "forgotten", "undergo": "undergone",
    "oversee": "overseen", "undertake": "undertaken", "bear": "borne", "seek": "sought", "win": "won",
}
# Verbs of two or more syllables stressed on the last one double their final consonant.
_DOUBLING_VERBS = frozenset(
    [
        "admit", "refer", "occur", "prefer", "transfer", "control", "submit", "commit", "omit", "permit",
        "begin", "forget", "compel", "equip", "regret", "patrol", "propel", "expel", "excel", "confer",
        "defer", "deter", "incur", "recur", "upset"
    ]
)
# Word classes the translators' rules ask about.
PERSON_HEADS = frozenset(
    [
        "patient", "doctor", "physician", "nurse", "woman", "man", "child", "individual", "people", "person",
        "customer", "employee", "student", "assistant", "technician", "pharmacist", "specialist",
        "professional", "administrator", "worker", "caregiver", "staff", "practitioner", "graduate",
        "candidate", "applicant", "employer", "manager", "supervisor", "coordinator", "instructor", "teacher",
        "mentor", "colleague", "member", "retailer", "phlebotomist", "therapist", "surgeon", "provider"
    ]
)
# Nouns these pages mean as one thing when bare (the health care system, the industry).
SINGULAR_HEADS = frozenset(
    [
        "system", "industry", "field", "process", "market", "government", "community", "world", "public",
        "economy", "future", "sector", "decade", "period", "rate", "average", "outlook", "demand", "growth",
        "level", "size"
    ]
)
SINGULAR_DETERMINERS = frozenset([
    "a", "an", "one", "each", "every", "this", "that", "another", "any", "either", "neither"
])
PLURAL_DETERMINERS = frozenset(
    [
        "these", "those", "many", "some", "all", "most", "several", "few", "various", "multiple", "both",
        "other", "certain", "such", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
    ]
)
POSSESSIVE_PRONOUNS = {"they": "their", "we": "our", "you": "your", "I": "my", "he": "his", "she": "her",
                       "it": "its", "themselves": "their own"}
PRONOUNS = frozenset(POSSESSIVE_PRONOUNS) | {"who", "what", "how", "which", "why", "here", "this", "that",
                                             "these", "those"}
# Verbs that take a to-infinitive after them ('need to earn', 'are projected to grow').
TO_VERBS = frozenset({"need", "want", "hope", "continue", "be projected", "plan", "choose", "decide", "seem",
                       "try", "learn", "wish", "be expected", "be required", "be able", "have"})
# Verbs that take an -ing form after them ('include managing').
GERUND_VERBS = frozenset({"include", "involve", "enjoy", "avoid", "consider", "finish", "keep", "start",
                          "begin", "practice", "recommend", "mean"})
MODAL_VERBS = frozenset({"can", "may", "should", "must", "will", "might", "could", "would"})
_SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "the",
    "to", "vs", "via", "with"
])
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CACHED_PHRASES = 8_192


@lru_cache(maxsize=_CACHED_PHRASES)  # noun phrases recur on every page; the rules cost more than a lookup
def plural(phrase: str) -> str:
    """The phrase with its last word in the plural ('doctor office' -> 'doctor offices').

    Uncountable heads and words already ending in a plural -s are left alone.
    """
    before_of, of, after_of = phrase.partition(" of ")
    if of:  # 'board of pharmacy' -> 'boards of pharmacy'
        return plural(before_of) + of + after_of
    words = phrase.split(" ")
    head = words[-1]
    lower = head.lower()
    if not lower.isalpha() or lower in UNCOUNTABLE or _is_mass_word(lower) or _looks_plural(lower):
        return phrase
    if lower in _IRREGULAR_PLURALS:
        inflected = _IRREGULAR_PLURALS[lower]
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        inflected = lower + "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        inflected = lower[:-1] + "ies"
    else:
        inflected = lower + "s"
    words[-1] = _same_case(head, inflected)
    return " ".join(words)


@lru_cache(maxsize=_CACHED_PHRASES)  # asked for every noun a translator reads
def is_countable(phrase: str) -> bool:
    """Whether the phrase's head takes a plural: not a mass noun, not an -ing form."""
    head = phrase.rsplit(" ", 1)[-1].lower()
    return head.isalpha() and head not in UNCOUNTABLE and not head.endswith("ing") and not _is_mass_word(head)


def possessive(phrase: str) -> str:
    """'doctors' -> "doctors'", 'patient' -> "patient's"."""
    return phrase + ("'" if phrase.endswith("s") else "'s")


def gerund(phrase: str) -> str:
    """The phrase with its first word, a verb, in the -ing form ('record results' -> 'recording results')."""
    verb, _, rest = phrase.partition(" ")
    lower = verb.lower()
    if not lower.isalpha() or lower.endswith("ing") and len(lower) > 5:
        return phrase
    if lower == "be":
        inflected = "being"
    elif lower.endswith("ie"):
        inflected = lower[:-2] + "ying"
    elif lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and len(lower) > 2:
        inflected = lower[:-1] + "ing"
    elif _doubles_final_consonant(lower):
        inflected = lower + lower[-1] + "ing"
    else:
        inflected = lower + "ing"
    return " ".join(filter(None, (_same_case(verb, inflected), rest)))


def third_person(phrase: str) -> str:
    """The phrase with its first verb agreeing with a singular subject ('depend on' -> 'depends on')."""
    verb, _, rest = phrase.partition(" ")
    lower = verb.lower()
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes", "can": "can", "may": "may",
                 "must": "must", "will": "will", "should": "should", "need": "needs"}
    if not lower.isalpha():
        return phrase
    if lower in irregular:
        inflected = irregular[lower]
    elif lower.endswith(("s", "x", "z", "ch", "sh", "o")):
        inflected = lower + "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        inflected = lower[:-1] + "ies"
    else:
        inflected = lower + "s"
    return " ".join(filter(None, (_same_case(verb, inflected), rest)))


def adverb(adjective: str) -> str:
    """'correct' -> 'correctly', 'easy' -> 'easily', 'gentle' -> 'gently', 'careful' -> 'carefully'."""
    if " " in adjective or adjective.endswith("ly"):
        return adjective
    if adjective.endswith("y") and len(adjective) > 2:
        return adjective[:-1] + "ily"
    if adjective.endswith("le") and len(adjective) > 3:
        return adjective[:-1] + "y"
    return adjective + "ly"


def superlative(adjective: str) -> str:
    """'fast' -> 'fastest', 'large' -> 'largest', 'busy' -> 'busiest', 'important' -> 'most important'."""
    lower = adjective.lower()
    syllables = len(re.findall(r"[aeiouy]+", lower.rstrip("e")))
    if " " in lower or not lower.isalpha() or syllables > 2 or syllables == 2 and not lower.endswith("y"):
        return f"most {adjective}"
    if lower.endswith("y") and lower[-2:-1] not in _VOWELS:
        return adjective[:-1] + "iest"
    if lower.endswith("e"):
        return adjective + "st"
    if _doubles_final_consonant(lower):
        return adjective + adjective[-1] + "est"
    return adjective + "est"


def past_participle(phrase: str) -> str:
    """The phrase with its first word, a verb, as a past participle ('train staff' -> 'trained staff')."""
    verb, _, rest = phrase.partition(" ")
    lower = verb.lower()
    if not lower.isalpha():
        return phrase
    if lower in _IRREGULAR_PARTICIPLES:
        inflected = _IRREGULAR_PARTICIPLES[lower]
    elif lower.endswith("e"):
        inflected = lower + "d"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        inflected = lower[:-1] + "ied"
    elif _doubles_final_consonant(lower):
        inflected = lower + lower[-1] + "ed"
    else:
        inflected = lower + "ed"
    return " ".join(filter(None, (_same_case(verb, inflected), rest)))


def capitalize_first(text: str) -> str:
    """Upper-case the first letter of `text`, leaving the rest as it is."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def title_case(text: str, *, first_word: bool = True) -> str:
    """Headline capitalisation: every word but short function words gets a capital; the first
    word always does when `first_word` (the text opens the headline)."""
    def cap(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in _SMALL_WORDS and (match.start() > 0 or not first_word):
            return word.lower()
        return word[0].upper() + word[1:]

    return _WORD.sub(cap, text)


def is_small_word(word: str) -> bool:
    """Articles, conjunctions and short prepositions, which headlines leave in lower case."""
    return word.lower() in _SMALL_WORDS


def _is_mass_word(word: str) -> bool:
    """Names of fields and activities: cardiology, geriatrics, psychiatry."""
    return word.endswith(("ology", "iatry", "ometry", "ics"))


def _looks_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")) and len(word) > 3


def _doubles_final_consonant(word: str) -> bool:
    """'stop' -> 'stopping', 'admit' -> 'admitting'; 'record', 'visit' and 'open' keep one consonant."""
    if word in _DOUBLING_VERBS:
        return True
    if len(word) < 3 or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    vowel_groups = re.findall(r"[aeiou]+", word)
    return len(vowel_groups) == 1 and len(vowel_groups[0]) == 1 and word[-2] in _VOWELS


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
