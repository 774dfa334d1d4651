"""Hand-built views of the client documents (documents/views.py), for the renderer tests and the benchmark."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from polyadmin.documents.views import (
    AdviceView,
    ConditionView,
    ContractView,
    GuaranteeView,
    InstalmentView,
    MandateView,
    NeedView,
    Party,
    QuoteLineView,
    QuoteView,
)

PARTY = Party(
    client_number="CL-000012",
    name="Madame Jeanne MARTIN",
    address_lines=("12 rue de l'Église", "35000 Rennes"),
    salutation="Madame,",
    email="jeanne.martin@example.org",
    accessible_formats=True,
)

GUARANTEES = (
    GuaranteeView(
        "Responsabilité civile",
        "obligatoire",
        "Illimitée (corporel)",
        "Aucune",
        Decimal("312.40"),
        Decimal("103.09"),
        Decimal("415.49"),
    ),
    GuaranteeView(
        "Bris de glace",
        "de la formule",
        "Valeur de remplacement",
        "50 €",
        Decimal("48.10"),
        Decimal("8.66"),
        Decimal("56.76"),
    ),
    GuaranteeView(
        "Vol et incendie",
        "en option",
        "Valeur à dire d'expert",
        "300 €",
        Decimal("1021.35"),
        Decimal("183.84"),
        Decimal("1205.19"),
    ),
)
EXCLUSIONS = (
    "Les dommages intentionnellement causés par l'assuré (art. L113-1)",
    "La conduite sous l'empire d'un état alcoolique",
    "Les dommages intentionnellement causés par l'assuré (art. L113-1)",  # twice in the data: printed once
)


def monthly(first: Decimal, then: Decimal, start: date) -> tuple[InstalmentView, ...]:
    """Twelve monthly instalments from `start`: the first one carries the rounding remainder."""
    return tuple(InstalmentView(n + 1, start + relativedelta(months=n), first if n == 0 else then) for n in range(12))


def auto_contract(**changes: object) -> ContractView:
    """A 3-guarantee auto contract sold at a distance, paid monthly by SEPA: total 1 677,44 €."""
    fields: dict[str, object] = {
        "party": PARTY,
        "number": "CT-000123",
        "product_code": "AUTO",
        "product_name": "Auto particulier",
        "product_version": "2026.1",
        "line_label": "Automobile",
        "formula_label": "Tiers+",
        "options": ("Assistance 0 km",),
        "eco_options": ("Véhicule propre",),
        "issued_on": date(2026, 2, 20),
        "effective_date": date(2026, 3, 1),
        "term_end": date(2027, 2, 28),
        "principal_due_date": date(2027, 3, 1),
        "tacit_renewal": True,
        "risk_summary": ("Véhicule : Peugeot 208 AB-123-CD", "Conducteur principal : Jeanne MARTIN"),
        "guarantees": GUARANTEES,
        "conditions": (ConditionView("Surprime", "Jeune conducteur : +50 % la première année"),),
        "exclusions": EXCLUSIONS,
        "premium_before_tax": Decimal("1381.85"),
        "taxes": Decimal("295.59"),
        "total": Decimal("1677.44"),
        "frequency_label": "Mensuel",
        "payment_method_label": "Prélèvement SEPA",
        "instalments": monthly(Decimal("140.30"), Decimal("139.74"), date(2026, 3, 1)),
        "quote_number": "DV-000045",
        "agreement_on": date(2026, 2, 20),
        "agreement_channel_label": "À distance (téléphone)",
        "distance_selling": True,
        "withdrawal_until": date(2026, 3, 6),
        "mandate": MandateView(
            reference="RUM-CT000123-01",
            creditor_name="Polyadmin Assurances",
            creditor_identifier="FR12ZZZ123456",
            debtor_name="Jeanne MARTIN",
            debtor_address_lines=("12 rue de l'Église", "35000 Rennes"),
            iban="FR7630006000011234567890189",
            bic="AGRIFRPP",
            signed_on=None,
            sequence_label="Paiement récurrent",
        ),
        "vehicle_registration": "AB-123-CD",
        "vehicle_label": "Peugeot 208",
    }
    fields.update(changes)
    return ContractView(**fields)  # type: ignore[arg-type]


def advice() -> AdviceView:
    return AdviceView(
        party=PARTY,
        recorded_on=date(2026, 2, 1),
        advisor="Camille DURAND",
        needs=(
            NeedView(
                "Automobile",
                "Usage du véhicule ?",
                "Trajets domicile-travail, 15 000 km par an",
                "Une formule Tiers+ protège le véhicule contre le vol et l'incendie sans le coût d'un tous risques.",
                "Auto particulier — formule Tiers+, option Véhicule propre",
            ),
            NeedView("Automobile", "Souhaitez-vous une assistance ?", "Oui, même en panne devant chez moi"),
            NeedView("Habitation", "Êtes-vous locataire ?", "Oui, T2 de 45 m²", "", ""),
        ),
        warnings=("Le besoin habitation n'est pas couvert par cette proposition.",),
        eco_interest=True,
    )


def quote() -> QuoteView:
    line = QuoteLineView(
        product_code="AUTO",
        product_name="Auto particulier",
        formula_label="Tiers+",
        options=("Assistance 0 km",),
        eco_options=("Véhicule propre",),
        frequency_label="Mensuel",
        risk_summary=("Véhicule : Peugeot 208 AB-123-CD",),
        guarantees=GUARANTEES,
        conditions=(ConditionView("Franchise", "Bris de glace : 50 €"),),
        exclusions=EXCLUSIONS,
        premium_before_tax=Decimal("1381.85"),
        discount=Decimal("27.64"),
        taxes=Decimal("295.59"),
        total=Decimal("1677.44"),
        first_instalment=Decimal("140.30"),
    )
    alternative = QuoteLineView(
        product_code="AUTO",
        product_name="Auto particulier",
        formula_label="Tous risques",
        options=(),
        eco_options=(),
        frequency_label="Mensuel",
        risk_summary=("Véhicule : Peugeot 208 AB-123-CD",),
        guarantees=GUARANTEES[:2],
        conditions=(),
        exclusions=EXCLUSIONS[:2],
        premium_before_tax=Decimal("1800.00"),
        discount=Decimal("0.00"),
        taxes=Decimal("350.10"),
        total=Decimal("2150.10"),
        first_instalment=Decimal("179.18"),
        alternative_of=0,
    )
    return QuoteView(
        party=PARTY,
        number="DV-000045",
        version=2,
        issued_on=date(2026, 2, 1),
        valid_until=date(2026, 3, 1),
        lines=(line, alternative),
        discount_total=Decimal("27.64"),
        total=Decimal("1677.44"),
        advisor="Camille DURAND",
    )
