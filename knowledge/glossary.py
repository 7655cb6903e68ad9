"""Glossary rules as plain functions: the A–Z grouping, and linking a term where it first appears.

Linking works on rendered HTML (so it covers every text block of an article at once): each term is
linked at its first occurrence only, never inside links, headings or code, and longer spellings win
over shorter ones ("Alltagsrassismus" before "Rassismus"). Parts marked ``data-no-glossary`` (the
embedded offer lists) are left alone.
"""

import re
import unicodedata

from bs4 import BeautifulSoup, NavigableString

SKIP_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "label"}
DIGITS = "0–9"


def initial(term):
    """The A–Z letter of a term: umlauts under their base letter, digits together."""
    first = (term.strip() or "#")[0]
    if first.isdigit():
        return DIGITS
    base = unicodedata.normalize("NFKD", first)[0].upper()
    return base if "A" <= base <= "Z" else "#"


def by_letter(terms):
    """[(letter, [terms])] in alphabetical order; umlauts sort as their base letter."""
    groups = {}
    for term in sorted(terms, key=lambda t: _sort_key(t.term)):
        groups.setdefault(initial(term.term), []).append(term)
    return sorted(groups.items(), key=lambda item: (item[0] != DIGITS, item[0]))


def _sort_key(text):
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


def link_terms(html, terms, base_url):
    """``html`` with the first occurrence of each term (any of its forms) linked to ``base_url#slug``."""
    forms = {}
    for term in terms:
        for form in term.forms:
            forms.setdefault(form.casefold(), term.slug)
    if not forms or not html:
        return html
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
    )
    soup = BeautifulSoup(html, "html.parser")
    linked = set()
    for text in list(soup.find_all(string=True)):
        if linked >= set(forms.values()):
            break
        if any(_skipped(parent) for parent in text.parents) or not pattern.search(text):
            continue
        _link_in(soup, text, pattern, forms, linked, base_url)
    return str(soup)


def _skipped(element):
    return element.name in SKIP_INSIDE or element.has_attr("data-no-glossary")


def _link_in(soup, text, pattern, forms, linked, base_url):
    pieces, position = [], 0
    for match in pattern.finditer(text):
        slug = forms[match.group(1).casefold()]
        if slug in linked:
            continue
        linked.add(slug)
        pieces.append(NavigableString(text[position : match.start()]))
        link = soup.new_tag("a", href=f"{base_url}#{slug}", attrs={"class": "glossary-link"})
        link.string = match.group(1)
        pieces.append(link)
        position = match.end()
    if not pieces:
        return
    pieces.append(NavigableString(text[position:]))
    for piece in pieces:
        text.insert_before(piece)
    text.extract()
