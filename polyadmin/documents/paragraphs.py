"""ReportLab paragraphs whose parse is kept: the wording, labels, headings and product texts come back in
every document, and ReportLab's HTML parser is a good part of a page's cost.

`paragraph(markup, style)` takes exactly `Paragraph(markup, style)`'s own steps (clean the text, parse it,
keep the fragments), once per (markup, style): the same document gives the same bytes, with or without the
kept parse (tests/unit/test_client_documents.py). Styles are keys by identity: each module builds its
styles once (`functools.lru_cache`), so a kept parse always belongs to a living style.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

KEPT_PARSES = 8192  # about 50 documents of texts that all differ; each is a few fragments


@lru_cache(maxsize=KEPT_PARSES)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[str, ParagraphStyle, tuple[ParaFrag, ...]]:
    text = cleanBlockQuotedText(markup)
    parsed_style, frags, bullet_frags = ParaParser().parse(text, style)
    if frags is None or bullet_frags:
        raise ValueError(f"Texte de paragraphe illisible : {markup[:30]!r}")
    return text, parsed_style, tuple(frags)


def paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """`Paragraph(markup, style, bulletText=bullet)`, its parse kept for the next document."""
    if style.textTransform:  # applied in place by Paragraph: left to it (no style of ours has one)
        return Paragraph(markup, style, bulletText=bullet)
    text, parsed_style, frags = _parsed(markup, style)
    # Each paragraph gets its own copies: ReportLab marks the fragments while breaking lines.
    return Paragraph(text, parsed_style, bulletText=bullet, frags=[frag.clone() for frag in frags])
