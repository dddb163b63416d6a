"""HTML → Document: trafilatura for the article text and its metadata, lxml as the fallback.

trafilatura drops boilerplate (navigation, footers, comments) and reads title, site name, canonical
URL and publication date from the markup. On pages it cannot handle (short pages, fragments,
malformed markup) the text of the ``<body>`` is taken instead, with block elements on their own
lines and scripts/styles removed.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.build import build_document
from debrief.ingest.dates import parse_published

log = logging.getLogger(__name__)

_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "math", "object")
_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "main", "nav", "ol", "p", "pre", "section", "summary"),
        *("table", "tbody", "thead", "tfoot", "tr", "ul", "title"),
    )
)
_CELLS = frozenset(("td", "th"))
_SPACE = re.compile(r"\s+")
_LANG = re.compile(r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?""", re.I)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def readable(text: str | None) -> bool:
    """Text worth keeping: at least one letter or digit."""
    return bool(text) and any(ch.isalnum() for ch in text or "")


def _parse(markup: str, *, fragment: bool) -> lxml_html.HtmlElement:
    # Bytes + explicit encoding: lxml refuses str input that carries an XML encoding declaration.
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    data = markup.encode("utf-8", errors="replace")
    if fragment:
        root: lxml_html.HtmlElement = lxml_html.fragment_fromstring(data, create_parent="div", parser=parser)
        return root
    doc: lxml_html.HtmlElement = lxml_html.document_fromstring(data, parser=parser)
    return doc


def element_text(root: lxml_html.HtmlElement) -> str:
    """Visible text of `root`: HTML whitespace folded, one line per block element, `<br>` kept."""
    for bad in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag != "pre":
            el.text = _SPACE.sub(" ", el.text) if el.text else el.text
        el.tail = _SPACE.sub(" ", el.tail) if el.tail else el.tail
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _CELLS:
            el.tail = "\t" + (el.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a table cell); '' when nothing is readable."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    try:
        return element_text(_parse(markup, fragment=True))
    except (etree.LxmlError, ValueError):
        return ""


def _fallback(markup: str) -> tuple[str, str | None]:
    """(body text, <title>) straight from lxml; ('', None) when the markup has no readable body."""
    try:
        doc = _parse(markup, fragment=False)
    except (etree.LxmlError, ValueError):
        return "", None
    titles = doc.xpath("//title")
    title = _SPACE.sub(" ", titles[0].text_content()).strip() if titles else None
    bodies = doc.xpath("//body")
    text = element_text(bodies[0] if bodies else doc)
    return text, title or None


def _language(markup: str) -> str:
    match = _LANG.search(markup[:8192])
    return match.group(1).lower() if match else "en"


def html_document(markup: str, source: str, *, url: str | None = None) -> Document:
    """The article in `markup` as a Document; InputError "no readable text in HTML" otherwise."""
    failure: str | None = None
    result = None
    try:
        result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # third-party parser on untrusted markup: record it, fall back to lxml
        failure = f"trafilatura failed: {type(exc).__name__}: {exc}"
        log.info("%s: %s; using the lxml fallback", source, failure)

    text = getattr(result, "text", None) if result is not None else None
    title = getattr(result, "title", None) if result is not None else None
    if not readable(text):
        text, fallback_title = _fallback(markup)
        title = title or fallback_title
    if not readable(text):
        raise InputError(source, f"no readable text in HTML ({failure})" if failure else "no readable text in HTML")

    publisher = None
    published = None
    found_url = None
    if result is not None:
        publisher = getattr(result, "sitename", None) or getattr(result, "hostname", None)
        published = parse_published(getattr(result, "date", None))
        found_url = getattr(result, "url", None)
    return build_document(
        text or "",
        source,
        title=title or None,
        publisher=publisher or None,
        url=found_url or url,
        published=published,
        language=_language(markup),
    )
