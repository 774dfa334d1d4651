"""The documents of an issued contract: conditions particulières (art. L112-4), attestation d'assurance
(with the mentions of the mémo véhicule assuré for a vehicle), échéancier, mandat de prélèvement SEPA,
lettre de bienvenue.

Each `*_document` function turns a `ContractView` and the wording (documents/client_documents.yaml)
into a `PrintedDocument` that `layout.render_pdf` and `layout.render_html` lay out from the same texts.
"""

from __future__ import annotations

from decimal import Decimal

from polyadmin.documents.ipid import unique_exclusions
from polyadmin.documents.layout import Block, Facts, Framed, Grid, Heading, Items, PrintedDocument, Signatures, Text
from polyadmin.documents.offer_documents import party_values, recipient
from polyadmin.documents.views import ContractView, EndorsementView, MandateView, ReceiptView, TerminationView
from polyadmin.documents.wording import Wording
from polyadmin.domain.french import day_text, money_text, typeset


def _t(text: str) -> str:
    return typeset(" ".join(text.split()))


def grouped_iban(iban: str) -> str:
    """« FR76 3000 6000 0112 3456 7890 189 »: the IBAN in groups of four, as printed on a mandate."""
    compact = "".join(iban.split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def contract_values(view: ContractView) -> dict[str, str]:
    values = {
        **party_values(view.party, view.issued_on),
        "contract_number": view.number,
        "product": view.product_name,
        "product_version": view.product_version,
        "effective_date": day_text(view.effective_date),
        "term_end": day_text(view.term_end),
        "due_date": day_text(view.principal_due_date),
        "total": money_text(view.total),
        "frequency": view.frequency_label.lower(),
        "payment_method": view.payment_method_label,
        "withdrawal_until": day_text(view.withdrawal_until) if view.withdrawal_until else "",
        "quote_number": view.quote_number,
        "agreement_on": day_text(view.agreement_on),
        "agreement_channel": view.agreement_channel_label,
        "mandate_reference": view.mandate.reference if view.mandate else "",
    }
    if view.mandate:
        values["creditor_name"] = view.mandate.creditor_name
    return values


def _document(
    view: ContractView,
    wording: Wording,
    kind: str,
    blocks: list[Block],
    filename: str,
    values: dict[str, str] | None = None,
) -> PrintedDocument:
    values = values if values is not None else contract_values(view)
    return PrintedDocument(
        kind=kind,
        title=wording.fill(kind, "title", values),
        reference=wording.fill(kind, "reference", values),
        sender=tuple(_t(line) for line in view.insurer_lines) or wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.issued_on)}"),
        blocks=tuple(blocks),
        footer=wording.fill("insurer", "footer", values),
        filename=f"{filename}-{view.number}",
    )


def guarantees_grid(view: ContractView, caption: str) -> Grid:
    rows = tuple(
        (
            _t(g.name),
            _t(g.limit),
            _t(g.deductible),
            money_text(g.premium_before_tax),
            money_text(g.taxes),
            money_text(g.total),
        )
        for g in view.guarantees
    )
    return Grid(
        caption,
        ("Garantie", "Plafond", "Franchise", "Prime HT", "Taxes", "Total TTC"),
        rows,
        numeric=(3, 4, 5),
        total=(
            "Total annuel",
            "",
            "",
            money_text(view.premium_before_tax),
            money_text(view.taxes),
            money_text(view.total),
        ),
        widths=(0.24, 0.22, 0.16, 0.12, 0.12, 0.14),
    )


def exclusions_block(view: ContractView, wording: Wording, values: dict[str, str] | None = None) -> Framed:
    """The exclusions in very apparent type (art. L112-4): bold, larger, a thick frame."""
    values = values if values is not None else contract_values(view)
    return Framed(
        wording.fill("conditions_particulieres", "exclusions_title", values),
        tuple(_t(text) for text in unique_exclusions(view.exclusions)),
        text=wording.fill("conditions_particulieres", "exclusions_intro", values),
        tone="prominent",
    )


