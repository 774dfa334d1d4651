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
from decimal import Decimal
from functools import lru_cache
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
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from polyadmin.documents.paragraphs import paragraph
from polyadmin.documents.resources import BOLD, FONT_FAMILY, register_fonts
from polyadmin.domain.catalogue import Guarantee, Limit, Product, RequiredDocument
from polyadmin.domain.french import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE, euros, percent, short_date, tariff_effect

TITLE = "Document d'information sur le produit d'assurance"
FOOTER = "Tarif et document pédagogiques — polyadmin"
FULL_EXCLUSIONS = (
    "Les exclusions propres à chaque garantie figurent en caractères très apparents aux conditions générales "
    "et particulières (art. L112-4)."
)
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
MARGIN = 11 * mm
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
    cell_head: ParagraphStyle
    cell_center: ParagraphStyle
    exclusion: ParagraphStyle


@lru_cache(maxsize=4)
def _styles(family: str) -> _Styles:
    """Built once per font family: they are never modified, and kept parses are keyed by style."""
    body = ParagraphStyle(
        "body", fontName=family, bulletFontName=family, fontSize=7.5, leading=9.2, textColor=INK, alignment=TA_LEFT
    )
    return _Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=13, leading=16, textColor=ACCENT),
        identity=ParagraphStyle("identity", parent=body, fontSize=8.5, leading=11),
        intro=ParagraphStyle(
            "intro", parent=body, fontSize=7.5, leading=9.5, backColor=ACCENT_LIGHT, borderPadding=4, spaceBefore=6
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=9.5,
            leading=12,
            textColor=colors.white,
            backColor=ACCENT,
            borderPadding=(2, 4, 2, 4),
            spaceBefore=8,
            spaceAfter=4,
        ),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=8.5, spaceBefore=4, spaceAfter=2),
        body=body,
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=11, bulletIndent=2, spaceAfter=1),
        small=ParagraphStyle("small", parent=body, fontSize=7, leading=8.5),
        cell=ParagraphStyle("cell", parent=body, fontSize=7, leading=8.5, leftIndent=0, bulletIndent=0),
        cell_head=ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=7, leading=8.5),
        cell_center=ParagraphStyle("cell_center", parent=body, fontSize=7, leading=8.5, alignment=1),
        exclusion=ParagraphStyle(
            "exclusion",
            parent=body,
            fontName=BOLD,
            bulletFontName=BOLD,
            textColor=WARNING,
            leftIndent=11,
            bulletIndent=2,
            spaceAfter=1,
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
    return [CondPageBreak(22 * mm), paragraph(_text(text), s.heading)]


def _subheading(text: str, s: _Styles) -> list[Flowable]:
    return [CondPageBreak(15 * mm), paragraph(_text(text), s.subheading)]


def _bullets(items: Iterable[str], style: ParagraphStyle, mark: str) -> list[Flowable]:
    return [paragraph(_text(item), style, mark) for item in items]


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


def limit_text(limit: Limit) -> str:
    parts = [euros(limit.amount)] if limit.amount is not None else []
    if limit.text:
        parts.append(limit.text)
    return f"{limit.label} : {' — '.join(parts)}" if parts else limit.label


def _identity(product: Product, s: _Styles) -> list[Flowable]:
    return [
        paragraph(_text(TITLE), s.title),
        Spacer(1, 4),
        paragraph(f"<b>Compagnie :</b> {_text(product.ipid.insurer)}", s.identity),
        paragraph(
            f"<b>Produit :</b> {_text(product.name)} — version {_text(product.version)} "
            f"(code {_text(product.code)}), en vigueur à partir du {short_date(product.effective_date)}",
            s.identity,
        ),
        paragraph(_text(INTRODUCTION), s.intro),
    ]


def _product_type(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[0], s),
        paragraph(_text(product.ipid.product_type), s.body),
        Spacer(1, 3),
        paragraph(f"<b>Pour qui :</b> {_text(product.target.description)}", s.body),
    ]
    if product.eco_features or product.is_eco:
        flowables += _subheading("♻ Caractéristiques écoresponsables", s)
        eco_rows: list[Flowable] = [
            paragraph(f"<b>{_text(feature.label)}</b> — {_text(feature.description)}", s.body)
            for feature in product.eco_features
        ]
        if not eco_rows:  # no feature written: the eco options and guarantees speak for themselves
            eco_items = [(m.name, m.description) for m in product.modifiers if m.eco]
            eco_items += [(g.name, g.description) for g in product.guarantees if g.eco]
            eco_rows = [paragraph(f"<b>{_text(name)}</b> — {_text(about)}", s.body) for name, about in eco_items]
        if eco_rows:
            flowables.append(_boxed(eco_rows, ECO, colors.HexColor("#eaf5ee")))
    return flowables


