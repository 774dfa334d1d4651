"""Every kind of journal entry a sandbox (and the platform) holds, written by the real services: the
readable journal's tests render each one and look for raw keys and codes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from polyadmin.catalogue.loader import rules_directory_for
from polyadmin.services import (
    casework,
    client_documents,
    contracts,
    endorsements,
    logins,
    offers,
    payments,
    terminations,
)
from polyadmin.services.catalogue import store_catalogue
from polyadmin.services.clients import create_client, update_client
from polyadmin.services.evaluation import record_decision, record_mark
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.interactions import record_interaction
from polyadmin.services.sandboxes import move_clock
from polyadmin.services.seeding import reset_sandbox
from polyadmin.services.users import AuthenticationFailed
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import Contract, SubscriptionRequest, SupportingDocument
from tests.helpers.accounts import PASSWORD, World
from tests.helpers.databases import CATALOGUE
from tests.helpers.factories import PersonClientData


def planted(session: Session, sandbox_id: int, code: str) -> SubscriptionRequest:
    return session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.sandbox_id == sandbox_id, SubscriptionRequest.case_code == code
        )
    ).scalar_one()


def document(session: Session, request: SubscriptionRequest, kind: str) -> SupportingDocument:
    query = select(SupportingDocument).where(
        SupportingDocument.request_id == request.id, SupportingDocument.kind == kind
    )
    return session.execute(query.order_by(SupportingDocument.id)).scalars().first()  # type: ignore[return-value]


def exam_sandbox(session: Session, world: World) -> Sandbox:
    """The candidate's sandbox of an exam seeded with examen-souscription."""
    exam = create_exam_session(
        session,
        world.trainer,
        {"name": "Examen lisible", "candidates": ["candidat1"], "evaluators": ["evaluateur"],
         "scenario": "examen-souscription"},
    )  # fmt: skip
    (box,) = exam.sandboxes
    return box


def sign_in_and_out(session: Session, world: World, config: Mapping[str, Any]) -> None:
    """A failed sign-in, a sign-in on the web, a sign-out (platform journal)."""
    policies = logins.policies_from(config)
    try:
        logins.sign_in(session, "candidat1", "mauvais", "192.0.2.7", policies, channel="web")
    except AuthenticationFailed:
        session.commit()
    logins.sign_in(session, "candidat1", PASSWORD, "192.0.2.7", policies, channel="web")
    session.commit()
    logins.end_sessions(session, world.candidate)


# A car the AUTO product prices (as the quote builder posts it).
AUTO_RISK = {
    "garage_postcode": "69003", "driver_birth_date": "1985-06-15", "licence_date": "2005-09-01",
    "claim_free_years": 10, "crm": "0.60", "vehicle_group": 30, "first_registration_date": "2022-03-01",
    "energy": "essence", "usage": "prive", "annual_mileage": 12000, "vehicle_value": 15000,
}  # fmt: skip
NEEDS = {
    "lines": {"auto": {"protect": "Sa voiture.", "wanted": ["vol", "dommages"], "already_covered": ["assistance"],
                       "specific": "Trajets quotidiens."}},
    "budget_monthly": "30.00", "accessible_formats": True, "eco_interest": True,
    "disability": "Malvoyante : gros caractères.",
    "recommendations": [{"line": "auto", "need": "Vol et dommages", "product": "AUTO", "formula": "tiers_plus",
                         "options": ["pieces_reemploi"], "reason": "Véhicule récent, budget serré."}],
}  # fmt: skip
DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}


def auto_line(**changes: Any) -> dict[str, Any]:
    line = {"product": "AUTO", "formula": "tiers_plus", "frequency": "annuel", "options": [], "risk": dict(AUTO_RISK)}
    return {**line, **changes}


def offer_and_issue(session: Session, world: World, box: Sandbox, client: Client) -> None:
    """Needs and advice, a quote and its second version, the client's agreement, the issue, a task closed."""
    candidate = world.candidate
    offers.record_needs(session, candidate, box.id, client.id, NEEDS)
    quote = offers.create_quote(session, candidate, box.id, {"client_id": client.id, "lines": [auto_line()]})
    offers.new_version(
        session, candidate, box.id, quote.id,
        {"reason": "Le client préfère payer chaque mois.", "lines": [auto_line(frequency="mensuel")]},
    )  # fmt: skip
    contracts.record_agreement(
        session, candidate, box.id, quote.id, {"date": box.business_date.isoformat(), "channel": "telephone"}
    )
    (issued,) = contracts.issue_contracts(session, candidate, box.id, quote.id, DEBIT, key="tour").contracts
    task = contracts.list_tasks(session, candidate, box.id, {"status": "open"})[0]
    contracts.close_task(session, candidate, box.id, task.id)
    # An avenant (the garage moves to Paris, issue 13 §1), then its cancellation.
    endorsed = endorsements.record_endorsement(
        session, candidate, box.id, issued.id,
        {"effective_on": issued.start_date.isoformat(), "changes": {"risk": {"garage_postcode": "75011"}}},
    )  # fmt: skip
    endorsements.cancel_endorsement(session, candidate, box.id, issued.id, endorsed.id)


