"""The product information document (DIPA / IPID, art. L112-2 Code des assurances) as a PDF.

The layout follows the standard EU IPID (règlement d'exécution (UE) 2017/1469): the insurer and the
product, then the nine questions in their usual order. It is built from the catalogue's product data:
the `ipid` content written by the trainer, plus the guarantees with their limits and deductibles, the
formulas compared, the exclusions in very apparent type (art. L112-4: bold, boxed) and the eco features.

`render_ipid(product)` is pure: the same product gives byte-identical PDFs (ReportLab `invariant`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from polyadmin.documents.resources import BOLD, FONT_FAMILY, register_fonts
from polyadmin.domain.catalogue import Guarantee, Limit, Product
from polyadmin.domain.french import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE, euros, percent, short_date, tariff_effect

TITLE = "Document d'information sur le produit d'assurance"
FOOTER = "Tarif et document pédagogiques — polyadmin"
INTRODUCTION = (
    "Ce document d'information présente un résumé des principales garanties et exclusions du produit. "
    "Il ne tient pas compte de vos besoins et demandes spécifiques. L'information complète sur ce produit "
    "figure dans la documentation précontractuelle et contractuelle."
)
HEADINGS = (
    "De quel type d'assurance s'agit-il ?",
    "Qu'est-ce qui est assuré ?",
    "Qu'est-ce qui n'est pas assuré ?",
    "Y a-t-il des restrictions de couverture ?",
    "Où suis-je couvert(e) ?",
    "Quelles sont mes obligations ?",
    "Quand et comment effectuer les paiements ?",
    "Quand commence la couverture et quand prend-elle fin ?",
    "Comment puis-je résilier le contrat ?",
)
STATUS_LABELS = {
    "mandatory": "Incluse dans toutes les formules",
    "formula": "Selon la formule",
    "optional": "En option",
}

INK = colors.HexColor("#1b2a3a")
ACCENT = colors.HexColor("#14536b")
ACCENT_LIGHT = colors.HexColor("#e3eef2")
WARNING = colors.HexColor("#8a1c1c")
WARNING_LIGHT = colors.HexColor("#fbeceb")
RULE = colors.HexColor("#9aa9b5")
ECO = colors.HexColor("#1f6136")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    identity: ParagraphStyle
    intro: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_list: ParagraphStyle
    cell_head: ParagraphStyle
    cell_center: ParagraphStyle
    exclusion: ParagraphStyle


def _styles(family: str) -> _Styles:
    body = ParagraphStyle(
        "body", fontName=family, bulletFontName=family, fontSize=9, leading=12, textColor=INK, alignment=TA_LEFT
    )
    return _Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT),
        identity=ParagraphStyle("identity", parent=body, fontSize=10, leading=13),
        intro=ParagraphStyle(
            "intro", parent=body, fontSize=8.5, leading=11, backColor=ACCENT_LIGHT, borderPadding=5, spaceBefore=8
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            textColor=colors.white,
            backColor=ACCENT,
            borderPadding=(3, 5, 3, 5),
            spaceBefore=14,
            spaceAfter=7,
        ),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=9.5, spaceBefore=6, spaceAfter=3),
        body=body,
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=13, bulletIndent=2, spaceAfter=2),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        cell=ParagraphStyle("cell", parent=body, fontSize=8, leading=10, leftIndent=0, bulletIndent=0),
        cell_list=ParagraphStyle("cell_list", parent=body, fontSize=8, leading=10, leftIndent=8, bulletIndent=0),
        cell_head=ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=8, leading=10),
        cell_center=ParagraphStyle("cell_center", parent=body, fontSize=8, leading=10, alignment=1),
        exclusion=ParagraphStyle(
            "exclusion",
            parent=body,
            fontName=BOLD,
            bulletFontName=BOLD,
            textColor=WARNING,
            leftIndent=13,
            bulletIndent=2,
        ),
    )


def _text(value: str) -> str:
    """Product text is data, never markup: escape it before it reaches a Paragraph.

    ReportLab's Paragraph counts the narrow no-break space (U+202F, Babel's French thousands
    separator) as a break opportunity and re-joins words with plain spaces, which could cut
    « 1 500,00 € » across two lines; the no-break space (U+00A0) keeps the amount in one piece.
    """
    return escape(value).replace(NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE)


class _NumberedCanvas(Canvas):
    """Draws the footer once the page count is known (« Page 2 sur 3 »)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.footer_detail = ""

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 12 * mm, PAGE_WIDTH - MARGIN, 12 * mm)
        self.setFillColor(INK)
        self.setFont(FONT_FAMILY, 7.5)
        self.drawString(MARGIN, 8 * mm, FOOTER)
        self.drawCentredString(PAGE_WIDTH / 2, 8 * mm, self.footer_detail)
        self.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, f"Page {self._pageNumber} sur {total}")
        self.restoreState()


