"""A small portfolio in one sandbox, for the read service and the pages, built with the model factories.

One household (Élodie Lefèvre and her spouse, both created through the service, so journaled), a
car, a flat, a loan, a previous insurer with a claim, an auto contract with paid and unpaid
instalments and a claim, a contact from the history, two subscription requests (one received, one
arriving after the sandbox's date) with their documents and the evaluators' fields of a planted case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from tests.helpers.factories import (
    ClaimFactory,
    ClientFactory,
    ClientRelationFactory,
    ContractFactory,
    DwellingFactory,
    ExpertScriptFactory,
    InsuranceHistoryFactory,
    InteractionFactory,
    LoanFactory,
    SubscriptionRequestFactory,
    SupportingDocumentFactory,
    VehicleFactory,
    bound_session,
)
from tests.helpers.factories.base import sandbox_of

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


def build_portfolio(session: Session, sandbox_id: int) -> SamplePortfolio:
    """The sandbox's candidate creates both clients; the rest is written as a scenario seeds it."""
    with bound_session(session):
        today = sandbox_of(sandbox_id).business_date
        holder = ClientFactory(
            sandbox=sandbox_id,
            data={"kind": "person", "civility": "MME", "first_name": "Élodie", "last_name": "Lefèvre"},
            birth_date="1984-02-29",
            address_line1="12 rue des Lilas",
            postcode="69003",
            city="Lyon",
            email="elodie.lefevre@exemple.fr",
            preferred_channel="email",
            gdpr_consent=True,
            gdpr_purposes=["enquetes"],
        )
        spouse = ClientFactory(
            sandbox=sandbox_id,
            data={"kind": "person", "civility": "M", "first_name": "Karim", "last_name": "Benali"},
            birth_date="1982-07-14",
            postcode="69003",
            city="Lyon",
            email="karim.benali@exemple.fr",
            preferred_channel="telephone",
            phone="06 11 22 33 44",
            gdpr_consent=False,
        )
        ClientRelationFactory(client=holder, related=spouse, kind="spouse")
        car = VehicleFactory(client=holder, registration=REGISTRATION)
        flat = DwellingFactory(client=holder)
        LoanFactory(client=holder)
        history = InsuranceHistoryFactory(client=holder, policy_number="MA-778812")
        contract = ContractFactory(client=holder, vehicle=car, instalments=["paid", "unpaid", "due"])
        ClaimFactory(client=holder, history=history)
        ClaimFactory(
            client=holder,
            contract=contract,
            occurred_on=date(2026, 2, 3),
            kind="bris_glace",
            liability="none",
            amount=Decimal("420.00"),
            status="open",
            description="Pare-brise fissuré.",
        )
        InteractionFactory(client=holder)
        received = SubscriptionRequestFactory(
            client=holder,
            vehicle=car,
            requested={
                "formula": "tous_risques",
                "options": ["valeur_a_neuf"],
                "frequency": "mensuel",
                "effective_date": "2026-03-16",
                "declared": {"crm": "0.50", "licence_date": "2005-06-01", "usage": "prive"},
                "message": "Je souhaite assurer ma 208 tous risques.",
            },
            case_code=CASE_CODE,
            expected_outcome="decline",
            expected_notes=EXPECTED_NOTES,
        )
        document = SupportingDocumentFactory(
            client=holder,
            request=received,
            title="Relevé d'information Mutuelle d'Armor",
            data={"insurer": "Mutuelle d'Armor", "crm": "0.68"},
            anomaly=ANOMALY,
        )
        upcoming = SubscriptionRequestFactory(
            client=holder,
            dwelling=flat,
            received_on=date(today.year + 1, 1, 5),
            channel="courrier",
            product_code="MRH",
            requested={"formula": "locataire_essentiel"},
            case_code="CAS-FUTUR",
            expected_outcome="accept",
            expected_notes="Arrive plus tard.",
        )
        later = SupportingDocumentFactory(
            client=holder,
            request=upcoming,
            kind="justificatif_domicile",
            title="Facture d'électricité",
            issued_on=today,
            anomaly="Justificatif au nom d'un tiers",
        )
        ExpertScriptFactory(request=received, answer="Refus conseillé.")
    return SamplePortfolio(
        client_id=holder.id,
        spouse_id=spouse.id,
        contract_id=contract.id,
        request_id=received.id,
        upcoming_request_id=upcoming.id,
        document_id=document.id,
        upcoming_document_id=later.id,
    )