def seeded_contract(session: Session, box: Sandbox) -> Contract:
    """An active seeded contract of the sandbox that started at least a month before the sandbox's date."""
    query = select(Contract).where(
        Contract.sandbox_id == box.id,
        Contract.seeded.is_(True),
        Contract.status == "active",
        Contract.start_date <= box.business_date - timedelta(days=31),
    )
    contract = session.execute(query.order_by(Contract.id).limit(1)).scalar_one()
    return contract


def situation_change(box: Sandbox) -> dict[str, Any]:
    """A move ten days ago, the letter received today (L113-16): always within the three months."""
    today = box.business_date
    return {
        "ground": "change_of_situation",
        "event_on": (today - timedelta(days=10)).isoformat(),
        "notice_sent_on": (today - timedelta(days=2)).isoformat(),
        "notice_received_on": today.isoformat(),
        "requested_by_new_insurer": True,
        "new_insurer": "Assurances du Lac",
    }


def letter_sent_and_back(session: Session, world: World, box: Sandbox, asked_id: int) -> ClientDocument:
    """The letter asking for documents (edited by casework): transmitted, reminded, received."""
    query = select(ClientDocument).where(
        ClientDocument.sandbox_id == box.id,
        ClientDocument.record_type == "document_request",
        ClientDocument.record_id == asked_id,
    )
    letter = session.execute(query).scalar_one()
    day = box.business_date.isoformat()
    client_documents.transmit(session, world.candidate, box.id, letter.id, {"channel": "courrier", "date": day})
    client_documents.remind(session, world.candidate, box.id, letter.id)
    client_documents.receive(session, world.candidate, box.id, letter.id, {"date": day})
    return letter


def committee(session: Session, world: World, box: Sandbox) -> None:
    """The evaluator's mark on a criterion and the committee's decision (the sandbox's evaluation stream)."""
    record_mark(session, world.evaluator, box.id, {"criterion": "C2A.1-1", "mark": "acquis", "comment": "Revu."})
    record_decision(session, world.evaluator, box.id, {"block": "2A", "decision": "ajourne", "comment": "À revoir."})


