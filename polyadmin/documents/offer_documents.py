"""The documents of an offer: the document de conseil (art. L521-4) and the devis, followed by each
product's IPID (art. L112-2) and the advice when one was given.

Each `*_document` function turns a view (views.py) and the wording (documents/client_documents.yaml)
into a `PrintedDocument`, which `layout.render_pdf` and `layout.render_html` lay out from the same
texts. Amounts are the view's priced Decimals, printed to the cent (`money_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from reportlab.platypus import Flowable

from polyadmin.documents.ipid import HEADINGS as IPID_HEADINGS
from polyadmin.documents.ipid import TITLE as IPID_TITLE
from polyadmin.documents.ipid import (
    deductibles_text,
    formula_mark,
    ipid_story,
    limit_text,
    payment_lines,
    required_document_text,
    unique_exclusions,
)
from polyadmin.documents.layout import (
    Block,
    Facts,
    Framed,
    Grid,
    Heading,
    Items,
    NewPage,
    PrintedDocument,
    Signatures,
    Text,
)
from polyadmin.documents.views import AdviceView, GuaranteeView, Party, QuoteLineView, QuoteView
from polyadmin.documents.wording import Wording
from polyadmin.domain.catalogue import Product
from polyadmin.domain.french import day_text, money_text, typeset


def party_values(party: Party, today: date) -> dict[str, str]:
    return {
        "client_name": party.name,
        "client_number": party.client_number,
        "today": day_text(today),
        "salutation": party.salutation,
        "salutation_plain": party.salutation.rstrip(","),
    }


def recipient(party: Party) -> tuple[str, ...]:
    return (party.name, *party.address_lines)


def _t(text: str) -> str:
    return typeset(" ".join(text.split()))


# --- document de conseil --------------------------------------------------------------------------------


def advice_blocks(view: AdviceView, wording: Wording) -> list[Block]:
    """Needs (question → answer, by line), recommendation, reasons, points of attention."""
    values = {**party_values(view.party, view.recorded_on), "advisor": view.advisor}
    blocks: list[Block] = [
        Text(wording.fill("advice", "intro", values)),
        Heading(wording.fill("advice", "needs_heading", values)),
    ]
    lines = list(dict.fromkeys(need.line_label for need in view.needs))
    for line in lines:
        rows = tuple((_t(n.question), _t(n.answer)) for n in view.needs if n.line_label == line)
        caption = wording.fill("advice", "needs_caption", {**values, "line": line})
        header = (wording.fill("advice", "question", values), wording.fill("advice", "answer", values))
        blocks.append(Grid(caption, header, rows, widths=(0.5, 0.5)))
    blocks.append(Heading(wording.fill("advice", "recommendation_heading", values)))
    recommended = [n for n in view.needs if n.recommended_product]
    if recommended:
        label = wording.fill("advice", "recommended", values)
        blocks.append(Facts(label, tuple((_t(n.line_label), _t(n.recommended_product)) for n in recommended)))
    else:
        blocks.append(Text(wording.fill("advice", "no_recommendation", values)))
    reasons = [n for n in view.needs if n.recommendation]
    if reasons:
        blocks.append(Heading(wording.fill("advice", "reasons_heading", values)))
        for need in reasons:
            blocks += [Heading(_t(f"{need.line_label} — {need.question}"), 3), Text(_t(need.recommendation))]
    if view.eco_interest:
        blocks.append(Framed("", text=wording.fill("advice", "eco_interest", values), tone="eco"))
    if view.warnings:
        blocks += [
            Heading(wording.fill("advice", "warnings_heading", values)),
            Items(tuple(_t(w) for w in view.warnings)),
        ]
    blocks.append(Text(wording.fill("advice", "advisor", values)))
    blocks.append(Signatures(wording.fill_all("advice", "signatures", values)))
    return blocks


def advice_document(view: AdviceView, wording: Wording) -> PrintedDocument:
    values = {**party_values(view.party, view.recorded_on), "recorded_on": day_text(view.recorded_on)}
    return PrintedDocument(
        kind="advice",
        title=wording.fill("advice", "title", values),
        reference=wording.fill("advice", "reference", values),
        sender=wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.recorded_on)}"),
        blocks=tuple(advice_blocks(view, wording)),
        footer=wording.fill("insurer", "footer", values),
        filename=f"conseil-{view.party.client_number}",
    )


# --- devis ----------------------------------------------------------------------------------------------


def _comparison(view: QuoteView, index: int, wording: Wording, values: dict[str, str]) -> Grid:
    """A line and its alternatives side by side: one column each."""
    line = view.lines[index]
    group = [line, *(other for other in view.lines if other.alternative_of == index)]
    proposal, alternative = wording.fill("quote", "proposal", values), wording.fill("quote", "alternative", values)
    header = ("", *(proposal if i == 0 else f"{alternative} {i}" for i in range(len(group))))
    rows = (
        ("Formule", *(_t(item.formula_label) for item in group)),
        ("Options", *(_t(", ".join(item.options)) or "—" for item in group)),
        ("Options écoresponsables", *(_t(", ".join(item.eco_options)) or "—" for item in group)),
        ("Cotisation hors taxes", *(money_text(item.premium_before_tax) for item in group)),
        ("Remise multiproduit", *(money_text(item.discount) for item in group)),
        ("Taxes", *(money_text(item.taxes) for item in group)),
        ("Total annuel TTC", *(money_text(item.total) for item in group)),
        ("Première échéance", *(money_text(item.first_instalment) for item in group)),
    )
    width = 0.7 / len(group)
    caption = wording.fill("quote", "comparison_caption", {**values, "product": line.product_name})
    return Grid(caption, header, rows, widths=(0.3, *([width] * len(group))))


def _guarantees_grid(caption: str, guarantees: Sequence[GuaranteeView], premium: tuple[str, str, str]) -> Grid:
    rows = tuple(
        (
            _t(g.name),
            _t(g.status_label),
            _t(g.limit),
            _t(g.deductible),
            money_text(g.premium_before_tax),
            money_text(g.taxes),
            money_text(g.total),
        )
        for g in guarantees
    )
    return Grid(
        caption,
        ("Garantie", "Statut", "Plafond", "Franchise", "Prime HT", "Taxes", "Total TTC"),
        rows,
        numeric=(4, 5, 6),
        total=("Total", "", "", "", *premium),
        widths=(0.2, 0.1, 0.2, 0.13, 0.12, 0.11, 0.14),
    )


def quote_line_blocks(line: QuoteLineView, wording: Wording, values: dict[str, str]) -> list[Block]:
    line_values = {**values, "product": line.product_name, "formula": line.formula_label}
    blocks: list[Block] = [Heading(wording.fill("quote", "line_heading", line_values))]
    if line.risk_summary:
        blocks.append(
            Items(
                tuple(_t(item) for item in line.risk_summary), intro=wording.fill("quote", "risk_heading", line_values)
            )
        )
    blocks.append(
        _guarantees_grid(
            wording.fill("quote", "guarantees_caption", line_values),
            line.guarantees,
            (money_text(line.premium_before_tax), money_text(line.taxes), money_text(line.total)),
        )
    )
    if line.options:
        blocks.append(Items(tuple(_t(o) for o in line.options), intro=wording.fill("quote", "options", line_values)))
    if line.eco_options:
        blocks.append(
            Framed(wording.fill("quote", "eco_title", line_values), tuple(_t(o) for o in line.eco_options), tone="eco")
        )
    if line.conditions:
        blocks.append(Heading(wording.fill("quote", "conditions_heading", line_values), 3))
        blocks.append(Items(tuple(_t(f"{c.kind_label} : {c.text}") for c in line.conditions)))
    if line.exclusions:
        blocks.append(
            Framed(
                wording.fill("quote", "exclusions_title", line_values),
                tuple(_t(e) for e in unique_exclusions(line.exclusions)),
                tone="prominent",
            )
        )
    blocks.append(
        Facts(
            wording.fill("quote", "breakdown_caption", line_values),
            (
                ("Cotisation annuelle hors taxes", money_text(line.premium_before_tax)),
                ("dont remise multiproduit", money_text(line.discount)),
                ("Taxes", money_text(line.taxes)),
                ("Total annuel TTC", money_text(line.total)),
                ("Fractionnement", _t(line.frequency_label)),
                ("Première échéance", money_text(line.first_instalment)),
            ),
        )
    )
    return blocks


def ipid_blocks(product: Product) -> list[Block]:
    """The IPID's content for the HTML twin of a quote (the PDF prints `ipid.render`'s layout)."""
    ipid = product.ipid
    return [
        NewPage(),
        Heading(_t(f"{IPID_TITLE} — {product.name}")),
        Text(_t(f"Compagnie : {ipid.insurer}")),
        Heading(IPID_HEADINGS[0], 3),
        Text(_t(ipid.product_type)),
        Heading(IPID_HEADINGS[1], 3),
        Items(tuple(_t(item) for item in ipid.covered)),
        Grid(
            "Garanties par formule, plafonds et franchises",
            ("Garantie", *(_t(f.name) for f in product.formulas), "Plafonds", "Franchises"),
            tuple(
                (
                    _t(g.name),
                    *(formula_mark(product, g, i) for i in range(len(product.formulas))),
                    _t(" ; ".join(limit_text(limit) for limit in g.limits) or "—"),
                    _t(deductibles_text(g)),
                )
                for g in product.guarantees
            ),
        ),
        Heading(IPID_HEADINGS[2], 3),
        Items(tuple(_t(item) for item in unique_exclusions(ipid.not_covered))),
        Heading(IPID_HEADINGS[3], 3),
        Items(tuple(_t(item) for item in ipid.restrictions)),
        Heading(IPID_HEADINGS[4], 3),
        Text(_t(ipid.territory)),
        Heading(IPID_HEADINGS[5], 3),
        Items(tuple(_t(item) for item in ipid.obligations)),
        Items(tuple(_t(required_document_text(d)) for d in product.required_documents), intro="Pièces à fournir"),
        Heading(IPID_HEADINGS[6], 3),
        Text(_t(ipid.payment)),
        Items(tuple(_t(line) for line in payment_lines(product))),
        Heading(IPID_HEADINGS[7], 3),
        Text(_t(ipid.term)),
        Heading(IPID_HEADINGS[8], 3),
        Text(_t(ipid.cancellation)),
    ]


def quote_document(
    view: QuoteView, wording: Wording, products: Sequence[Product] = (), advice: AdviceView | None = None
) -> PrintedDocument:
    """The devis: comparison of each line with its alternatives, each line in detail (risk, guarantees,
    options, eco options highlighted, conditions, exclusions, breakdown), totals and validity; then the
    IPID of each product (`products`, in order, each once) and the document de conseil when given."""
    values = {
        **party_values(view.party, view.issued_on),
        "quote_number": view.number,
        "version": str(view.version),
        "valid_until": day_text(view.valid_until),
        "advisor": view.advisor,
    }
    blocks: list[Block] = [Text(wording.fill("quote", "validity", values), "strong")]
    proposals = [i for i, line in enumerate(view.lines) if line.alternative_of is None]
    if any(line.alternative_of is not None for line in view.lines):
        blocks.append(Heading(wording.fill("quote", "comparison_heading", values)))
        blocks += [
            _comparison(view, i, wording, values)
            for i in proposals
            if any(other.alternative_of == i for other in view.lines)
        ]
    for line in view.lines:
        blocks += quote_line_blocks(line, wording, values)
    blocks.append(
        Facts(
            wording.fill("quote", "totals_caption", values),
            (
                ("Remise multiproduit", money_text(view.discount_total)),
                ("Total annuel TTC (hors alternatives)", money_text(view.total)),
            ),
        )
    )
    blocks.append(Text(wording.fill("quote", "discount_note", values), "small"))
    blocks.append(Text(wording.fill("quote", "advisor", values)))
    unique_products = list({product.code: product for product in products}.values())
    if unique_products:
        blocks.append(Text(wording.fill("quote", "ipid_heading", values), "small"))
    appendix: list[Callable[[], list[Flowable]]] = [partial(ipid_story, product) for product in unique_products]
    appendix_blocks: list[Block] = [block for product in unique_products for block in ipid_blocks(product)]
    return PrintedDocument(
        kind="quote",
        title=wording.fill("quote", "title", values),
        reference=wording.fill("quote", "reference", values),
        sender=wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.issued_on)}"),
        blocks=tuple(blocks),
        footer=wording.fill("insurer", "footer", values),
        filename=f"devis-{view.number}-v{view.version}",
        appendix=tuple(appendix),
        appendix_blocks=tuple(appendix_blocks),
        annexes=(advice_document(advice, wording),) if advice is not None else (),
    )