def deductible_effect(factor: Decimal) -> str:
    """A franchise's effect on the premium, short: « +12 % », « −12 % », « tarif de référence »."""
    return tariff_effect(factor).removesuffix(" sur la prime")


def deductibles_text(guarantee: Guarantee) -> str:
    """The franchises of a guarantee on one line, the default first, each with its effect on the tariff."""
    parts = []
    ordered = sorted(guarantee.deductibles, key=lambda d: d.code != guarantee.default_deductible)
    for deductible in ordered:
        shown = deductible.amount is not None and "€" not in deductible.label  # « Franchise 300 € » says it
        amount = f" ({euros(deductible.amount)})" if shown and deductible.amount is not None else ""
        if deductible.code == guarantee.default_deductible:
            parts.append(f"{deductible.label}{amount} (par défaut)")
        else:
            parts.append(f"{deductible.label}{amount} : {deductible_effect(deductible.factor)}")
    return " ; ".join(parts) or "—"


def formula_mark(product: Product, guarantee: Guarantee, formula_index: int) -> str:
    formula = product.formulas[formula_index]
    if guarantee.status == "mandatory" or guarantee.code in formula.guarantees:
        return "✓"
    return "option" if guarantee.code in formula.options else "—"


def _guarantee_table(product: Product, s: _Styles) -> Table:
    """One row per guarantee: ✓ / « option » / — under each formula, then its limits and franchises
    (in small type: the IPID is a summary); the tariff options follow."""
    formulas = range(len(product.formulas))
    with_deductibles = any(g.deductibles for g in product.guarantees)
    header: list[Flowable] = [paragraph("Garantie", s.cell_head)]
    header += [paragraph(_text(f.name), s.cell_center) for f in product.formulas]
    header.append(paragraph("Plafonds", s.cell_head))
    if with_deductibles:
        header.append(paragraph("Franchises (effet sur la prime)", s.cell_head))
    rows: list[list[Flowable]] = [header]
    for guarantee in product.guarantees:
        name = f"<b>{_text(guarantee.name)}</b>" + (" ♻" if guarantee.eco else "")
        if guarantee.waiting_period_days:
            name += f"<br/>Délai de carence : {guarantee.waiting_period_days} jours"
        row: list[Flowable] = [paragraph(name, s.cell)]
        row += [paragraph(formula_mark(product, guarantee, i), s.cell_center) for i in formulas]
        row.append(paragraph(_text(" ; ".join(limit_text(limit) for limit in guarantee.limits) or "—"), s.cell))
        if with_deductibles:
            row.append(paragraph(_text(deductibles_text(guarantee)), s.cell))
        rows.append(row)
    for modifier in product.modifiers:
        row = [paragraph(f"{_text(modifier.name)} (option tarifaire)" + (" ♻" if modifier.eco else ""), s.cell)]
        row += [paragraph("option" if modifier.code in f.options else "—", s.cell_center) for f in product.formulas]
        row.append(paragraph(_text(modifier.description), s.cell))
        if with_deductibles:
            row.append(paragraph("—", s.cell))
        rows.append(row)
    mark = FRAME_WIDTH * 0.075
    name = FRAME_WIDTH * 0.22
    rest = FRAME_WIDTH - name - mark * len(product.formulas)
    widths = [name, *([mark] * len(product.formulas))]
    widths += [rest * 0.55, rest * 0.45] if with_deductibles else [rest]
    table = _grid(rows, widths)
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _covered(product: Product, s: _Styles) -> list[Flowable]:
    return [
        *_heading(HEADINGS[1], s),
        *_bullets(product.ipid.covered, s.bullet, "✓"),
        *_subheading("Les formules", s),
        *[
            paragraph(f"<b>{_text(formula.name)}</b> — {_text(formula.description)}", s.bullet, "•")
            for formula in product.formulas
        ],
        *_subheading("Garanties par formule, plafonds et franchises", s),
        _guarantee_table(product, s),
    ]