def catalogue_back(session: Session, world: World) -> None:
    """A new version of the car product loaded, then the files put back: the first catalogue reinstated."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "products"
        shutil.copytree(CATALOGUE, copy)
        shutil.copytree(rules_directory_for(CATALOGUE), Path(folder) / "rules")  # the acceptance rules beside it
        auto = copy / "auto.yaml"
        text = auto.read_text(encoding="utf-8")
        text = text.replace('version: "2026.1"', 'version: "2026.9"', 1).replace("base: 240.00", "base: 245.00", 1)
        auto.write_text(text, encoding="utf-8")
        store_catalogue(session, world.trainer, copy)
    store_catalogue(session, world.trainer, CATALOGUE)


def tour(session: Session, world: World, config: Mapping[str, Any]) -> Sandbox:
    """Sign-in, a client created and updated, a contact, every casework action, needs, a quote and its
    version, the agreement, the issue, a task closed, a payment (posted twice with one key), a seeded contract
    terminated, a letter transmitted, reminded and received, the committee's mark and decision, a reset, a
    catalogue loaded then reinstated."""
    sign_in_and_out(session, world, config)
    box = exam_sandbox(session, world)
    candidate, trainer = world.candidate, world.trainer
    client = create_client(
        session, candidate, box.id, PersonClientData(last_name="Dupont", first_name="Jeanne", city="Paris")
    )
    update_client(session, candidate, box.id, client.id, {"last_name": "Durand", "city": "Lyon"})
    record_interaction(
        session, candidate, box.id, client.id,
        {"channel": "telephone", "direction": "entrant", "motive": "Attestation", "summary": "Envoyée."},
    )  # fmt: skip

    offer_and_issue(session, world, box, client)
    # A payment on a seeded contract, allocated oldest first, posted twice with one key (issue 14).
    for _ in range(2):
        payments.record_payment(
            session, candidate, box.id, seeded_contract(session, box).id,
            {"method": "cheque", "amount": "150.00", "reference": "Chèque n° 0000042"}, "tour-payment-1",
        )  # fmt: skip
    # A seeded contract terminated for a change of situation, at the new insurer's request (issue 13).
    terminations.terminate_contract(session, candidate, box.id, seeded_contract(session, box).id, situation_change(box))

    # exa-5: consultations, a stale proof of address, documents asked for, received on the clock move.
    exa5 = planted(session, box.id, "exa-5-auto-domicile-perime")
    stale = document(session, exa5, "justificatif_domicile")
    casework.consult(session, candidate, box.id, exa5.id, {"what": "analysis"})
    casework.consult(session, candidate, box.id, exa5.id, {"what": "document", "document_id": stale.id})
    casework.consult(session, candidate, box.id, exa5.id, {"what": "client"})
    casework.check_document(
        session, candidate, box.id, exa5.id, {"document_id": stale.id, "verdict": "perime", "reason": "Ancien."}
    )
    casework.request_documents(
        session, candidate, box.id, exa5.id, {"documents": ["justificatif_domicile"], "deadline": "2026-03-09"}
    )

    # exa-2: the senior underwriter, answered by the script, then an acceptance with conditions.
    exa2 = planted(session, box.id, "exa-2-auto-malus")
    releve = document(session, exa2, "releve_information")
    casework.refer(
        session, candidate, box.id, exa2.id,
        {"expert": "souscripteur_senior", "question": "Tous risques ?", "elements": [releve.id]},
    )  # fmt: skip

    # exa-6: a certificate checked, corrected, documents asked for, a non-conformity.
    exa6 = planted(session, box.id, "exa-6-auto-certificat-incoherent")
    certificate = document(session, exa6, "certificat_immatriculation")
    casework.check_document(
        session, candidate, box.id, exa6.id,
        {"document_id": certificate.id, "verdict": "non_conforme", "reason": "Au nom de l'oncle."},
    )  # fmt: skip
    casework.correct_declared(
        session, candidate, box.id, exa6.id,
        {"field": "first_registration_date", "value": "2017-05-12", "document_id": certificate.id, "reason": "Case B."},
    )  # fmt: skip
    asked = casework.request_documents(
        session, candidate, box.id, exa6.id,
        {"documents": ["certificat_immatriculation", "mandat_sepa"], "deadline": "2026-03-03"},
    )  # fmt: skip
    letter_sent_and_back(session, world, box, asked.id)
    casework.record_non_conformity(
        session, candidate, box.id, exa6.id,
        {"document_id": certificate.id, "description": "Tiers.", "handling": "Certificat barré réclamé."},
    )  # fmt: skip

    # exa-7: the medical adviser, answered by the trainer playing the expert.
    exa7 = planted(session, box.id, "exa-7-emprunteur-medecin")
    medical = casework.refer(session, candidate, box.id, exa7.id, {"expert": "medecin_conseil", "question": "?"})
    casework.answer_referral(
        session, trainer, box.id, medical.id, {"verdict": "defavorable", "answer": "Risque aggravé."}
    )

    # exa-1: an expert with no script, chased once overdue.
    exa1 = planted(session, box.id, "exa-1-mrh-accept")
    pending = casework.refer(session, candidate, box.id, exa1.id, {"expert": "service_technique", "question": "?"})

    move_clock(session, trainer, box.id, {"date": "2026-03-05"})
    casework.decide(
        session, candidate, box.id, exa2.id,
        {"outcome": "accept_conditions", "reason": "Accord du souscripteur senior.", "conditions": [
            {"kind": "franchise", "label": "Franchise dommages 600 €", "guarantee": "dommages", "deductible": "f600"},
            {"kind": "option_retiree", "label": "Sans valeur à neuf", "option": "valeur_a_neuf"},
        ]},
    )  # fmt: skip
    casework.remind_documents(session, candidate, box.id, exa6.id, asked.id)
    move_clock(session, trainer, box.id, {"date": "2026-03-20"})
    casework.remind_referral(session, candidate, box.id, pending.id)
    committee(session, world, box)
    reset_sandbox(session, trainer, box.id)
    catalogue_back(session, world)
    return box