def _canvas_for(product: Product) -> type[_NumberedCanvas]:
    detail = f"{product.code} — version {product.version}"

    class ProductCanvas(_NumberedCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.footer_detail = detail

    return ProductCanvas


def _heading(text: str, s: _Styles) -> list[Flowable]:
    """A section heading never ends a page: at least a few lines of its section follow it."""
    return [CondPageBreak(35 * mm), Paragraph(_text(text), s.heading)]


def _subheading(text: str, s: _Styles) -> list[Flowable]:
    return [CondPageBreak(25 * mm), Paragraph(_text(text), s.subheading)]


def _bullets(items: Iterable[str], style: ParagraphStyle, mark: str) -> list[Flowable]:
    return [Paragraph(_text(item), style, bulletText=mark) for item in items]


def _boxed(rows: list[Flowable], border: colors.Color, background: colors.Color) -> Table:
    """A box around prominent text (one row per item, so it splits cleanly across pages)."""
    table = Table([[row] for row in rows], colWidths=[FRAME_WIDTH], splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, border),
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return table


def _grid(data: list[list[Flowable]], widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _limit_text(limit: Limit) -> str:
    parts = [euros(limit.amount)] if limit.amount is not None else []
    if limit.text:
        parts.append(limit.text)
    return f"{limit.label} : {' — '.join(parts)}" if parts else limit.label


def _deductible_lines(guarantee: Guarantee, s: _Styles) -> list[Flowable]:
    """Each franchise, then its tariff effect on a line of its own (« −10 % sur la prime »)."""
    lines: list[Flowable] = []
    several = len(guarantee.deductibles) > 1
    for deductible in guarantee.deductibles:
        shown = deductible.amount is not None and "€" not in deductible.label  # « Franchise 300 € » says it
        amount = f" ({euros(deductible.amount)})" if shown and deductible.amount is not None else ""
        default = " — par défaut" if deductible.code == guarantee.default_deductible else ""
        markup = f"{_text(deductible.label + amount + default)}<br/><i>{_text(tariff_effect(deductible.factor))}</i>"
        lines.append(Paragraph(markup, s.cell_list, bulletText="•") if several else Paragraph(markup, s.cell))
    return lines or [Paragraph("—", s.cell)]


def _lines(texts: list[str], s: _Styles) -> list[Flowable]:
    if len(texts) <= 1:
        return [Paragraph(_text(texts[0]) if texts else "—", s.cell)]
    return [Paragraph(_text(text), s.cell_list, bulletText="•") for text in texts]


def _identity(product: Product, s: _Styles) -> list[Flowable]:
    return [
        Paragraph(_text(TITLE), s.title),
        Spacer(1, 4),
        Paragraph(f"<b>Compagnie :</b> {_text(product.ipid.insurer)}", s.identity),
        Paragraph(
            f"<b>Produit :</b> {_text(product.name)} — version {_text(product.version)} "
            f"(code {_text(product.code)}), en vigueur à partir du {short_date(product.effective_date)}",
            s.identity,
        ),
        Paragraph(_text(INTRODUCTION), s.intro),
    ]


def _product_type(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[0], s),
        Paragraph(_text(product.ipid.product_type), s.body),
        Spacer(1, 3),
        Paragraph(f"<b>Pour qui :</b> {_text(product.target.description)}", s.body),
    ]
    if product.eco_features or product.is_eco:
        flowables += _subheading("♻ Caractéristiques écoresponsables", s)
        eco_rows: list[Flowable] = [
            Paragraph(f"<b>{_text(feature.label)}</b> — {_text(feature.description)}", s.body)
            for feature in product.eco_features
        ]
        if not eco_rows:  # no feature written: the eco options and guarantees speak for themselves
            eco_items = [(m.name, m.description) for m in product.modifiers if m.eco]
            eco_items += [(g.name, g.description) for g in product.guarantees if g.eco]
            eco_rows = [Paragraph(f"<b>{_text(name)}</b> — {_text(about)}", s.body) for name, about in eco_items]
        if eco_rows:
            flowables.append(_boxed(eco_rows, ECO, colors.HexColor("#eaf5ee")))
    return flowables


def _comparison(product: Product, s: _Styles) -> Table:
    """Guarantees in rows, formulas in columns: ✓ included, « option », — not offered."""
    header: list[Flowable] = [Paragraph("Garantie", s.cell_head)] + [
        Paragraph(_text(formula.name), s.cell_head) for formula in product.formulas
    ]
    rows: list[list[Flowable]] = [header]
    for guarantee in product.guarantees:
        row: list[Flowable] = [Paragraph(_text(guarantee.name), s.cell)]
        for formula in product.formulas:
            if guarantee.status == "mandatory" or guarantee.code in formula.guarantees:
                mark = "✓"
            elif guarantee.code in formula.options:
                mark = "option"
            else:
                mark = "—"
            row.append(Paragraph(mark, s.cell_center))
        rows.append(row)
    for modifier in product.modifiers:
        row = [Paragraph(f"{_text(modifier.name)} (option tarifaire)", s.cell)]
        row += [Paragraph("option" if modifier.code in f.options else "—", s.cell_center) for f in product.formulas]
        rows.append(row)
    first = FRAME_WIDTH * (0.40 if len(product.formulas) <= 3 else 0.28)
    other = (FRAME_WIDTH - first) / max(len(product.formulas), 1)
    return _grid(rows, [first] + [other] * len(product.formulas))


def _guarantee_details(product: Product, s: _Styles) -> Table:
    rows: list[list[Any]] = [
        [
            Paragraph("Garantie", s.cell_head),
            Paragraph("Plafonds", s.cell_head),
            Paragraph("Franchises et effet sur le tarif", s.cell_head),
        ]
    ]
    for guarantee in product.guarantees:
        about = [
            Paragraph(f"<b>{_text(guarantee.name)}</b>", s.cell),
            Paragraph(_text(guarantee.description), s.cell),
            Paragraph(f"<i>{_text(STATUS_LABELS.get(guarantee.status, guarantee.status))}</i>", s.small),
        ]
        if guarantee.legal_basis:
            about.append(Paragraph(_text(guarantee.legal_basis), s.small))
        if guarantee.waiting_period_days:
            about.append(Paragraph(f"Délai de carence : {guarantee.waiting_period_days} jours", s.cell))
        if guarantee.eco:
            about.append(Paragraph("♻ garantie écoresponsable", s.small))
        rows.append(
            [
                about,
                _lines([_limit_text(limit) for limit in guarantee.limits], s),
                _deductible_lines(guarantee, s),
            ]
        )
    return _grid(rows, [FRAME_WIDTH * 0.38, FRAME_WIDTH * 0.31, FRAME_WIDTH * 0.31])


def _covered(product: Product, s: _Styles) -> list[Flowable]:
    return [
        *_heading(HEADINGS[1], s),
        *_bullets(product.ipid.covered, s.bullet, "✓"),
        *_subheading("Les formules", s),
        *[
            Paragraph(f"<b>{_text(formula.name)}</b> — {_text(formula.description)}", s.bullet, bulletText="•")
            for formula in product.formulas
        ],
        *_subheading("Garanties par formule", s),
        _comparison(product, s),
        *_subheading("Plafonds et franchises des garanties", s),
        _guarantee_details(product, s),
    ]


def _not_covered(product: Product, s: _Styles) -> list[Flowable]:
    items = list(dict.fromkeys((*product.ipid.not_covered, *product.general_exclusions)))
    return [
        *_heading(HEADINGS[2], s),
        _boxed(_bullets(items, s.exclusion, "✗"), WARNING, WARNING_LIGHT),
    ]


def _restrictions(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[3], s),
        *_bullets(product.ipid.restrictions, s.bullet, "!"),
    ]
    waiting = [g for g in product.guarantees if g.waiting_period_days]
    if waiting:
        flowables += _subheading("Délais de carence", s)
        flowables += _bullets(
            [f"{g.name} : {g.waiting_period_days} jours à compter de la prise d'effet" for g in waiting], s.bullet, "!"
        )
    excluded = [g for g in product.guarantees if g.exclusions]
    if excluded:
        flowables += _subheading("Exclusions propres à chaque garantie", s)
        rows: list[Flowable] = []
        for guarantee in excluded:
            rows += [
                Paragraph(f"{_text(guarantee.name)} : {_text(exclusion)}", s.exclusion, bulletText="✗")
                for exclusion in guarantee.exclusions
            ]
        flowables.append(_boxed(rows, WARNING, WARNING_LIGHT))
    return flowables