def conditions_particulieres_document(view: ContractView, wording: Wording) -> PrintedDocument:
    """The L112-4 content: parties, insured risk, guarantees with limits and deductibles, premium and
    taxes, effective date and term, tacit renewal with the Chatel and Hamon mentions, the withdrawal
    period of a distance sale, and the exclusions in very apparent type."""
    k, values = "conditions_particulieres", contract_values(view)
    insurer = tuple(_t(line) for line in view.insurer_lines) or wording.fill_all("insurer", "lines", values)
    blocks: list[Block] = [
        Text(wording.fill(k, "intro", values)),
        Heading(wording.fill(k, "parties_heading", values)),
        Facts(
            wording.fill(k, "parties_heading", values),
            (
                (wording.fill(k, "policyholder", values), _t(", ".join((view.party.name, *view.party.address_lines)))),
                ("Numéro de client", view.party.client_number),
                (wording.fill(k, "insurer", values), ", ".join(insurer)),
            ),
        ),
        Heading(wording.fill(k, "risk_heading", values)),
        Facts(
            wording.fill(k, "risk_heading", values),
            (
                ("Produit", _t(f"{view.product_name} (version {view.product_version}) — {view.line_label}")),
                ("Formule", _t(view.formula_label)),
                ("Options", _t(", ".join(view.options)) or "—"),
                *((("Description du risque", _t(" ; ".join(view.risk_summary))),) if view.risk_summary else ()),
            ),
        ),
    ]
    if view.eco_options:
        blocks.append(Framed("♻ Options écoresponsables", tuple(_t(o) for o in view.eco_options), tone="eco"))
    blocks += [
        Heading(wording.fill(k, "guarantees_heading", values)),
        guarantees_grid(view, wording.fill(k, "guarantees_caption", values)),
    ]
    if view.conditions:
        blocks += [
            Heading(wording.fill(k, "conditions_heading", values)),
            Items(tuple(_t(f"{c.kind_label} : {c.text}") for c in view.conditions)),
        ]
    blocks += [
        Heading(wording.fill(k, "premium_heading", values)),
        Facts(
            wording.fill(k, "premium_caption", values),
            (
                ("Cotisation annuelle hors taxes", money_text(view.premium_before_tax)),
                ("Taxes et contributions", money_text(view.taxes)),
                ("Cotisation annuelle TTC", money_text(view.total)),
                ("Fractionnement", _t(view.frequency_label)),
                ("Mode de paiement", _t(view.payment_method_label)),
            ),
        ),
        Heading(wording.fill(k, "dates_heading", values)),
        Facts(
            wording.fill(k, "dates_heading", values),
            (
                ("Date d'effet", day_text(view.effective_date)),
                ("Fin de la première période", day_text(view.term_end)),
                ("Échéance principale", day_text(view.principal_due_date)),
            ),
        ),
        Text(wording.fill(k, "tacit_renewal" if view.tacit_renewal else "no_renewal", values)),
        Text(wording.fill(k, "termination", values)),
    ]
    if view.distance_selling and view.withdrawal_until:
        blocks.append(Framed("Droit de renonciation", text=wording.fill(k, "withdrawal", values), tone="notice"))
    if view.exclusions:
        blocks.append(exclusions_block(view, wording, values))
    blocks += [
        Text(wording.fill(k, "agreement", values), "small"),
        Items(wording.fill_all(k, "mentions", values)),
        Signatures(wording.fill_all(k, "signatures", values)),
    ]
    return _document(view, wording, k, blocks, "cp", values)


