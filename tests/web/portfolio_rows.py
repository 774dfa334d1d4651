"""A small portfolio written straight into a sandbox's tables, for the read service and the pages.

One household (Élodie Lefèvre and her spouse), a car, a flat, a loan, a previous insurer with a
claim, an auto contract with paid and unpaid instalments and a claim, a contact from the history, two
subscription requests (one received, one arriving after the sandbox's date) with their documents and
the evaluators' fields of a planted case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from polyadmin.services.clients import create_client
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import (
    Claim,
    ClientRelation,
    Contract,
    Dwelling,
    ExpertScript,
    Instalment,
    InsuranceHistory,
    Interaction,
    Loan,
    SubscriptionRequest,
    SupportingDocument,
    Vehicle,
)

REGISTRATION = "FG-456-HJ"
EXPECTED_NOTES = "Le CRM déclaré (0,50) ne correspond pas au relevé (0,68) : fausse déclaration à relever."
ANOMALY = "CRM du relevé différent de la déclaration"
CASE_CODE = "CAS-CRM-FAUX"


@dataclass
class SamplePortfolio:
    client_id: int
    spouse_id: int
    contract_id: int
    request_id: int
    upcoming_request_id: int
    document_id: int
    upcoming_document_id: int


def build_portfolio(session: Session, actor, sandbox_id: int) -> SamplePortfolio:  # type: ignore[no-untyped-def]
    """Two clients made through the service (so they are journaled), the rest as seeded rows."""
    holder = create_client(
        session,
        actor,
        sandbox_id,
        {
            "kind": "person",
            "civility": "MME",
            "first_name": "Élodie",
            "last_name": "Lefèvre",
            "birth_date": "1984-02-29",
            "address_line1": "12 rue des Lilas",
            "postcode": "69003",
            "city": "Lyon",
            "email": "elodie.lefevre@exemple.fr",
            "preferred_channel": "email",
            "gdpr_consent": True,
            "gdpr_purposes": ["enquetes"],
        },
    )
    spouse = create_client(
        session,
        actor,
        sandbox_id,
        {
            "kind": "person",
            "civility": "M",
            "first_name": "Karim",
            "last_name": "Benali",
            "birth_date": "1982-07-14",
            "postcode": "69003",
            "city": "Lyon",
            "email": "karim.benali@exemple.fr",
            "preferred_channel": "telephone",
            "phone": "06 11 22 33 44",
            "gdpr_consent": False,
        },
    )
    sandbox = session.get(Sandbox, sandbox_id)
    assert sandbox is not None and sandbox.exam_session.catalogue_snapshot_id is not None
    snapshot_id = sandbox.exam_session.catalogue_snapshot_id
    today = sandbox.business_date
    base = {"sandbox_id": sandbox_id, "client_id": holder.id}
    session.add(ClientRelation(sandbox_id=sandbox_id, client_id=holder.id, related_id=spouse.id, kind="spouse"))
    car = Vehicle(
        **base,
        registration=REGISTRATION,
        registration_key=REGISTRATION.replace("-", ""),
        make="Peugeot",
        model="208",
        vehicle_group=27,
        first_registration=date(2021, 6, 1),
        energy="essence",
        co2_class="C",
        value=Decimal("15900.00"),
        usage="prive_trajet",
        garage_postcode="69003",
        annual_mileage=12000,
        seeded=True,
    )
    flat = Dwelling(
        **base,
        address_line1="12 rue des Lilas",
        postcode="69003",
        city="LYON",
        dwelling_type="appartement",
        occupancy_status="locataire",
        residence="principale",
        surface=64,
        rooms=3,
        floor=2,
        construction_year=1975,
        security_features=["porte_blindee"],
        natural_hazard_zone="aucune",
        contents_value=Decimal("18000.00"),
        seeded=True,
    )
    loan = Loan(
        **base,
        lender="Banque du Rhône",
        capital=Decimal("180000.00"),
        duration_months=240,
        rate_percent=Decimal("3.45"),
        purpose="residence_principale",
        start_date=date(2025, 9, 1),
        insured_share_percent=100,
        seeded=True,
    )
    history = InsuranceHistory(
        **base,
        line="auto",
        insurer="Mutuelle d'Armor",
        policy_number="MA-778812",
        start_date=date(2019, 1, 1),
        end_date=date(2025, 12, 31),
        crm=Decimal("0.68"),
        statement_date=date(2026, 1, 10),
        terminated_by="insured",
        termination_reason="echeance",
        seeded=True,
    )
    session.add_all([car, flat, loan, history])
    session.flush()
    contract = Contract(
        **base,
        number="CT-000001",
        snapshot_id=snapshot_id,
        product_code="AUTO",
        product_version="2026.1",
        formula="tiers_plus",
        options=[],
        deductibles={},
        frequency="mensuel",
        risk={},
        vehicle_id=car.id,
        start_date=date(2026, 1, 1),
        next_due_date=date(2027, 1, 1),
        status="active",
        premium_before_tax=Decimal("540.00"),
        annual_total=Decimal("702.36"),
        iban="FR7630006000011234567890189",
        created_on=date(2026, 1, 1),
        seeded=True,
    )
    session.add(contract)
    session.flush()
    for number, (due, status) in enumerate(
        [(date(2026, 1, 1), "paid"), (date(2026, 2, 1), "unpaid"), (date(2026, 3, 1), "due")], start=1
    ):
        session.add(
            Instalment(
                sandbox_id=sandbox_id,
                contract_id=contract.id,
                period_start=date(2026, 1, 1),
                number=number,
                due_date=due,
                amount=Decimal("58.53"),
                status=status,
                paid_on=due if status == "paid" else None,
                method="prelevement",
            )
        )
    session.add_all(
        [
            Claim(
                **base,
                history_id=history.id,
                occurred_on=date(2023, 4, 12),
                kind="accident",
                liability="partial",
                amount=Decimal("2300.00"),
                status="closed",
                description="Accrochage à un carrefour, torts partagés.",
                seeded=True,
            ),
            Claim(
                **base,
                contract_id=contract.id,
                occurred_on=date(2026, 2, 3),
                kind="bris_glace",
                liability="none",
                amount=Decimal("420.00"),
                status="open",
                description="Pare-brise fissuré.",
                seeded=True,
            ),
            Interaction(
                **base,
                occurred_on=date(2026, 1, 15),
                channel="telephone",
                direction="entrant",
                motive="Question sur l'échéancier",
                summary="La cliente demande la date du prochain prélèvement.",
                seeded=True,
            ),
        ]
    )
    received = SubscriptionRequest(
        **base,
        number="DS-000001",
        received_on=today,
        channel="email",
        product_code="AUTO",
        requested={
            "formula": "tous_risques",
            "options": ["valeur_a_neuf"],
            "frequency": "mensuel",
            "effective_date": "2026-03-16",
            "declared": {"crm": "0.50", "licence_date": "2005-06-01", "usage": "prive"},
            "message": "Je souhaite assurer ma 208 tous risques.",
        },
        status="nouvelle",
        vehicle_id=car.id,
        case_code=CASE_CODE,
        expected_outcome="decline",
        expected_notes=EXPECTED_NOTES,
        seeded=True,
    )
    upcoming = SubscriptionRequest(
        **base,
        number="DS-000002",
        received_on=date(today.year + 1, 1, 5),
        channel="courrier",
        product_code="MRH",
        requested={"formula": "locataire_essentiel"},
        status="nouvelle",
        dwelling_id=flat.id,
        case_code="CAS-FUTUR",
        expected_outcome="accept",
        expected_notes="Arrive plus tard.",
        seeded=True,
    )
    session.add_all([received, upcoming])
    session.flush()
    document = SupportingDocument(
        **base,
        request_id=received.id,
        kind="releve_information",
        title="Relevé d'information Mutuelle d'Armor",
        issued_on=date(2026, 1, 10),
        valid_until=None,
        data={"insurer": "Mutuelle d'Armor", "crm": "0.68"},
        anomaly=ANOMALY,
        seeded=True,
    )
    later = SupportingDocument(
        **base,
        request_id=upcoming.id,
        kind="justificatif_domicile",
        title="Facture d'électricité",
        issued_on=today,
        valid_until=None,
        data={},
        anomaly="Justificatif au nom d'un tiers",
        seeded=True,
    )
    session.add_all([document, later])
    session.add(
        ExpertScript(
            sandbox_id=sandbox_id,
            request_id=received.id,
            expert="service_technique",
            answer="Refus conseillé.",
            delay_days=2,
        )
    )
    session.commit()
    return SamplePortfolio(
        client_id=holder.id,
        spouse_id=spouse.id,
        contract_id=contract.id,
        request_id=received.id,
        upcoming_request_id=upcoming.id,
        document_id=document.id,
        upcoming_document_id=later.id,
    )


def client_row(session: Session, client_id: int) -> Client:
    row = session.get(Client, client_id)
    assert row is not None
    return row
