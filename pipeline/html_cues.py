"""The words that mark site chrome in class and id names and in text, and the size limits.

Kept apart from the judging code so the vocabulary can be read (and extended) in one
place. Names are matched as words: "elementor-nav-menu", "mainNav" and "SITE_HEADER" give
elementor/nav/menu, main/nav and site/header. Text cues cover English, Chinese and
Indonesian, the languages of the corpus.
"""

from __future__ import annotations

import re

MARKUP_TAGS = ("script", "style", "noscript", "template")
SECTIONING_TAGS = frozenset({"article", "aside", "main", "nav", "section"})
MAIN_TAGS = frozenset({"main", "article"})
FORM_TAGS = frozenset({"form", "search", "select", "textarea", "input", "fieldset", "datalist"})
# Boxes whose text and links are worth judging (a menu of links, a banner, a notice).
CONTAINER_TAGS = frozenset(
    {"div", "section", "aside", "ul", "ol", "p", "dl", "table", "td", "header", "footer", "figure", "center"}
)

HIDDEN_CLASSES = frozenset(
    {
        "hidden",
        "d-none",
        "is-hidden",
        "hide",
        "invisible",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "screen-reader-only",
        "elementor-screen-only",
        "u-hidden",
        "sr-only-focusable",
        "visuallyhidden",
    }
)
OVERLAY_WORDS = frozenset({"modal", "popup", "offcanvas", "lightbox", "drawer"})
OPEN_CLASSES = frozenset({"show", "open", "is-open", "active", "visible", "in", "is-visible", "shown"})
DISCLOSURE_WORDS = frozenset(
    {
        "accordion",
        "collapse",
        "faq",
        "answer",
        "tab",
        "tabs",
        "panel",
        "toggle",
        "collapsible",
        "expandable",
        "dropdown",
    }
)
NOT_DISCLOSURE_WORDS = frozenset({"menu", "nav", "navbar", "navigation", "sr", "screen"})
NAV_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "megamenu",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "pagination",
        "pager",
        "skip",
        "share",
        "sharing",
        "sharedaddy",
        "social",
        "related",
        "langswitcher",
        "wpml",
        "polylang",
    }
)
JUMP_WORDS = ({"scroll", "top"}, {"scroll", "bottom"}, {"back", "top"}, {"totop"}, {"gotop"})  # page jumps
HEADER_WORDS = frozenset({"header", "masthead", "topbar"})
HEADER_WORD_PAIRS = ({"top", "bar"}, {"utility", "bar"})
FOOTER_WORDS = frozenset({"footer", "colophon", "copyright"})
# Names of a part's own header or footer: a card's, a modal's, a post's.
LOCAL_PART_WORDS = frozenset(
    {
        "card",
        "modal",
        "entry",
        "post",
        "article",
        "widget",
        "section",
        "box",
        "panel",
        "table",
        "accordion",
        "newsletter",
        "form",
        "comment",
        "comments",
    }
)
FORM_WORDS = frozenset(
    {
        "newsletter",
        "subscribe",
        "subscription",
        "searchform",
        "signup",
        "optin",
        "login",
        "comments",
        "respond",
    }
)
SIDEBAR_WORDS = frozenset({"sidebar", "widgets"})
CTA_WORDS = frozenset({"cta", "calltoaction", "promo", "banner"})
BUTTON_WORDS = frozenset({"btn", "button", "cta"})
CONSENT_WORDS = frozenset({"cky", "cookieyes", "iubenda", "termly"})
RELATED_NAME = re.compile("related|recommended|morefrom|more-from|you-may")  # related-posts boxes
CONSENT_NAME = re.compile("cookie|consent|gdpr|cmplz|onetrust")  # distinctive even inside a longer name

NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
RESPONSIVE_SHOW = re.compile(
    r"^(?:(?:sm|md|lg|xl|2xl):|d-(?:sm|md|lg|xl|xxl)-)"
    r"(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)$"
)
DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SKIP_LINK = re.compile(
    r"^\s*(skip to|skip navigation|jump to|跳至|跳到|跳过|langsung ke|lewati)", re.IGNORECASE
)
BREADCRUMB_TEXT = re.compile(
    r"(当前位置|您的位置|您现在的位置|现在位置|you are here|posisi anda|anda di sini)", re.IGNORECASE
)
COOKIE_TEXT = re.compile(r"cookie|kuki|缓存|隐私设置", re.IGNORECASE)
# Words of an appeal: a banner that asks the reader to act now.
APPEAL = re.compile(
    r"\b(ready to|apply|enrol|enroll|request|get started|start (your|today|now)|today|call (us|now|today)|"
    r"contact (us|our|an?)|talk (to|with)|speak (to|with)|schedule|book (a|your)|sign up|register|join|"
    r"download|reserve|free (consultation|info|guide)|take the (first|next) step|don'?t wait|"
    r"curious|interested in|have questions|tour|sit in|visit (us|our)|"
    r"daftar|hubungi|segera|mulai|ajukan|jadwalkan|unduh|gratis|sekarang|bergabung|konsultasi)\b"
    r"|立即|马上|现在就|报名|申请|咨询|联系我们|预约|免费|开启|加入我们",
    re.IGNORECASE,
)

MAX_CTA_CHARS = 400
MAX_STRIP_CHARS = 200  # a breadcrumb trail, an announcement strip
MAX_ACTION_WORDS = 6
MAX_TEXT_JUDGED_CHARS = 5000  # longer boxes are content, or hold smaller boxes judged on their own
MAX_CONSENT_CHARS = 1200
MIN_MENU_LINKS = 3
MENU_LINK_SHARE = 0.75
MIN_TEASERS = 2
TEASER_LINK_SHARE = 0.3