def attestation_document(view: ContractView, wording: Wording) -> PrintedDocument:
    """What the insurer certifies; for a vehicle, the mentions of the mémo véhicule assuré (insurer,
    policy number, policyholder, registration, make and model, date of effect, date of issue)."""
    k, values = "attestation", contract_values(view)
    insurer = tuple(_t(line) for line in view.insurer_lines) or wording.fill_all("insurer", "lines", values)
    blocks: list[Block] = [Text(wording.fill(k, "body", values))]
    rows: list[tuple[str, str]] = [
        ("Assureur", ", ".join(insurer)),
        ("Numéro de contrat", view.number),
        ("Souscripteur", _t(", ".join((view.party.name, *view.party.address_lines)))),
        ("Produit et formule", _t(f"{view.product_name} — {view.formula_label}")),
        ("Période de validité", _t(f"du {day_text(view.effective_date)} au {day_text(view.term_end)}")),
    ]
    if view.vehicle_registration:
        rows += [
            ("Immatriculation du véhicule", view.vehicle_registration),
            ("Marque et modèle", _t(view.vehicle_label or "—")),
            ("Date d'effet de la garantie", day_text(view.effective_date)),
        ]
    rows.append(("Date de délivrance", day_text(view.issued_on)))
    blocks.append(Facts(wording.fill(k, "caption", values), tuple(rows)))
    if view.vehicle_registration:
        blocks += [
            Heading(wording.fill(k, "vehicle_heading", values)),
            Items(wording.fill_all(k, "vehicle_mentions", values)),
        ]
    blocks.append(Text(wording.fill(k, "signature", values), "strong"))
    return _document(view, wording, k, blocks, "attestation", values)


def echeancier_document(view: ContractView, wording: Wording) -> PrintedDocument:
    """The instalments (dates with « 1er », amounts to the cent) and their total."""
    k, values = "echeancier", contract_values(view)
    rows = tuple((str(i.number), day_text(i.due_date), money_text(i.amount)) for i in view.instalments)
    total = sum((i.amount for i in view.instalments), start=Decimal(0))
    blocks: list[Block] = [
        Text(wording.fill(k, "intro", values)),
        Grid(
            wording.fill(k, "caption", values),
            (wording.fill(k, "number", values), wording.fill(k, "due_date", values), wording.fill(k, "amount", values)),
            rows,
            numeric=(2,),
            total=(wording.fill(k, "total", values), "", money_text(total)),
            widths=(0.15, 0.5, 0.35),
        ),
    ]
    if view.mandate:
        blocks.append(Text(wording.fill(k, "mandate", values)))
    blocks.append(Text(wording.fill(k, "unpaid", values), "small"))
    return _document(view, wording, k, blocks, "echeancier", values)


def mandate_blocks(view: ContractView, mandate: MandateView, wording: Wording) -> list[Block]:
    """The mandatory mentions of the SEPA core mandate (EPC): RUM, creditor and ICS, debtor and address,
    IBAN (grouped by four) and BIC, recurrent payment, the authorisation and the rights text."""
    k, values = "mandat_sepa", contract_values(view)
    signed = (
        wording.fill(k, "signed", {**values, "signed_on": day_text(mandate.signed_on)})
        if mandate.signed_on
        else wording.fill(k, "unsigned", values)
    )
    return [
        Text(wording.fill(k, "authorisation", values)),
        Text(wording.fill(k, "rights", values), "small"),
        Facts(
            wording.fill(k, "creditor_caption", values),
            (
                (wording.fill(k, "creditor_name", values), _t(mandate.creditor_name)),
                (wording.fill(k, "creditor_identifier", values), mandate.creditor_identifier),
            ),
        ),
        Facts(
            wording.fill(k, "debtor_caption", values),
            (
                (wording.fill(k, "debtor_name", values), _t(mandate.debtor_name)),
                (wording.fill(k, "debtor_address", values), _t(", ".join(mandate.debtor_address_lines))),
                (wording.fill(k, "iban", values), grouped_iban(mandate.iban)),
                (wording.fill(k, "bic", values), mandate.bic),
            ),
        ),
        Facts(
            wording.fill(k, "payment_caption", values),
            (
                (wording.fill(k, "reference_label", values), mandate.reference),
                (wording.fill(k, "payment_type", values), _t(mandate.sequence_label)),
                (wording.fill(k, "contract", values), view.number),
            ),
        ),
        Text(signed, "strong"),
        Signatures(wording.fill_all(k, "signatures", values)),
    ]