def _territory(product: Product, s: _Styles) -> list[Flowable]:
    return [*_heading(HEADINGS[4], s), Paragraph(_text(product.ipid.territory), s.body)]


def _obligations(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[5], s),
        *_bullets(product.ipid.obligations, s.bullet, "•"),
    ]
    if product.required_documents:
        flowables += _subheading("Pièces à fournir", s)
        flowables += _bullets(
            [f"{d.label} ({d.when})" if d.when else d.label for d in product.required_documents], s.bullet, "•"
        )
    return flowables


def _payment(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [*_heading(HEADINGS[6], s), Paragraph(_text(product.ipid.payment), s.body)]
    if product.frequencies:
        flowables += _subheading("Fréquences de paiement", s)
        flowables += _bullets(
            [
                f"{f.label} : {f.instalments} échéance{'s' if f.instalments > 1 else ''} par an"
                + (f", majoration de fractionnement de {percent(f.surcharge_percent)}" if f.surcharge_percent else "")
                for f in product.frequencies
            ],
            s.bullet,
            "•",
        )
    if product.fees:
        flowables += _bullets(
            [f"{fee.label} : {euros(fee.amount)} HT par an et par contrat" for fee in product.fees], s.bullet, "•"
        )
    return flowables


def _term(product: Product, s: _Styles) -> list[Flowable]:
    return [
        KeepTogether([Paragraph(_text(HEADINGS[7]), s.heading), Paragraph(_text(product.ipid.term), s.body)]),
        KeepTogether([Paragraph(_text(HEADINGS[8]), s.heading), Paragraph(_text(product.ipid.cancellation), s.body)]),
    ]


def render_ipid(product: Product) -> bytes:
    """The IPID of `product` as PDF bytes (A4, DejaVu fonts, the same bytes for the same product)."""
    family = register_fonts()
    s = _styles(family)
    story: list[Flowable] = [
        *_identity(product, s),
        *_product_type(product, s),
        *_covered(product, s),
        *_not_covered(product, s),
        *_restrictions(product, s),
        *_territory(product, s),
        *_obligations(product, s),
        *_payment(product, s),
        *_term(product, s),
    ]
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=18 * mm,
        title=f"{TITLE} — {product.name}",
        author=product.ipid.insurer,
        subject=f"DIPA {product.code} version {product.version}",
        creator="polyadmin",
        invariant=True,
        lang="fr-FR",
    )
    document.build(story, canvasmaker=_canvas_for(product))
    return buffer.getvalue()
