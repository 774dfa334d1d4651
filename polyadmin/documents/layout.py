"""One document, two formats: the blocks a client document is made of, laid out as PDF (ReportLab) and as
accessible HTML from the very same objects.

A renderer (`offer_documents`, `contract_documents`) turns a view of `views.py` and the wording of
`documents/client_documents.yaml` into a `PrintedDocument`: headings, paragraphs, lists, tables with a
caption and header cells, framed blocks. `render_pdf` lays it out on A4 — ReportLab PDFs carry no
tags — and `render_html` writes the accessible twin (lang="fr", real headings, `<th scope>`,
`<caption>`), so both say exactly the same texts. The same document gives the same bytes (ReportLab
`invariant`, fixed metadata).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape as html_escape
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from polyadmin.documents.ipid import FRAME_WIDTH as IPID_WIDTH
from polyadmin.documents.ipid import MARGIN as IPID_MARGIN
from polyadmin.documents.paragraphs import paragraph
from polyadmin.documents.resources import BOLD, FONT_FAMILY, register_fonts
from polyadmin.domain.french import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE

PAGE_WIDTH, PAGE_HEIGHT = A4


# --- the blocks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 2: a section; 3: a part of a section


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "body"  # body, small, strong


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    intro: str = ""


@dataclass(frozen=True)
class Facts:
    """Label → value rows (the label is the row's header cell)."""

    caption: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grid:
    """A data table: caption, column headers, rows; `numeric` columns are right-aligned; an optional
    total row; `first_is_header` makes each row's first cell its header (a comparison)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    total: tuple[str, ...] | None = None
    widths: tuple[float, ...] | None = None  # fractions of the frame width
    first_is_header: bool = True


@dataclass(frozen=True)
class Framed:
    """A framed block. `prominent`: the exclusions of art. L112-4 (« caractères très apparents »): bold,
    larger, a thick frame; `eco`: environment-friendly choices, highlighted; `notice`: a legal mention."""

    title: str
    items: tuple[str, ...] = ()
    text: str = ""
    tone: str = "notice"  # prominent, eco, notice


@dataclass(frozen=True)
class Signatures:
    boxes: tuple[str, ...]


@dataclass(frozen=True)
class NewPage:
    """Start a new page (PDF); a new part of the page (HTML)."""


Block = Heading | Text | Items | Facts | Grid | Framed | Signatures | NewPage


@dataclass(frozen=True)
class PrintedDocument:
    """A client document ready to lay out: every text final, French, typeset."""

    kind: str
    title: str
    reference: str  # « Contrat n° CT-000123 »
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    dated: str
    blocks: tuple[Block, ...]
    footer: str
    filename: str  # without extension
    # Extra flowables appended after the blocks, each on its own pages (the IPIDs after a quote): PDF only,
    # their HTML twin is given as blocks in `appendix_blocks`.
    appendix: tuple[Callable[[], list[Flowable]], ...] = field(default=(), compare=False)
    appendix_blocks: tuple[Block, ...] = ()
    annexes: tuple[PrintedDocument, ...] = ()  # whole documents printed after (the advice after a quote)


@dataclass(frozen=True)
class Layout:
    """Layout parameters read from documents/client_documents.yaml (`layout`)."""

    margin_mm: float = 18
    body_size: float = 9.5
    leading: float = 13
    title_size: float = 15
    heading_size: float = 11.5
    small_size: float = 8
    prominent_size: float = 11
    ink: str = "#1d2733"
    accent: str = "#14536b"
    warning: str = "#8a1c1c"
    eco: str = "#1f6136"
    muted: str = "#56636f"

    @property
    def margin(self) -> float:
        return self.margin_mm * mm

    @property
    def frame_width(self) -> float:
        return PAGE_WIDTH - 2 * self.margin


# --- PDF -------------------------------------------------------------------------------------------------


def pdf_text(value: str) -> str:
    """Text is data, never markup: escaped for a Paragraph. The narrow no-break space (French thousands)
    is a break opportunity for ReportLab: the no-break space keeps « 1 500,00 € » in one piece."""
    return escape(value).replace(NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE)


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    strong: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_number: ParagraphStyle
    cell_number_head: ParagraphStyle
    prominent: ParagraphStyle
    prominent_title: ParagraphStyle


@lru_cache(maxsize=16)
def _styles(layout: Layout, family: str) -> _Styles:
    """The paragraph styles of a layout, built once per layout (they are never modified)."""
    ink = colors.HexColor(layout.ink)
    body = ParagraphStyle(
        "body",
        fontName=family,
        bulletFontName=family,
        fontSize=layout.body_size,
        leading=layout.leading,
        textColor=ink,
        spaceAfter=4,
    )
    cell = ParagraphStyle(
        "cell", parent=body, fontSize=layout.small_size + 0.5, leading=layout.small_size + 3, spaceAfter=0
    )
    return _Styles(
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=layout.title_size,
            leading=layout.title_size * 1.25,
            textColor=colors.HexColor(layout.accent),
            spaceAfter=6,
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=layout.heading_size,
            leading=layout.heading_size * 1.3,
            textColor=colors.HexColor(layout.accent),
            spaceBefore=8,
            spaceAfter=4,
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=body,
            fontName=BOLD,
            fontSize=layout.body_size + 0.5,
            spaceBefore=5,
            spaceAfter=2,
        ),
        body=body,
        strong=ParagraphStyle("strong", parent=body, fontName=BOLD),
        small=ParagraphStyle(
            "small",
            parent=body,
            fontSize=layout.small_size,
            leading=layout.small_size * 1.3,
            textColor=colors.HexColor(layout.muted),
        ),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=1),
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
        cell_number=ParagraphStyle("cell_number", parent=cell, alignment=TA_RIGHT),
        cell_number_head=ParagraphStyle("cell_number_head", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
        prominent=ParagraphStyle(
            "prominent",
            parent=body,
            fontName=BOLD,
            bulletFontName=BOLD,
            fontSize=layout.prominent_size,
            leading=layout.prominent_size * 1.3,
            leftIndent=12,
            bulletIndent=0,
            spaceAfter=2,
        ),
        prominent_title=ParagraphStyle(
            "prominent_title",
            parent=body,
            fontName=BOLD,
            fontSize=layout.prominent_size + 1.5,
            leading=(layout.prominent_size + 1.5) * 1.3,
            spaceAfter=3,
        ),
    )


def _p(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    return paragraph(pdf_text(text), style, bullet)


def _grid_flowable(block: Grid, layout: Layout, s: _Styles) -> list[Flowable]:
    width = layout.frame_width
    count = len(block.header) or max((len(row) for row in block.rows), default=1)
    fractions = block.widths or tuple(1 / count for _ in range(count))

    def cell(text: str, column: int, head: bool) -> Paragraph:
        if column in block.numeric:
            return _p(text, s.cell_number_head if head else s.cell_number)
        return _p(text, s.cell_head if head or (column == 0 and block.first_is_header) else s.cell)

    data = [[cell(text, i, True) for i, text in enumerate(block.header)]] if block.header else []
    data += [[cell(text, i, False) for i, text in enumerate(row)] for row in block.rows]
    if block.total:
        data.append([cell(text, i, True) for i, text in enumerate(block.total)])
    table = Table(data, colWidths=[width * f for f in fractions], repeatRows=1 if block.header else 0, splitByRow=1)
    rule = colors.HexColor("#9aa9b5")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, rule),
        ("BACKGROUND", (0, 0), (-1, 0) if block.header else (0, -1), colors.HexColor("#e3eef2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if block.total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f4f6")))
    table.setStyle(TableStyle(style))
    return [CondPageBreak(20 * mm), _p(block.caption, s.subheading), table, Spacer(1, 4)]


def _framed_flowable(block: Framed, layout: Layout, s: _Styles) -> list[Flowable]:
    tone = {
        "prominent": (colors.HexColor(layout.warning), colors.HexColor("#fbeceb"), 2.0),
        "eco": (colors.HexColor(layout.eco), colors.HexColor("#eaf5ee"), 1.2),
        "notice": (colors.HexColor(layout.ink), colors.white, 0.8),
    }[block.tone]
    border, background, thickness = tone
    item_style = s.prominent if block.tone == "prominent" else s.bullet
    title_style = s.prominent_title if block.tone == "prominent" else s.strong
    rows: list[Flowable] = [_p(block.title, title_style)] if block.title else []
    if block.text:
        rows.append(_p(block.text, s.prominent if block.tone == "prominent" else s.body))
    rows += [_p(item, item_style, "✗" if block.tone == "prominent" else "•") for item in block.items]
    table = Table([[row] for row in rows], colWidths=[layout.frame_width], splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), thickness, border),
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return [Spacer(1, 4), table, Spacer(1, 6)]


def _block_flowables(block: Block, layout: Layout, s: _Styles) -> list[Flowable]:
    if isinstance(block, Heading):
        style = s.heading if block.level <= 2 else s.subheading
        return [CondPageBreak(25 * mm), _p(block.text, style)]
    if isinstance(block, Text):
        return [_p(block.text, {"strong": s.strong, "small": s.small}.get(block.style, s.body))]
    if isinstance(block, Items):
        if not block.items:
            return []
        intro = [_p(block.intro, s.body)] if block.intro else []
        return intro + [_p(item, s.bullet, "•") for item in block.items]
    if isinstance(block, Facts):
        return _grid_flowable(Grid(block.caption, (), block.rows, widths=(0.34, 0.66)), layout, s)
    if isinstance(block, Grid):
        return _grid_flowable(block, layout, s)
    if isinstance(block, Framed):
        return _framed_flowable(block, layout, s)
    if isinstance(block, Signatures):
        cells = [[_p(label, s.cell_head) for label in block.boxes]]
        cells.append([Spacer(1, 22 * mm) for _ in block.boxes])
        table = Table(cells, colWidths=[layout.frame_width / len(block.boxes)] * len(block.boxes))
        table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(layout.muted))]))
        return [Spacer(1, 6), KeepTogether([table])]
    return [PageBreak()]


def _header(document: PrintedDocument, layout: Layout, s: _Styles) -> list[Flowable]:
    sender = [_p(line, s.strong if i == 0 else s.small) for i, line in enumerate(document.sender)]
    recipient = [_p(line, s.body) for line in document.recipient]
    head = Table([[sender, recipient]], colWidths=[layout.frame_width * 0.55, layout.frame_width * 0.45])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [
        head,
        Spacer(1, 6 * mm),
        _p(document.title, s.title),
        _p(document.reference, s.strong),
        _p(document.dated, s.small),
        Spacer(1, 3 * mm),
    ]


def story_of(document: PrintedDocument, layout: Layout) -> list[Flowable]:
    """The flowables of a document's own pages: its header, then its blocks."""
    s = _styles(layout, register_fonts())
    story: list[Flowable] = _header(document, layout, s)
    previous: Block | None = None
    for block in document.blocks:
        flowables = _block_flowables(block, layout, s)
        if isinstance(block, Facts | Grid) and isinstance(previous, Heading) and previous.text == block.caption:
            del flowables[1]  # the caption says what the heading just said: printed once
        story += flowables
        previous = block
    return story


def render_pdf(document: PrintedDocument, layout: Layout) -> bytes:
    """The document as A4 PDF bytes; the same document gives the same bytes."""
    buffer = BytesIO()

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_FAMILY, 7)
        canvas.setFillColor(colors.HexColor(layout.muted))
        canvas.drawString(layout.margin, 9 * mm, f"{document.footer} — {document.reference}"[:150])
        canvas.drawRightString(PAGE_WIDTH - layout.margin, 9 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{document.title} — {document.reference}",
        author="polyadmin",
        creator="polyadmin",
        subject=document.title,
        invariant=True,
        lang="fr-FR",
    )
    body_frame = Frame(
        layout.margin,
        16 * mm,
        layout.frame_width,
        PAGE_HEIGHT - layout.margin - 16 * mm,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    templates = [PageTemplate(id="document", frames=[body_frame], onPage=footer)]
    story = story_of(document, layout)
    if document.appendix:
        appendix_frame = Frame(
            IPID_MARGIN,
            15 * mm,
            IPID_WIDTH,
            PAGE_HEIGHT - IPID_MARGIN - 15 * mm,
            id="appendix",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates.append(PageTemplate(id="appendix", frames=[appendix_frame], onPage=footer))
        for part in document.appendix:
            story += [NextPageTemplate("appendix"), PageBreak(), *part()]
    for annex in document.annexes:
        story += [NextPageTemplate("document"), PageBreak(), *story_of(annex, layout)]
    template.addPageTemplates(templates)
    template.build(story)
    return buffer.getvalue()


# --- accessible HTML ------------------------------------------------------------------------------------

HTML_STYLE = (
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:1.25rem;line-height:1.6;color:#1d2733;"
    "background:#fff;max-width:48em;margin:1.5em auto;padding:0 1em}"
    "h1{font-size:1.7rem}h2{font-size:1.4rem;margin-top:1.6em}h3{font-size:1.2rem}"
    "address{font-style:normal;margin-bottom:1em}table{border-collapse:collapse;margin:.5em 0 1em;width:100%}"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}th,td{border:1px solid #6b7a86;padding:.3em .5em;"
    "text-align:left;vertical-align:top}td.montant,th.montant{text-align:right}"
    ".exclusions{border:4px solid #8a1c1c;padding:.5em 1em;font-weight:bold;font-size:1.35rem}"
    ".eco{border:3px solid #1f6136;padding:.5em 1em}.mention{border:2px solid #1d2733;padding:.5em 1em}"
    ".signatures{display:flex;gap:1em}.signatures div{border:1px solid #6b7a86;flex:1;min-height:6em;padding:.5em}"
    "footer{font-size:1rem;color:#444;margin-top:2em}"
)


def _h(text: str) -> str:
    return html_escape(text, quote=True)


def _html_grid(block: Grid) -> str:
    def cls(column: int) -> str:
        return ' class="montant"' if column in block.numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{_h(text)}</th>' for i, text in enumerate(block.header))
    rows = []
    for row in block.rows:
        cells = []
        for i, text in enumerate(row):
            if i == 0 and block.first_is_header:
                cells.append(f'<th scope="row">{_h(text)}</th>')
            else:
                cells.append(f"<td{cls(i)}>{_h(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    total = ""
    if block.total:
        cells = [f'<th scope="row">{_h(block.total[0])}</th>']
        cells += [f"<td{cls(i)}><strong>{_h(text)}</strong></td>" for i, text in enumerate(block.total) if i]
        total = "<tfoot><tr>" + "".join(cells) + "</tr></tfoot>"
    return (
        f"<table><caption>{_h(block.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody>{total}</table>"
    )


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 2), 4)
        return f"<h{level}>{_h(block.text)}</h{level}>"
    if isinstance(block, Text):
        text = _h(block.text)
        if block.style == "strong":
            text = f"<strong>{text}</strong>"
        if block.style == "small":
            text = f"<small>{text}</small>"
        return f"<p>{text}</p>"
    if isinstance(block, Items):
        if not block.items:
            return ""
        intro = f"<p>{_h(block.intro)}</p>" if block.intro else ""
        return intro + "<ul>" + "".join(f"<li>{_h(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Facts):
        rows = "".join(f'<tr><th scope="row">{_h(label)}</th><td>{_h(value)}</td></tr>' for label, value in block.rows)
        return f"<table><caption>{_h(block.caption)}</caption><tbody>{rows}</tbody></table>"
    if isinstance(block, Grid):
        return _html_grid(block)
    if isinstance(block, Framed):
        css = {"prominent": "exclusions", "eco": "eco", "notice": "mention"}[block.tone]
        parts = [f'<section class="{css}" aria-label="{_h(block.title or block.text[:60])}">']
        if block.title:
            parts.append(f"<h3>{_h(block.title)}</h3>")
        if block.text:
            parts.append(f"<p>{_h(block.text)}</p>")
        if block.items:
            parts.append("<ul>" + "".join(f"<li>{_h(item)}</li>" for item in block.items) + "</ul>")
        parts.append("</section>")
        return "".join(parts)
    if isinstance(block, Signatures):
        return '<div class="signatures">' + "".join(f"<div>{_h(label)}</div>" for label in block.boxes) + "</div>"
    return "<hr>"


def _html_annex(annex: PrintedDocument) -> str:
    """A document printed after another: its own section, its title as a second-level heading."""
    parts = [f'<section aria-label="{_h(annex.title)}">', f"<h2>{_h(annex.title)}</h2>"]
    parts.append(f"<p><strong>{_h(annex.reference)}</strong><br>{_h(annex.dated)}</p>")
    parts += [
        _html_block(Heading(block.text, block.level + 1) if isinstance(block, Heading) else block)
        for block in annex.blocks
    ]
    parts.append("</section>")
    return "\n".join(parts)


def render_html(document: PrintedDocument) -> str:
    """The same document as one accessible HTML page (French, headings, captioned tables, large text)."""
    blocks: Sequence[Block] = (*document.blocks, *document.appendix_blocks)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(document.title)} — {_h(document.reference)}</title>",
        f"<style>{HTML_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<address aria-label="Expéditeur">{"<br>".join(_h(line) for line in document.sender)}</address>',
        f'<address aria-label="Destinataire">{"<br>".join(_h(line) for line in document.recipient)}</address>',
        "</header>",
        "<main>",
        f"<h1>{_h(document.title)}</h1>",
        f"<p><strong>{_h(document.reference)}</strong><br>{_h(document.dated)}</p>",
        *(_html_block(block) for block in blocks),
        *(_html_annex(annex) for annex in document.annexes),
        "</main>",
        f"<footer>{_h(document.footer)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
