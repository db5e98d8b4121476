"""Site chrome in a saved page: what to set aside before the content is laid out as blocks.

A saved page is mostly chrome. Each element is judged by its structure (tag, ARIA role,
hidden state, where it sits: a `header` inside an article is the article's own) together
with cues in its class and id names and in its text (an appeal next to a button, a cookie
notice); the cues live in `html_cues`. The outermost element judged chrome is removed
whole and recorded once, with its text, so nothing disappears silently. An element that
holds the page's h1 or its main landmark is never chrome, whatever its names say.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import html_cues as cue
from .html_text import INLINE_TAGS, NON_TEXT_TAGS, collapse
from .model import Removal

_BRACE = re.compile(r"[{}]")
_CLASS_SELECTOR = re.compile(r"^\.[A-Za-z_][\w-]*$")


@dataclass(frozen=True, slots=True)
class Scope:
    """Where an element sits: inside the main content, inside a sectioning element."""

    in_main: bool = False
    in_sectioning: bool = False

    def enter(self, tag: str, role: str) -> Scope:
        in_main = self.in_main or tag in cue.MAIN_TAGS or role == "main"
        return Scope(in_main, self.in_sectioning or in_main or tag in cue.SECTIONING_TAGS)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What judging one element needs to know about the whole page."""

    controlled_ids: frozenset[str]  # ids that a toggle (aria-controls) opens: accordion panels, menus
    page_h1: int | None  # mem_id of the page's h1: a site header holding it is content
    hidden_classes: frozenset[str]  # classes the page's own <style> hides on every screen


def page_facts(tree: LexborHTMLParser) -> PageFacts:
    """Read before the markup goes: the page's style sheets say which classes are never shown."""
    controlled = {
        ident
        for node in tree.css("[aria-controls]")
        for ident in (node.attributes.get("aria-controls") or "").split()
    }
    h1 = find_page_h1(tree)
    hidden = set().union(*(stylesheet_hidden_classes(style.text()) for style in tree.css("style")))
    return PageFacts(frozenset(controlled), h1.mem_id if h1 is not None else None, frozenset(hidden))


