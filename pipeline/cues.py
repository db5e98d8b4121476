"""The words that tell extraction what a heading, a lead-in or a sentence is about, in en, zh, id.

Career pages announce their lists: a heading ("Duties and Responsibilities", "技能",
"Tugas Asisten Apoteker") or a lead-in ("...include the following:") says whether the items
below are duties or skills. The same pages also talk about programs, salaries and job
outlook, which must never become facts. These lists are data, kept apart from the rules that
read them; English entries are lemmas, matched against the lemmas of the text.
"""

from __future__ import annotations

import re

from .regex_needs import Prefiltered

DUTIES, SKILLS, OFF_TOPIC = "duties", "skills", "off_topic"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lemmas (en) and substrings (zh, id) that make a heading or lead-in announce duties.
DUTY_WORDS_EN = _words("duty responsibility task description day-to-day function activity")
# "What does a pharmacist do?" asks for duties, but "How do I become one?" does not.
DOING_WORD_EN = "do"
DUTY_WORDS_ZH = ("职责", "责任", "工作内容", "任务", "工作职责", "做什么", "日常工作")
DUTY_WORDS_ID = ("tugas", "tanggung jawab", "deskripsi pekerjaan", "yang dilakukan", "pekerjaan sehari")
SKILL_WORDS_EN = _words(
    "skill ability quality competency competence knowledge trait strength proficiency attribute"
)
SKILL_WORDS_ZH = ("技能", "能力", "素质", "品质", "技巧", "知识")
SKILL_WORDS_ID = ("keterampilan", "kemampuan", "keahlian", "kualitas", "kompetensi", "pengetahuan")
# Headings about these topics hold no duties or skills, whatever roles they name.
OFF_TOPIC_WORDS_EN = _words(
    "requirement education training certification certify licensing licensure license salary pay wage "
    "outlook growth career become becoming program school degree diploma enroll enrollment conclusion "
    "faq reference difference compare comparison cost tuition admission benefit"
)
OFF_TOPIC_WORDS_ZH = (
    "要求",
    "教育",
    "培训",
    "认证",
    "执照",
    "薪",
    "工资",
    "前景",
    "就业",
    "如何成为",
    "课程",
    "区别",
    "差异",
    "结论",
    "学位",
)
OFF_TOPIC_WORDS_ID = (
    "persyaratan",
    "pendidikan",
    "pelatihan",
    "sertifikasi",
    "gaji",
    "prospek",
    "karier",
    "karir",
    "cara menjadi",
    "perbedaan",
    "kesimpulan",
    "lisensi",
)

# Sentences that talk about these are about the job market or the school, not the work
# (searched in every sentence: most hold none of its words, which `Prefiltered` sees quickly).
OFF_TOPIC_SENTENCE = Prefiltered(
    re.compile(
        r"\b(?:enroll\w*|program(?:me)?s?|schools?|college|universit\w+|degrees?|diploma|tuition|admissions?|"
        r"scholarships?|salar\w+|wages?|earn\w*|outlook|job growth|employment|bureau of labor|bls|"
        r"certif\w+|licens\w+|accredit\w+|graduat\w+|careers?|externships?|classes|courses?|curriculum|"
        r"students?|blog|article|guide|opportunit\w+)\b",
        re.IGNORECASE,
    )
)

# The same topics, and negation, in Chinese and Indonesian source sentences (also searched in
# every sentence: their Han alternations and word-guarded Indonesian words have no fast scan).
OFF_TOPIC_SOURCE = Prefiltered(
    re.compile(
        r"课程|培训|证书|认证|学位|学校|文凭|薪|工资|前景|就业|报名|招生|学费|"
        r"(?<!\w)(?:program|pelatihan|sertifikat\w*|disertifikasi|bersertifikat|gelar|sekolah|gaji|karier|karir|"
        r"peluang|magang|terakreditasi|kursus|daftar|lulusan)(?!\w)",
        re.IGNORECASE,
    )
)
NEGATION_SOURCE = Prefiltered(
    re.compile(r"不是|不会|不能|没有|无需|不需要|(?<!\w)(?:tidak|bukan|jangan)(?!\w)", re.IGNORECASE)
)
# Words that open a source sentence about the role already in view: 'Mereka dapat...', '他们...'.
PRONOUNS_SOURCE = ("mereka", "ia", "dia", "他们", "她们", "他", "她")
DUTY_NOUNS_SOURCE = ("tugas", "tanggung jawab", "职责", "责任", "任务", "工作内容")