def exclusion_key(text: str) -> str:
    """Two exclusions written alike are the same exclusion: case, spaces and final punctuation aside."""
    return " ".join(text.casefold().split()).rstrip(" .;")


def unique_exclusions(texts: Iterable[str]) -> list[str]:
    """The exclusions in their order, each once (the first wording kept)."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(exclusion_key(text), text)
    return list(seen.values())


def _not_covered(product: Product, s: _Styles) -> list[Flowable]:
    """The IPID's own summary of what is not insured (the `ipid.not_covered` the trainer wrote), each
    once. The general exclusions and those of each guarantee, which repeat it in other words, are
    printed in full in the conditions générales and particulières (art. L112-4), not here: printing
    both lists gave the same exclusion twice and pushed the document past its three pages."""
    return [
        *_heading(HEADINGS[2], s),
        _boxed(_bullets(unique_exclusions(product.ipid.not_covered), s.exclusion, "✗"), WARNING, WARNING_LIGHT),
    ]


def _restrictions(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[3], s),
        *_bullets(product.ipid.restrictions, s.bullet, "!"),
    ]
    waiting = [g for g in product.guarantees if g.waiting_period_days]
    if waiting:
        flowables += _bullets(
            ["Délais de carence : " + " ; ".join(f"{g.name} : {g.waiting_period_days} jours" for g in waiting)],
            s.bullet,
            "!",
        )
    flowables.append(paragraph(_text(FULL_EXCLUSIONS), s.small))
    return flowables


def _territory(product: Product, s: _Styles) -> list[Flowable]:
    return [*_heading(HEADINGS[4], s), paragraph(_text(product.ipid.territory), s.body)]


def required_document_text(document: RequiredDocument) -> str:
    """« RIB et mandat SEPA signé — si paiement mensuel »: the condition after a dash, never in
    brackets (a condition that ends with its own bracket printed « (mensuel)) »)."""
    return f"{document.label} — {document.when}" if document.when else document.label


def _obligations(product: Product, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [
        *_heading(HEADINGS[5], s),
        *_bullets(product.ipid.obligations, s.bullet, "•"),
    ]
    if product.required_documents:
        flowables += _subheading("Pièces à fournir", s)
        flowables += _bullets([required_document_text(d) for d in product.required_documents], s.bullet, "•")
    return flowables


def payment_lines(product: Product) -> list[str]:
    """The payment frequencies on one line, then each fee."""
    lines = []
    if product.frequencies:
        lines.append(
            "Fréquences de paiement : "
            + " ; ".join(
                f"{f.label} : {f.instalments} échéance{'s' if f.instalments > 1 else ''} par an"
                + (f", majoration de {percent(f.surcharge_percent)}" if f.surcharge_percent else "")
                for f in product.frequencies
            )
        )
    lines += [f"{fee.label} : {euros(fee.amount)} HT par an et par contrat" for fee in product.fees]
    return lines


def _payment(product: Product, s: _Styles) -> list[Flowable]:
    return [
        *_heading(HEADINGS[6], s),
        paragraph(_text(product.ipid.payment), s.body),
        *_bullets(payment_lines(product), s.bullet, "•"),
    ]


def _term(product: Product, s: _Styles) -> list[Flowable]:
    return [
        KeepTogether([paragraph(_text(HEADINGS[7]), s.heading), paragraph(_text(product.ipid.term), s.body)]),
        KeepTogether([paragraph(_text(HEADINGS[8]), s.heading), paragraph(_text(product.ipid.cancellation), s.body)]),
    ]


def ipid_story(product: Product) -> list[Flowable]:
    """The IPID's flowables, for a frame FRAME_WIDTH wide: alone (`render_ipid`) or after a quote."""
    s = _styles(register_fonts())
    return [
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


def render_ipid(product: Product) -> bytes:
    """The IPID of `product` as PDF bytes (A4, DejaVu fonts, the same bytes for the same product)."""
    story = ipid_story(product)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=15 * mm,
        title=f"{TITLE} — {product.name}",
        author=product.ipid.insurer,
        subject=f"DIPA {product.code} version {product.version}",
        creator="polyadmin",
        invariant=True,
        lang="fr-FR",
    )
    document.build(story, canvasmaker=_canvas_for(product))
    return buffer.getvalue()