def mandate_document(view: ContractView, wording: Wording) -> PrintedDocument:
    if view.mandate is None:
        raise ValueError("Ce contrat n'a pas de mandat de prélèvement SEPA.")
    return _document(view, wording, "mandat_sepa", mandate_blocks(view, view.mandate, wording), "mandat-sepa")


def welcome_letter_document(view: ContractView, wording: Wording) -> PrintedDocument:
    k, values = "welcome_letter", contract_values(view)
    documents = wording.fill_all(k, "documents", values)
    if view.mandate:
        documents = (*documents, wording.fill(k, "mandate_document", values))
    blocks: list[Block] = [
        Text(wording.fill(k, "salutation_line", values)),
        *(Text(text) for text in wording.fill_all(k, "paragraphs", values)),
        Items(documents, intro=wording.fill(k, "enclosed", values)),
    ]
    if view.distance_selling and view.withdrawal_until:
        blocks.append(Text(wording.fill(k, "withdrawal", values)))
    blocks += [
        *(Text(text) for text in wording.fill_all(k, "closing", values)),
        Text(wording.fill(k, "signature", values)),
    ]
    return _document(view, wording, k, blocks, "bienvenue", values)


def termination_letter_document(view: TerminationView, wording: Wording) -> PrintedDocument:
    """Lettre de résiliation: the acknowledgement of the policyholder's notice (or the insurer's notice),
    the ground with its article, the date of effect, the refund and its last day."""
    k = "termination_letter"
    values = {
        **party_values(view.party, view.recorded_on),
        "contract_number": view.number,
        "product": view.product_name,
        "ground": view.ground_label,
        "effective_on": day_text(view.effective_on),
        "refund": money_text(view.refund),
        "refund_due_by": day_text(view.refund_due_by) if view.refund_due_by else "",
        "new_insurer": view.new_insurer or "",
        "sent_on": day_text(view.notice_sent_on) if view.notice_sent_on else "",
        "received_on": day_text(view.notice_received_on) if view.notice_received_on else "",
    }
    rows = [(wording.fill(k, "ground_label", values), _t(view.ground_label))]
    if view.notice_sent_on:
        rows.append((wording.fill(k, "sent_label", values), values["sent_on"]))
    if view.notice_received_on:
        rows.append((wording.fill(k, "received_label", values), values["received_on"]))
    rows.append((wording.fill(k, "effective_label", values), values["effective_on"]))
    rows.append((wording.fill(k, "refund_label", values), values["refund"]))
    if view.refund_due_by:
        rows.append((wording.fill(k, "refund_due_label", values), values["refund_due_by"]))
    blocks: list[Block] = [
        Text(wording.fill(k, "salutation_line", values)),
        Text(wording.fill(k, "by_insurer" if view.by_insurer else "by_policyholder", values)),
    ]
    if view.new_insurer:
        blocks.append(Text(wording.fill(k, "new_insurer", values)))
    blocks += [
        Facts(wording.fill(k, "facts_caption", values), tuple(rows)),
        Text(_t(view.reason), style="small"),
        Text(wording.fill(k, "effect", values)),
        Text(wording.fill(k, "refund" if view.refund > 0 and view.refund_due_by else "no_refund", values)),
        *(Text(text) for text in wording.fill_all(k, "closing", values)),
        Text(wording.fill(k, "signature", values)),
    ]
    return PrintedDocument(
        kind=k,
        title=wording.fill(k, "title", values),
        reference=wording.fill(k, "reference", values),
        sender=wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.recorded_on)}"),
        blocks=tuple(blocks),
        footer=wording.fill("insurer", "footer", values),
        filename=f"resiliation-{view.number}",
    )


