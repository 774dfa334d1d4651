"""Issue 11's journey through the API, from a planted request of examen-souscription: the home request
accepted, the needs and the advice recorded, a two-product quote (home + car, with the circular-economy
parts option), the agreement, the issue twice with one Idempotency-Key (one set of contracts), each
document listed, downloaded (amounts to the cent, exclusions, mandate reference), transmitted and
received; the journal shows each step with C2A.3, C2A.4 and C1.9, in order."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from polyadmin.domain.french import euros
from polyadmin.services import casework
from polyadmin.services.contracts import contract_in
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Contract, Dwelling, Vehicle
from tests.helpers.evaluation import examen_box, pdf_text, planted
from tests.helpers.web import login

API = "/api/v1/sandboxes"
DEBIT = {"payment_method": "prelevement", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"}
# The driver's data the client's record does not hold (her licence, her statement of 2021).
DRIVER = {"licence_date": "1987-05-14", "claim_free_years": 20, "crm": "0.50", "driver_birth_date": "1968-02-11"}
CONTRACT_KINDS = ["attestation", "conditions_particulieres", "echeancier", "mandat_sepa", "welcome_letter"]


def money(amount):
    """An amount as the PDF text reads it (no-break spaces folded, as `pdf_text` folds them)."""
    return euros(Decimal(amount)).replace("\u202f", " ").replace("\xa0", " ")


def journal(session, box_id):
    return list(
        session.execute(select(JournalEntry).where(JournalEntry.sandbox_id == box_id).order_by(JournalEntry.seq))
        .scalars()
        .all()
    )


def test_from_a_planted_request_to_two_contracts_with_every_document(api, client, session, world):
    box = examen_box(session, world)
    request = planted(session, box.id, "exa-1-mrh-accept")
    casework.decide(session, world.candidate, box.id, request.id, {"outcome": "accept", "reason": "Dossier complet."})
    client_id = request.client_id
    dwelling = session.execute(select(Dwelling).where(Dwelling.client_id == client_id)).scalars().first()
    vehicle = session.execute(select(Vehicle).where(Vehicle.client_id == client_id)).scalars().first()
    today = box.business_date

    needs = {
        "lines": {
            "habitation": {"wanted": ["incendie"], "already_covered": []},
            "auto": {"wanted": ["dommages"], "already_covered": []},
        },
        "budget_monthly": "120.00",
        "eco_interest": True,
        "recommendations": [
            {"line": "habitation", "product": "MRH", "formula": "proprietaire_occupant", "reason": "Maison achetée.",
             "need": "Habitation"},
            {"line": "auto", "product": "AUTO", "formula": "tous_risques", "reason": "Véhicule récent.",
             "need": "Dommages"},
        ],
    }  # fmt: skip
    recorded = api.post(f"{API}/{box.id}/clients/{client_id}/needs", user="candidat1", json=needs)
    assert recorded.status_code == 201, recorded.get_json()

    lines = [
        {"product": "MRH", "formula": "proprietaire_occupant", "frequency": "annuel", "dwelling_id": dwelling.id},
        {"product": "AUTO", "formula": "tous_risques", "frequency": "mensuel", "options": ["pieces_reemploi"],
         "vehicle_id": vehicle.id, "risk": DRIVER},
    ]  # fmt: skip
    created = api.post(
        f"{API}/{box.id}/quotes",
        user="candidat1",
        json={"client_id": client_id, "request_id": request.id, "lines": lines},
    )
    assert created.status_code == 201, created.get_json()
    quote = created.get_json()
    home_line, car_line = quote["lines"]
    assert Decimal(quote["total"]) == Decimal(home_line["total"]) + Decimal(car_line["total"])

    agreed = api.post(
        f"{API}/{box.id}/quotes/{quote['id']}/agreement",
        user="candidat1",
        json={"date": today.isoformat(), "channel": "agence"},
    )
    assert agreed.status_code == 200, agreed.get_json()
    first = api.post(
        f"{API}/{box.id}/quotes/{quote['id']}/issue", user="candidat1", json=DEBIT, headers={"Idempotency-Key": "k1"}
    )
    again = api.post(
        f"{API}/{box.id}/quotes/{quote['id']}/issue", user="candidat1", json=DEBIT, headers={"Idempotency-Key": "k1"}
    )
    assert first.status_code == 201, first.get_json()
    assert again.get_json() == first.get_json()
    count = select(func.count()).select_from(Contract).where(Contract.sandbox_id == box.id, Contract.seeded.is_(False))
    assert session.execute(count).scalar_one() == 2
    issued = first.get_json()
    home, car = sorted(issued["contracts"], key=lambda c: c["product_code"] != "MRH")
    assert (home["product_code"], car["product_code"]) == ("MRH", "AUTO")
    reference = home["mandate"]["reference"]
    assert car["mandate"]["reference"] == reference  # one mandate for both
    assert (home["annual_total"], car["annual_total"]) == (home_line["total"], car_line["total"])

    login(client, "candidat1")
    for contract, line in ((home, home_line), (car, car_line)):
        listed = api.get(f"{API}/{box.id}/contracts/{contract['id']}/documents", user="evaluateur")
        assert listed.status_code == 200
        documents = listed.get_json()
        assert sorted(d["kind"] for d in documents) == CONTRACT_KINDS
        assert {d["status"] for d in documents} == {"edited"}
        texts = {}
        for document in documents:
            pdf = client.get(document["url"])
            assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
            texts[document["kind"]] = pdf_text(pdf.data)
        total = money(line["total"])
        assert total in texts["conditions_particulieres"] and contract["number"] in texts["conditions_particulieres"]
        view = contract_in(session, world.candidate, box.id, contract["id"])
        assert view.exclusions and all(
            " ".join(e.split())[:50] in texts["conditions_particulieres"] for e in view.exclusions
        )
        assert money(line["instalments"][0]["amount"]) in texts["echeancier"]
        assert reference in texts["mandat_sepa"] and reference in texts["echeancier"] + texts["mandat_sepa"]
        assert contract["number"] in texts["attestation"] and contract["number"] in texts["welcome_letter"]
        for document in documents:
            sent = api.post(
                f"{API}/{box.id}/documents/{document['id']}/transmissions",
                user="candidat1",
                json={"channel": "courrier", "date": today.isoformat()},
            )
            assert sent.status_code == 201, sent.get_json()
        signed = [d for d in documents if d["kind"] in ("conditions_particulieres", "mandat_sepa")]
        for document in signed:
            received = api.post(
                f"{API}/{box.id}/documents/{document['id']}/receipt", user="candidat1", json={"date": today.isoformat()}
            )
            assert received.status_code == 200 and received.get_json()["status"] == "received"

    quote_documents = api.get(f"{API}/{box.id}/clients/{client_id}/documents", user="candidat1").get_json()["items"]
    devis = next(d for d in quote_documents if d["kind"] == "quote")
    devis_text = pdf_text(client.get(devis["url"]).data)
    assert money(quote["total"]) in devis_text and quote["number"] in devis_text
    advice = next(d for d in quote_documents if d["kind"] == "advice")
    assert "Maison achetée." in pdf_text(client.get(advice["url"]).data)

    entries = journal(session, box.id)
    steps = [
        (e.action, e.codes) for e in entries if e.action.split(".")[0] in ("needs", "quote", "contract", "document")
    ]
    actions = [action for action, _codes in steps]
    assert actions[:3] == ["needs.record", "document.edit", "document.edit"]  # the devis and the advice
    assert actions[3:6] == ["quote.create", "quote.agreement", "document.edit"]
    assert actions.count("contract.issue") == 1 and actions.count("document.edit") == 2 + 10
    assert actions.index("contract.issue") > actions.index("quote.agreement")
    assert actions.count("document.transmit") == 10 and actions.count("document.receipt") == 4
    codes = dict(steps)
    assert codes["needs.record"] == codes["quote.create"] == ["C2A.3"]
    assert codes["quote.agreement"] == ["C2A.4"] and codes["contract.issue"][0] == "C2A.4"
    assert {tuple(c) for a, c in steps if a.startswith("document.")} == {("C1.9",)}
