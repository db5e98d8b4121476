"""Cue tables for boilerplate: what page chrome says, in English, Chinese and Indonesian.

Career and training pages are written by schools that sell programs, so next to the
content they carry calls to action, enrolment pitches, SMS consent, disclaimers and blog
chrome. Each cue below names one of those genres rather than one site, so that pages of
other schools match too. The cues run on single sentences (see `pipeline.sentences`):
a sentence that matches is boilerplate, whatever block it sits in. Text may still carry
page-translation artifacts ('updates 和 alerts'), so cues avoid depending on words that
the plugin tends to swap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .regex_needs import (
    asserts_only_word_boundaries,
    fold,
    opening_strings,
    required_string_sets,
    required_strings,
)

# Reason codes written into `Removal.reason`.
CTA = "cta"
CONSENT = "consent"
NAVIGATION = "navigation"
MARKUP = "markup"
REPEATED = "repeated"
MARKETING = "marketing"
LEGAL = "legal"
TEASER = "teaser"

FINE_PRINT = frozenset({CONSENT, LEGAL})


@dataclass(frozen=True, slots=True)
class Cue:
    """A pattern that marks a sentence as boilerplate of one kind (`reason`).

    `needs` are strings one of which every match holds (in `fold`ed text), None when the
    pattern names none; `need_sets` are sets such that every match holds a string of each;
    `openings`, for a pattern anchored at a sentence's start, strings one of which a match
    opens with; `block_searchable` says that a match in a sentence is a match in its block
    too (no anchor, no lookaround). See `_CueIndex` for how they spare regex searches.
    """

    reason: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] | None = field(init=False)
    need_sets: tuple[frozenset[str], ...] = field(init=False)
    openings: tuple[str, ...] | None = field(init=False)
    block_searchable: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", required_strings(self.pattern))
        object.__setattr__(self, "need_sets", required_string_sets(self.pattern))
        object.__setattr__(self, "openings", opening_strings(self.pattern))
        object.__setattr__(self, "block_searchable", asserts_only_word_boundaries(self.pattern))


def _cues(reason: str, *patterns: str) -> tuple[Cue, ...]:
    return tuple(Cue(reason, re.compile(p, re.IGNORECASE)) for p in patterns)


_END = r"[\s.!?:>»›→|]*$"  # what may trail a button or menu label

NAVIGATION_CUES = _cues(
    NAVIGATION,
    r"^(skip|jump) to (the )?(main )?(content|navigation|menu|footer)",
    r"^(back|return|go) to (the )?(top|home ?page|home|blog|articles?|all posts)" + _END,
    r"^(home|blog|news|resources|articles)\s*[>»/|›]",
    r"^(previous|next|older|newer) (post|article|page|story|entry)\b",
    r"^(share|print|email|tweet)( this)?( (post|article|page|story))?( on \w+)?" + _END,
    r"^(table of contents|contents|menu|main menu|search|close|toggle navigation|sitemap|log ?in|sign in)"
    + _END,
    r"^(related|recent|popular|latest|featured|more) (posts|articles|stories|news|reads|blogs|resources)\b"
    r".{0,30}$",
    r"^you (may|might) also (like|enjoy|be interested in)\b",
    r"^(tags?|categories|category|filed under|posted in)\s*:",
    r"^(follow|connect with|find|like) us( on\b|" + _END + ")",
    r"^(跳到|跳转到|跳至)(主要)?(内容|正文)",
    r"^(返回|回到)(顶部|首页|列表|上一页)",
    r"^(首页|主页)\s*[>»/›]",
    r"^(上一篇|下一篇|上一页|下一页)",
    r"^(分享到|分享|打印本页)",
    r"^(相关文章|相关阅读|推荐阅读|热门文章|最新文章|目录)",
    r"^(langsung|lewati|loncat) (ke )?(konten|isi)( utama)?",
    r"^kembali ke (atas|beranda)",
    r"^beranda\s*[>»/›]",
    r"^(artikel|postingan|berita) (terkait|lainnya|terbaru|populer)\b",
    r"^bagikan( artikel| ini)?" + _END,
)

CONSENT_CUES = _cues(
    CONSENT,
    r"\bby (selecting|clicking|checking|submitting|tapping|pressing|providing|leaving|entering|signing|"
    r"continuing|using)\b.{0,160}?\b(you (agree|consent|acknowledge|authori[sz]e|accept)|opt(ed)?[- ]in|"
    r"this (box|form|button|checkbox))",
    r"\b(msg|message|味精|消息|信息|短信)\s*(&|and|和|与)\s*(data|数据)\s*(rates?|速率|费率|费用)",
    r"\bdata rates may apply\b",
    r"(数据|流量)(速率|费率|费用)可能(适用|产生)",
    r"\b(text|reply|txt|send)\s+(help|stop)\b",
    r"(文本|短信|回复|发送)\s*(help|stop)",
    r"\bopt(ed)?[- ](in|out)\b",
    r"选择(加入|退出)",
    r"\bI (authori[sz]e|consent to|agree to)\b",
    r"\bcondition of (enrollment|enrolment|purchase|admission)\b",
    r"\bsms mess|\b(receive|deliver|send)\w*\b.{0,40}\b(sms|autodialed|automated (calls|texts))",
    r"\bagree to (receive|be contacted|the terms|our)\b",
    r"\bprivacy policy\b|\bterms (of (use|service)|(and|&) conditions)\b|\bcookie (policy|settings)\b",
    r"隐私(政策|条款)|条款(与|和)条件|(使用|服务)条款",
    r"\bwe use cookies\b|\b(site|website) uses cookies\b|\baccept (all )?cookies\b",
    r"同意(接收|接受我们|本站)|(您|你)同意",
    r"(选择|点击|提交|勾选)(此|这个)?(按钮|表格|表单|复选框)",
    r"\bkebijakan privasi\b|\bsyarat (dan|&) ketentuan\b|\btarif (pesan|data)\b",
    r"\bdengan (mengklik|menekan|mengirim|mendaftar|memilih)\b.{0,100}\b(setuju|menyetujui)\b",
)

LEGAL_CUES = _cues(
    LEGAL,
    r"©|\ball rights reserved\b|\bcopyright\s+(©|\(c\)|\d{4})",
    r"版权所有",
    r"\bhak cipta\b|\bsemua hak dilindungi\b",
    r"\bnor guarantees?\b|\b(we|school|college|institute|university|academy|program) (does not|do not|cannot|"
    r"can ?not) (promise|guarantee)",
    r"\bguarantees (that )?(graduation|employment|a job|job placement|a salary|salary|results)\b",
    r"\b(represents|warrants|guarantees) that (its|our|their) (graduates|students|programs?)\b",
    r"\bresults (may|will) vary\b",
    r"\b(estimates?|figures|data) (do|does) not represent\b",
    r"(估计|数据|统计|数字)(并)?不代表",
    r"不(能)?(保证|担保)(毕业|就业|工作|职位|薪|收入|结果)",
    r"\bfor (informational|educational) purposes only\b",
    r"\bnot (intended as|a substitute for) (medical|legal|professional) advice\b",
    r"\b(equal opportunity|non-?discrimination) (employer|institution|policy|statement)\b",
    r"\bgainful employment\b|\bconsumer information\b",
    r"\btidak (menjamin|dijamin)\b",
)

CTA_CUES = _cues(
    CTA,
    r"^(learn|read|find out|discover) more(?![a-z])",
    r"^(see|view|show) (more|all|details)" + _END,
    r"\b(click|tap) here\b",
    r"^(apply|enroll|enrol|register|sign up|subscribe|donate|join( us)?|book (a|your) \w+|call( us)?|"
    r"contact( us)?|request (info|information)|get (info|information)|download|get in touch)"
    r"( now| today| online| here)?" + _END,
    r"\b(apply|enroll|enrol|register|sign up|join us)( online)? (now|today)\b",
    r"^(request|get|download) (more )?(info|information|a brochure|our (free )?\w+|your free)\b",
    r"^(explore|browse|view|see|read|discover|check out) (more|all|other|our|related)\b",
    r"^get started\b|\bget started (today|now|with us)\b",
    r"\btake the (next|first) step\b|\bbrighter future\b|(更)?光明的未来",
    r"\blangkah (selanjutnya|berikutnya) menuju\b|\bmasa depan yang lebih cerah\b",
    r"^(interested in|ready to (start|begin|take|launch|join|enroll|apply|become|learn)|"
    r"thinking (about|of) (a career|becoming|enrolling|going back))\b",
    r"\b(contact|call|speak (with|to)|talk (with|to)|reach out to) (us\b|an? [\w ]{0,40}?"
    r"(admissions|enrollment|enrolment))",
    r"\badmissions (representative|advisor|counselor|counsellor|team|office)\b|招生(代表|顾问|办公室|处)"
    r"|\bperwakilan (penerimaan|pendaftaran)\b",
    r"\b(call|text) (us )?(now |today )?(at )?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b",
    r"\bget (answers|more information|more info)\b",
    r"\b(subscribe to|sign up for) (our|the) (newsletter|blog|mailing list)\b",
    r"立即(报名|申请|注册|咨询|预约|购买|下载|加入|行动)",
    r"(点击|单击)(这里|此处|了解|查看|阅读|获取|下载|报名)",
    r"了解更多|阅读更多|查看更多|更多详情|联系我们|免费(咨询|试听|领取)|^(请求|索取|获取更多)信息",
    r"^(探索|浏览|阅读)更多",
    r"马上(报名|注册|申请|加入)|(在线|网上)报名|预约(参观|咨询)",
    r"\bdaftar (sekarang|segera|di sini|online)\b|^(terapkan|lamar) sekarang\b|^minta (info|informasi)\b",
    r"^(jelajahi|lihat|baca) (lebih banyak|semua|artikel lain)",
    r"\b(hubungi|kontak) kami\b",
    r"\bklik (di )?sini\b",
    r"\b(pelajari|baca|lihat|info) (lebih lanjut|selengkapnya)\b|^selengkapnya\b|\bbaca juga\b",
    r"\bmulai (sekarang|hari ini|karier anda|karir anda)\b",
    r"\bayo (daftar|bergabung|mulai)\b|\bbergabunglah (dengan|bersama) kami\b",
    r"\bdapatkan (info|informasi|brosur|penawaran)\b",
)

MARKETING_CUES = _cues(
    MARKETING,
    r"\bwe(?:'re| are)? (?:are )?(?:committed|dedicated|proud|passionate)\b",
    r"\bwe (strive|pride ourselves|invite you|offer|"
    r"have (an? )?[\w ]{0,40}?(representative|advisor|counselor|team))\b",
    r"\b(spend|study|train|learn|join|start|grow)\w* with us\b",
    r"\bjoin our (community|team|family|network|programs?|classes)\b",
    r"\bour (?:[\w-]+ ){0,3}?(institute|institution|college|school|university|academy|campus(es)?|programs?|"
    r"courses?|classes|curriculum|students|graduates|alumni|instructors|faculty|admissions|lms|platform|"
    r"lessons|modules|career services|representatives?|advisors?)\b",
    r"\bat (select|our|participating|one of our|many of our) campus(es)?\b",
    r"\bin as (little|few) as (\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen) "
    r"(weeks?|months?|years?)\b",
    r"\benrol\w* (in|at|with|today|now)\b.*(\byou\b|\byour\b|你|great way|best way|很好|好方法|\btoday\b)",
    r"^(you|your|你|您)\b.{0,40}\benrol",
    r"\byour (first|next) step\b|(你|您)的(第一步|下一步)|\blangkah pertama anda\b",
    r"\b(start|begin|launch|kick-?start|jump-?start) your (new )?"
    r"(career|journey|future|education|training)\b",
    r"^(classes|class|courses?|next class(es)?|terms?|sessions?|cohorts?) "
    r"(start|starts|begin|begins|starting)\b",
    r"(类|课程|班级|课|新班)(开始|开课|开班)?\s*\d{1,2}月\d{1,2}日",
    r"^(kelas|angkatan) (baru )?(dimulai|mulai)\b",
    r"\bstart dates?\b|\bfinancial aid\b|\bscholarships?\b|\btuition (assistance|discounts?)\b"
    r"|\bpayment plans?\b",
    r"\b(perfect|ideal|best) (place|way|time|choice|school|program) to (learn|start|begin|train|study)\b",
    r"(招生|报名)(热线|电话|中|开始|截止)|(我们|本校|我校|本学院)的?(课程|项目|学校|校区|学员|学生|毕业生|讲师|老师)",
    r"奖学金|助学金|学费减免|分期付款|经济援助|(开课|开学)日期",
    r"\b(program|kursus|kampus|kelas|lulusan|siswa|mahasiswa|instruktur) kami\b",
    r"\bkami (menawarkan|menyediakan|berkomitmen|siap membantu|bangga)\b",
    r"\bbeasiswa\b|\bbantuan keuangan\b|\bpendaftaran (dibuka|sekarang|gratis)\b",
)

TEASER_CUES = _cues(
    TEASER,
    r"^welcome to (the|our)\b",
    r"\bstay (informed|inspired|tuned|connected)\b",
    r"^欢迎(来到|访问|光临)",
    r"^selamat datang di\b",
)

# Checked in this order: a sentence asking for SMS consent also says "click", and consent
# is the more telling reason.
SENTENCE_CUES: tuple[Cue, ...] = (
    NAVIGATION_CUES + CONSENT_CUES + LEGAL_CUES + CTA_CUES + MARKETING_CUES + TEASER_CUES
)


_KEY_WORD = re.compile(r"[a-z0-9]+")  # the words `_CueIndex` keys on, in `fold`ed text and needs
# Bytes of ASCII letters and digits kept, all others made spaces: with non-ASCII characters
# encoded as '?', a folded text's `_KEY_WORD`s are the words of the result, found at C speed.
_KEY_WORD_BYTES = bytes(byte if _KEY_WORD.fullmatch(chr(byte)) else 0x20 for byte in range(256))
# What `sentence_reason` strips off a sentence's start: whitespace and these marks.
_LEADING_MARKS = "*†‡•·-–— "
_LEAD = re.compile(rf"[\s{re.escape(_LEADING_MARKS)}]*")


def _lead_length(text: str) -> int:
    """How many spaces and leading marks `text` starts with."""
    lead = _LEAD.match(text)
    assert lead is not None  # the pattern matches the empty string
    return lead.end()
# Where a sentence of a block may start, besides the block's start: after a character that is
# no letter, digit or space (every sentence break follows a terminator or a closing quote),
# and the whitespace and marks that are stripped off the sentence.
_AFTER_BREAK = re.compile(rf"[^\w\s][\s{re.escape(_LEADING_MARKS)}]*")


class _CueIndex:
    """The cues in order, indexed by the strings of their most telling need set.

    A needed string's key is its longest run of ASCII letters and digits, which lies inside one
    word of any text holding it; a string without such a run (Chinese, '©') is keyed by its
    first character. Sets holding a string with neither (a lone letter, ' ', ':') are left out:
    they would name nearly every text. The words of a text, looked up once each (a word's keys
    are cached), and its characters then name the few strings worth a substring test; a cue
    with one of those is worth a closer look (see `may_match`).
    """

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self._cues = cues
        self._indexed_sets: list[frozenset[str]] = []  # per cue: the set it is indexed by, or none
        self._other_sets: list[tuple[frozenset[str], ...]] = []  # per cue: the rest of its sets
        for cue in cues:
            sets = [needs for needs in cue.need_sets if all(map(_has_key, needs))]
            indexed = max(sets, key=lambda needs: min(map(len, needs)), default=frozenset())
            self._indexed_sets.append(indexed)
            self._other_sets.append(tuple(needs for needs in sets if needs is not indexed))
        self._always = tuple(i for i, needs in enumerate(self._indexed_sets) if not needs)
        self._cues_by_need: dict[str, list[int]] = {}
        for i, needs in enumerate(self._indexed_sets):
            for needed in needs:
                self._cues_by_need.setdefault(needed, []).append(i)
        self._needs_by_word_key: dict[str, list[str]] = {}
        self._needs_by_char: dict[str, list[str]] = {}
        for needed in self._cues_by_need:
            runs = _KEY_WORD.findall(needed)
            if runs:
                self._needs_by_word_key.setdefault(max(runs, key=len), []).append(needed)
            else:
                self._needs_by_char.setdefault(needed[0], []).append(needed)
        # the keys by their first two characters (every key has two): a word new to the cache
        # tries only the keys opening with each pair of its letters, not all of them
        self._keys_by_pair: dict[str, list[str]] = {}
        for key in self._needs_by_word_key:
            self._keys_by_pair.setdefault(key[:2], []).append(key)
        self._needs_in_word = lru_cache(maxsize=32768)(self._needs_keyed_inside)
        # the characters keying needs, found by one C-level scan (a set of a Chinese text's
        # characters would make a string of each)
        self._key_chars = (re.compile("[" + "".join(map(re.escape, self._needs_by_char)) + "]")
                           if self._needs_by_char else None)
        # openings marked as they stand in `_openings_text`; none for openings the marks stripped
        # off a sentence's start could hide
        self._marked_openings = tuple(
            tuple("\n" + opening for opening in cue.openings)
            if cue.openings and not any(map(_lead_length, cue.openings)) else None
            for cue in cues
        )
        self._opening_length = max((len(o) for cue in cues for o in cue.openings or ()), default=0)

    def may_match(self, text: str) -> tuple[Cue, ...]:
        """The cues, in order, that may match a sentence of `text` (a block); no other one can.

        A sentence holds what one of its cue's matches holds and opens where the match opens, and
        is part of the block: so a cue may match one only if the block holds a string of each of
        its need sets, and, for a cue anchored at the start, one of its openings where a sentence
        may start, and, for a cue searchable in a block, a match.
        """
        folded = fold(text)
        present = self._present_needs(folded)
        if not present and not self._always:  # most blocks: no cue is worth a closer look
            return ()
        indices = set(self._always).union(*(self._cues_by_need[needed] for needed in present))
        holds = folded.__contains__  # mapped over strings at C speed, without a generator's frames
        openings_text = None
        found = []
        for i in sorted(indices):
            if not all(any(map(holds, needs)) for needs in self._other_sets[i]):
                continue
            cue, marked = self._cues[i], self._marked_openings[i]
            if marked is not None:
                if openings_text is None:
                    openings_text = self._openings_text(text, folded)
                if not any(map(openings_text.__contains__, marked)):
                    continue
            elif cue.block_searchable and not cue.pattern.search(text):
                continue
            found.append(cue)
        return tuple(found)

    def _present_needs(self, folded: str) -> set[str]:
        """The indexed strings `folded` holds."""
        words = folded.encode("ascii", "replace").translate(_KEY_WORD_BYTES).decode("ascii").split()
        candidates = set().union(*map(self._needs_in_word, set(words)))
        if self._key_chars is not None and not folded.isascii():
            for char in set(self._key_chars.findall(folded)):
                candidates.update(self._needs_by_char[char])
        return set(filter(folded.__contains__, candidates))

    def _openings_text(self, text: str, folded: str) -> str:
        """The folded text where each sentence of `text` may start, each after a line break, as
        long as the longest opening: `"\\n" + opening in` it tells whether one starts with it."""
        starts = [_lead_length(text), *(m.end() for m in _AFTER_BREAK.finditer(text))]
        return "".join("\n" + folded[start:start + self._opening_length] for start in starts)

    def _needs_keyed_inside(self, word: str) -> tuple[str, ...]:
        """The needs whose key is part of `word` (a key may occur twice: they make a set)."""
        return tuple(needed for i in range(len(word) - 1)
                     for key in self._keys_by_pair.get(word[i:i + 2], ()) if word.startswith(key, i)
                     for needed in self._needs_by_word_key[key])


def _has_key(needed: str) -> bool:
    """Whether `_CueIndex` can key this string: by a run of two ASCII letters or digits, or by
    its first character when that is no ASCII one."""
    runs = _KEY_WORD.findall(needed)
    return max(map(len, runs)) >= 2 if runs else not needed[0].isascii()


_SENTENCE_INDEX = _CueIndex(SENTENCE_CUES)


def possible_cues(text: str) -> tuple[Cue, ...]:
    """The sentence cues, in order, that may match a sentence of `text` (a block)."""
    return _SENTENCE_INDEX.may_match(text)


def sentence_reason(sentence: str, cues: tuple[Cue, ...] | None = None) -> str | None:
    """The boilerplate reason of one sentence, or None for content.

    `cues` are the `possible_cues` of the block the sentence comes from, when known.
    """
    text = sentence.strip().lstrip(_LEADING_MARKS)
    if cues is None:
        cues = possible_cues(text)
    folded = fold(text)
    for cue in cues:
        holds_one = cue.needs is None or any(map(folded.__contains__, cue.needs))
        if holds_one and cue.pattern.search(text):
            return cue.reason
    return None


# --- Block-level signs ------------------------------------------------------------

# Attribute or tag remnants of HTML that leaked into the text: '" class="hidden">', '</div>'.
MARKUP_DEBRIS = re.compile(
    r"[\"']?\s*\b(class|style|id|href|src|alt|title|rel|target|onclick|data-[\w-]+)\s*=\s*[\"'][^\"']*[\"']?\s*/?>?"
    r"|</?[a-zA-Z][\w-]*(\s[^<>]*)?/?>|\[/?(vc|et_pb|fusion)_\w+[^\]]*\]"
)


def may_hold_markup(text: str) -> bool:
    """Whether `text` holds a sign every piece of markup debris holds: an attribute's '=', a tag's
    '<', a shortcode's '['. Most blocks hold none and are not searched; three substring tests
    (C scans) tell so faster than a regex walking every character."""
    return "=" in text or "<" in text or "[" in text


# A block opening with a button label glued to the next card's text: "Learn MoreJump into ...".
GLUED_LINK_LABEL = re.compile(r"^(?:Learn|Read|See|View|Find Out|Discover) More(?=[A-Z])")
# Footnote markers that open fine print: '*', '†', '¹', '[1]'.
FOOTNOTE_MARK = re.compile(r"^(\*|†|‡|§|[¹²³]|\[\d{1,2}\])")

# Signs that a block at the end of a page is a card for another post or course. They are
# weak: the main text says "In this section, we'll explore" too, so `clean` applies them
# only to a trailing run of blocks that starts with certain boilerplate.
SELF_REFERENCE = re.compile(
    r"\b(this|in this) (article|blog( post)?|post|guide|section|course|class|module|tutorial|webinar|ebook)\b"
    r"|本文|这篇文章|本博客|本课程|这门课|\b(artikel|blog|kursus|panduan) ini\b",
    re.IGNORECASE,
)
CARD_OPENINGS = (
    re.compile(
        r"^(explore|learn|discover|study|understand|gain|engage|master|dive|delve|get|find|read|join|start|"
        r"begin|enroll|build|develop|boost|advance|unlock|take|enjoy|achieve|jump|grasp|practice|earn|become|"
        r"see|check out|watch|download|sign up|register)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(pelajari|temukan|jelajahi|dapatkan|ikuti|baca|daftar|mulai|kuasai|pahami)\b",
               re.IGNORECASE),
    re.compile(r"^(了解|探索|学习|发现|掌握|获取|加入|开始)"),
    re.compile(r"^[A-Z][\w'’-]*(?:\s+(?:&|and|[A-Z][\w'’-]*)){0,4}\s*:\s+\S"),  # "Achieve & Shine: ..."
)