def payment_receipt_document(view: ReceiptView, wording: Wording) -> PrintedDocument:
    """Reçu de paiement: the amount received, its method and reference, the instalments it settled (or
    partly paid) and the overpayment kept as a credit on the client's account."""
    k = "payment_receipt"
    values = {
        **party_values(view.party, view.received_on),
        "contract_number": view.number,
        "product": view.product_name,
        "amount": money_text(view.amount),
        "received_on": day_text(view.received_on),
        "method": view.method_label,
        "credit": money_text(view.credit),
    }
    rows = [
        (wording.fill(k, "amount_label", values), values["amount"]),
        (wording.fill(k, "received_label", values), values["received_on"]),
        (wording.fill(k, "method_label", values), _t(view.method_label)),
    ]
    if view.reference:
        rows.append((wording.fill(k, "reference_label", values), _t(view.reference)))
    for line in view.lines:
        state = wording.fill(k, "settled" if line.settles else "partly", values)
        rows.append((_t(f"Échéance du {day_text(line.due_date)}"), _t(f"{money_text(line.amount)} ({state})")))
    blocks: list[Block] = [
        Text(wording.fill(k, "salutation_line", values)),
        Text(wording.fill(k, "acknowledgement", values)),
        Facts(wording.fill(k, "facts_caption", values), tuple(rows)),
    ]
    if view.credit > 0:
        blocks.append(Text(wording.fill(k, "credit", values)))
    blocks += [
        *(Text(text) for text in wording.fill_all(k, "closing", values)),
        Text(wording.fill(k, "signature", values)),
    ]
    return PrintedDocument(
        kind=k,
        title=wording.fill(k, "title", values),
        reference=wording.fill(k, "reference", values),
        sender=wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.received_on)}"),
        blocks=tuple(blocks),
        footer=wording.fill("insurer", "footer", values),
        filename=f"recu-{view.number}-{view.payment_id}",
    )


def endorsement_document(view: EndorsementView, wording: Wording) -> PrintedDocument:
    """Avenant: the changes of the contract from their date of effect, the annual premium before and after,
    the premium difference pro rata by days over the rest of the annual period, its taxes, its settlement."""
    k = "endorsement"
    values = {
        **party_values(view.party, view.recorded_on),
        "contract_number": view.number,
        "product": view.product_name,
        "version": str(view.version),
        "effective_on": day_text(view.effective_on),
        "period_start": day_text(view.period_start),
        "period_end": day_text(view.period_end),
        "remaining_days": str(view.remaining_days),
        "days": str(view.days),
        "total_before": money_text(view.total_before),
        "total_after": money_text(view.total_after),
        "difference_before_tax": money_text(view.difference_before_tax),
        "difference_taxes": money_text(view.difference_taxes),
        "difference_total": money_text(view.difference_total),
        "settlement": view.settlement_label,
    }
    changes = tuple((_t(label), _t(f"{before} → {after}")) for label, before, after in view.changes)
    premiums = (
        (wording.fill(k, "total_before_label", values), values["total_before"]),
        (wording.fill(k, "total_after_label", values), values["total_after"]),
        (wording.fill(k, "prorata_label", values), wording.fill(k, "prorata_value", values)),
        (wording.fill(k, "difference_before_tax_label", values), values["difference_before_tax"]),
        (wording.fill(k, "difference_taxes_label", values), values["difference_taxes"]),
        (wording.fill(k, "difference_total_label", values), values["difference_total"]),
        (wording.fill(k, "settlement_label", values), _t(view.settlement_label)),
    )
    blocks: list[Block] = [
        Text(wording.fill(k, "salutation_line", values)),
        Text(wording.fill(k, "intro", values)),
        Facts(wording.fill(k, "changes_caption", values), changes),
        Facts(wording.fill(k, "premium_caption", values), premiums),
    ]
    if view.cancelled:
        blocks.append(Text(wording.fill(k, "cancelled", values), style="strong"))
    blocks += [
        Text(wording.fill(k, "unchanged", values)),
        *(Text(text) for text in wording.fill_all(k, "closing", values)),
        Text(wording.fill(k, "signature", values)),
    ]
    return PrintedDocument(
        kind=k,
        title=wording.fill(k, "title", values),
        reference=wording.fill(k, "reference", values),
        sender=wording.fill_all("insurer", "lines", values),
        recipient=recipient(view.party),
        dated=_t(f"Le {day_text(view.recorded_on)}"),
        blocks=tuple(blocks),
        footer=wording.fill("insurer", "footer", values),
        filename=f"avenant-{view.number}-{view.version}",
    )