def find_page_h1(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's own h1: the first in its main content, else the first at all (a logo may be one)."""
    return tree.css_first("main h1, article h1, [role=main] h1") or tree.css_first("body h1")


def stylesheet_hidden_classes(css: str) -> set[str]:
    """Classes a style sheet hides outright: `.boxoff{display:none}` at the top level.

    Rules inside @media and other at-blocks apply only to some screens and are skipped, as
    are compound selectors, which depend on state (`.menu:not(.open)`).
    """
    hidden: set[str] = set()
    depth, rule_start, body_start = 0, 0, 0
    for brace in _BRACE.finditer(css):
        if brace.group() == "{":
            if depth == 0:
                body_start = brace.end()
            depth += 1
            continue
        depth = max(depth - 1, 0)
        if depth == 0:
            selectors = css[rule_start : body_start - 1]
            if not selectors.lstrip().startswith("@") and cue.DISPLAY_NONE.search(
                css[body_start : brace.start()]
            ):
                hidden.update(s.strip()[1:] for s in selectors.split(",") if _CLASS_SELECTOR.match(s.strip()))
            rule_start = brace.end()
    return hidden


def strip_markup(tree: LexborHTMLParser) -> Removal | None:
    """Remove scripts, styles, templates and comments; one Removal counts them all."""
    counts = {tag: 0 for tag in (*cue.MARKUP_TAGS, "comment")}
    for tag in cue.MARKUP_TAGS:
        for node in tree.css(tag):
            counts[tag] += 1
            node.decompose()
    for node in [n for n in tree.root.traverse(include_text=True) if n.is_comment_node]:
        counts["comment"] += 1
        node.decompose()
    total = sum(counts.values())
    if not total:
        return None
    kinds = "/".join(kind for kind, n in counts.items() if n)
    return Removal(f"{total} {kinds} elements", "markup")


def prune_chrome(body: LexborNode, facts: PageFacts) -> list[Removal]:
    """Remove every chrome element under `body`, outermost first; return them in page order."""
    removed: list[Removal] = []
    stack: list[tuple[LexborNode, Scope]] = [(child, Scope()) for child in reversed(list(body.iter()))]
    while stack:
        node, scope = stack.pop()
        tag = node.tag or ""
        if tag in NON_TEXT_TAGS:
            continue
        attrs = node.attributes
        reason = chrome_reason(node, tag, attrs, scope, facts)
        if reason is not None and _holds_content(node, facts):
            reason = None  # a wrapper named like chrome that holds the page's main content
        if reason is None:
            inner = scope.enter(tag, (attrs.get("role") or "").lower())
            stack.extend((child, inner) for child in reversed(list(node.iter())))
            continue
        text = " ".join(node.text(separator=" ").split())  # menu items stay apart, even in Chinese
        if text:
            removed.append(Removal(text, reason))
        node.decompose()
    return removed


@dataclass(slots=True)
class _Element:
    """One element as the judge sees it: tag, ARIA role and the words of its class and id."""

    node: LexborNode
    tag: str
    attrs: dict[str, str | None]
    role: str
    names: str  # class and id, lower-cased
    words: frozenset[str]  # "elementor-nav-menu mainNav" → elementor, nav, menu, main
    classes: frozenset[str]

    @classmethod
    def of(cls, node: LexborNode, tag: str, attrs: dict[str, str | None]) -> _Element:
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        words, classes = _words_of(names)
        return cls(node, tag, attrs, (attrs.get("role") or "").lower(), names.lower(), words, classes)


@lru_cache(maxsize=4096)
def _words_of(names: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a class/id string and its whole names, lower-cased.

    Cached: builders repeat the same class strings hundreds of times a page.
    """
    return frozenset(w.lower() for w in cue.NAME_WORDS.findall(names)), frozenset(names.lower().split())


def chrome_reason(
    node: LexborNode, tag: str, attrs: dict[str, str | None], scope: Scope, facts: PageFacts
) -> str | None:
    """Why this element is chrome, or None when it may hold content."""
    if tag in INLINE_TAGS:
        return _inline_reason(node, tag, attrs, facts) if attrs else None
    el = _Element.of(node, tag, attrs)
    if _is_consent_notice(el):
        return "consent"
    if _is_hidden(el, facts) and not _is_disclosure_panel(el, facts):
        return "hidden"
    structural = _structural_reason(el, scope)  # the tag or landmark says it: trusted before names
    if structural:
        return structural
    if _named_navigation(el):
        return "navigation"
    for part in ("header", "footer"):
        if not scope.in_main and _named_site_part(el, part):
            return part
    if el.words & cue.FORM_WORDS and node.css_first("form, input, select, textarea") is not None:
        return "form"
    if not scope.in_main and (tag == "aside" or el.role == "complementary" or el.words & cue.SIDEBAR_WORDS):
        return "sidebar"
    if tag == "button" and not _is_toggle(attrs) and not el.words & cue.DISCLOSURE_WORDS:
        return "cta" if cue.APPEAL.search(node.text()) else "form"
    if tag in cue.CONTAINER_TAGS and not _is_wrapper(node):
        return _text_reason(el)
    return None


def _inline_reason(node: LexborNode, tag: str, attrs: dict[str, str | None], facts: PageFacts) -> str | None:
    """Inside running text only a few things are chrome: hidden words, skip links, buttons."""
    if tag == "a" and (attrs.get("href") or "").startswith("#") and cue.SKIP_LINK.match(node.text()):
        return "navigation"
    if _hidden_by_attributes(attrs, _words_of(attrs.get("class") or "")[1], facts) and not _is_toggle(attrs):
        return "hidden"
    if tag == "a" and _looks_like_button(node):
        text = collapse(node.text())
        return "cta" if len(text) <= cue.MAX_CTA_CHARS and cue.APPEAL.search(text) else None
    return None


def _hidden_by_attributes(attrs: dict[str, str | None], classes: frozenset[str], facts: PageFacts) -> bool:
    """The hidden attribute, aria-hidden, an inline display:none, or a class that hides on all screens."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if cue.DISPLAY_NONE.search(attrs.get("style") or ""):
        return True
    hiding = classes & cue.HIDDEN_CLASSES or classes & facts.hidden_classes
    return bool(hiding) and not any(cue.RESPONSIVE_SHOW.match(name) for name in classes)


def _is_hidden(el: _Element, facts: PageFacts) -> bool:
    """Hidden by its attributes, or a closed dialog, modal, pop-up or off-canvas drawer."""
    tag, attrs = el.tag, el.attrs
    if _hidden_by_attributes(attrs, el.classes, facts):
        return True
    if (tag == "dialog" and "open" not in attrs) or attrs.get("data-elementor-type") == "popup":
        return True
    if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
        return True
    overlay = (
        el.role in ("dialog", "alertdialog")
        or attrs.get("aria-modal") == "true"
        or el.words & cue.OVERLAY_WORDS
    )
    return bool(overlay) and not el.classes & cue.OPEN_CLASSES


def _is_disclosure_panel(el: _Element, facts: PageFacts) -> bool:
    """A collapsed FAQ answer or tab panel: hidden until clicked, but content all the same."""
    attrs, role, words = el.attrs, el.role, el.words
    if role in ("dialog", "alertdialog") or attrs.get("aria-modal") == "true" or words & cue.OVERLAY_WORDS:
        return False
    if words & cue.NOT_DISCLOSURE_WORDS:
        return False
    if role in ("tabpanel", "region") or (attrs.get("hidden") or "") == "until-found":
        return True
    return (attrs.get("id") or "") in facts.controlled_ids or bool(words & cue.DISCLOSURE_WORDS)


def _is_consent_notice(el: _Element) -> bool:
    """A cookie or privacy consent notice: named so by its builder, or a short notice about cookies."""
    if cue.CONSENT_NAME.search(el.names) or el.words & cue.CONSENT_WORDS:
        return True
    if (el.tag not in cue.CONTAINER_TAGS and el.tag != "dialog") or not _is_overlay_like(el):
        return False
    text = el.node.text()
    return (
        len(text) <= cue.MAX_CONSENT_CHARS
        and bool(cue.COOKIE_TEXT.search(text))
        and el.node.css_first("button, a") is not None
    )


def _is_overlay_like(el: _Element) -> bool:
    """A fixed notice rather than prose: a dialog, a live region, a banner or bar, a top-level box."""
    if el.role in ("dialog", "alertdialog", "region") or el.attrs.get("aria-live"):
        return True
    parent = el.node.parent
    return (parent is not None and parent.tag == "body") or any(
        "banner" in c or "notice" in c for c in el.classes
    )


def _structural_reason(el: _Element, scope: Scope) -> str | None:
    """Chrome by tag or ARIA landmark: nav, a site-level header or footer, a form control."""
    tag, role = el.tag, el.role
    if tag == "nav" or role in ("navigation", "menubar", "menu", "tablist"):
        return "navigation"
    if tag in cue.FORM_TAGS or role in ("search", "form"):
        return "form"
    if scope.in_sectioning:
        return None  # an article's own header or footer is part of the article
    if tag == "header" or role == "banner":
        return "header"
    if tag == "footer" or role == "contentinfo":
        return "footer"
    return None


def _named_navigation(el: _Element) -> bool:
    if el.tag in ("main", "article", "body"):
        return False
    if el.words & cue.NAV_WORDS or cue.RELATED_NAME.search(el.names):
        return True
    if any(jump <= el.words for jump in cue.JUMP_WORDS):
        return True
    return "breadcrumb" in (el.attrs.get("aria-label") or "").lower()


def _named_site_part(el: _Element, part: str) -> bool:
    """A site-level header or footer told by a site builder's names ("site-header", "SITE_FOOTER")."""
    words = el.words
    if el.attrs.get("data-elementor-type") == part or el.attrs.get("data-testid") == part:
        return True
    if words & cue.LOCAL_PART_WORDS:
        return False
    if part == "header":
        return bool(words & cue.HEADER_WORDS) or any(pair <= words for pair in cue.HEADER_WORD_PAIRS)
    return bool(words & cue.FOOTER_WORDS)


def _holds_content(node: LexborNode, facts: PageFacts) -> bool:
    """The page's h1 or its main landmark is inside: a header holding the h1 is content.

    Articles alone do not count: a list of teasers is a run of small articles.
    """
    if node.css_first("main, [role=main]") is not None:
        return True
    return facts.page_h1 is not None and any(h1.mem_id == facts.page_h1 for h1 in node.css("h1"))


def _is_toggle(attrs: dict[str, str | None]) -> bool:
    return "aria-controls" in attrs or "aria-expanded" in attrs


def _is_wrapper(node: LexborNode) -> bool:
    """A box around exactly one element and no text of its own: judged through its child."""
    children = [c for c in node.iter(include_text=True) if not (c.is_text_node and c.is_empty_text_node)]
    return len(children) == 1 and not children[0].is_text_node


def _text_reason(el: _Element) -> str | None:
    """Chrome told by text and links: a menu of links, a breadcrumb trail, a banner that only appeals."""
    links = el.node.css("a")
    if not links and el.node.css_first("button, input") is None:
        return None  # every rule below needs a link or a button
    raw = el.node.text(separator=" ")
    if not raw or len(raw) > cue.MAX_TEXT_JUDGED_CHARS:
        return None
    letters = len("".join(raw.split()))
    if len(links) >= cue.MIN_MENU_LINKS and _link_letters(links) >= cue.MENU_LINK_SHARE * letters:
        return "navigation"
    if len(links) >= 2 * cue.MIN_TEASERS and _is_teaser_list(links, letters):
        return "navigation"
    if letters > cue.MAX_CTA_CHARS:
        return None
    text = collapse(raw)
    if links and len(text) <= cue.MAX_STRIP_CHARS:
        if cue.BREADCRUMB_TEXT.match(text):
            return "navigation"
        if _precedes_site_header(el.node):
            return "cta"  # an announcement strip above the site header, linking to an offer
    return "cta" if _is_cta(el, text, links) else None


def _is_teaser_list(links: list[LexborNode], letters: int) -> bool:
    """Teasers of other pages: each linked twice (title and "Read more"), making up much of the box."""
    hrefs = Counter(link.attributes.get("href") or "#" for link in links)
    repeated = {href for href, n in hrefs.items() if n >= 2 and not href.startswith("#")}
    if len(repeated) < cue.MIN_TEASERS:
        return False
    teaser_links = [link for link in links if (link.attributes.get("href") or "#") in repeated]
    return _link_letters(teaser_links) >= cue.TEASER_LINK_SHARE * letters


def _link_letters(links: list[LexborNode]) -> int:
    return sum(len("".join(link.text().split())) for link in links)


def _is_cta(el: _Element, text: str, links: list[LexborNode]) -> bool:
    """A banner whose text is an appeal with a link or button, and nothing else."""
    node = el.node
    if len(text) > cue.MAX_CTA_CHARS or node.css_first("li, tr, table") is not None:
        return False
    actions = [
        n for n in node.css("a, button, input[type=submit]") if _looks_like_button(n) or _is_appeal_link(n)
    ]
    if el.words & cue.CTA_WORDS:
        return bool(actions or links)
    if not actions or el.tag == "p":
        return False  # a sentence with a link in it is prose, not a banner
    rest = text
    for action in actions:
        rest = rest.replace(collapse(action.text(separator=" ")), " ")
    return bool(cue.APPEAL.search(rest))


def _is_appeal_link(node: LexborNode) -> bool:
    """A short link that asks the reader to act ("Hubungi via WhatsApp", "Apply online")."""
    if node.tag != "a":
        return False
    text = node.text()
    return len(text.split()) <= cue.MAX_ACTION_WORDS and bool(cue.APPEAL.search(text))


def _precedes_site_header(node: LexborNode) -> bool:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling is not None and (sibling.tag == "header" or sibling.attributes.get("role") == "banner")


def _looks_like_button(node: LexborNode) -> bool:
    """A button, or a link styled as one (btn, button, cta in its names)."""
    attrs = node.attributes
    if node.tag != "a" or (attrs.get("role") or "") == "button":
        return not _is_toggle(attrs)
    words, names = _words_of(f"{attrs.get('class') or ''} {attrs.get('id') or ''}")
    return bool(words & cue.BUTTON_WORDS) or any("button" in name for name in names)