# Verbs that, after a role subject, describe the job's setting or the person, not a duty.
NON_DUTY_VERBS = _words(
    "be have need require want become earn focus concentrate seem vary tend get go come enjoy like "
    "learn study choose pursue advance specialize spend play contribute form benefit know mean make "
    "differ depend find rely appreciate continue start begin apply graduate complete receive gain"
)
# Verbs that head no duty even inside an enumeration ('focusing on...', 'playing a role').
NEVER_DUTY_VERBS = _words("be have focus concentrate play seem tend vary become need want like enjoy")
# 'work' is a duty only with whom ('work closely with transplant coordinators'), not where.
WORK_SETTING_WORDS = _words("in at for under as within from on")
# A duty whose whole object is one of these says nothing ('perform administrative tasks').
VAGUE_OBJECTS = _words(
    "task duty responsibility work job role thing lot variety range number mix mixture combination both "
    "one it them this that"
)

MODAL_AND_ADVERB = _words(
    "can could may might must will would should shall also often usually typically generally "
    "primarily mostly directly closely frequently sometimes always then further furthermore "
    "additionally commonly regularly likely even still accurately carefully ultimately mainly just "
    "actively help"
)
NEGATIONS = _words("not n't never cannot no")
SUBJECT_PRONOUNS = _words("they he she you")
# Clause openers that make what follows (up to the comma) a side remark, not a statement.
SUBORDINATORS = _words("while although though whereas if because since unless whether before after")
# Words that cut a duty's object short: what follows adds examples or another clause.
EXAMPLE_MARKERS = ("such as", "for example", "e.g.", "e.g", "including", "for instance")
CLAUSE_BREAKS = _words("while because although though whereas unless whether which who so")

# Heads of skill noun phrases, and the words of a label that is no skill ("Work environment:").
SKILL_HEADS = _words("skill ability knowledge proficiency competency competence expertise")
NOT_SKILL_LABELS = _words(
    "environment setting supervision demand schedule hour shift salary pay wage outlook growth "
    "requirement education training certification licensing licensure location duty responsibility "
    "task role setting workplace"
)
# Adjectives that grade a skill without naming it ('strong interpersonal skills').
GRADING_ADJECTIVES = _words(
    "strong good excellent great solid exceptional outstanding superb effective sound key important "
    "essential necessary vital crucial some various certain"
)
# Words that make 'skills' no particular skill: 'soft skills', 'the necessary skills'.
GENERIC_SKILL_WORDS = _words("soft hard necessary required many different these those other such new")
# Phrases that, in a sentence about a role, announce qualities or skills without a list.
SKILL_SENTENCE_CUES = _words("skill ability key essential important must need require quality")


def heading_kind(lemmas: list[str], text: str) -> str | None:
    """DUTIES, SKILLS or OFF_TOPIC for a heading or lead-in, from its lemmas and its source text.

    Naming skills or duties wins over naming an off-topic subject: "Key Differences in Skills"
    still introduces skills, "Education Requirements" introduces none.
    """
    lowered = text.lower()
    words = set(lemmas)
    if words & SKILL_WORDS_EN or _has_any(lowered, SKILL_WORDS_ZH + SKILL_WORDS_ID):
        return SKILLS
    if words & DUTY_WORDS_EN or _has_any(lowered, DUTY_WORDS_ZH + DUTY_WORDS_ID):
        return DUTIES
    if words & OFF_TOPIC_WORDS_EN or _has_any(lowered, OFF_TOPIC_WORDS_ZH + OFF_TOPIC_WORDS_ID):
        return OFF_TOPIC
    return DUTIES if DOING_WORD_EN in words else None


def _has_any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)
