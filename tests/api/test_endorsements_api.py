"""Avenants through the API (issue 13 §1): preview (nothing written), record (201, amounts to the cent),
list, cancel; 422 with French field messages and 409 with the reason, never a 500. The sandbox's date is
2026-03-02; the contract is a seeded-style AUTO contract since 2025-01-15 (period 2026-01-15..2027-01-14,
365 days), ten instalments still due."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select

from polyadmin.domain.canonical import to_json_value
from polyadmin.store.contracts import Endorsement
from polyadmin.store.models import JournalEntry
from tests.helpers.factories import ClientFactory, ContractFactory, InstalmentFactory
from tests.helpers.quotes import AUTO_RISK

API = "/api/v1/sandboxes"
MOVE = {"effective_on": "2026-04-01", "changes": {"risk": {"garage_postcode": "75011"}}}


@pytest.fixture
def contract(session, world):
    client = ClientFactory(sandbox=world.sandbox_id, last_name="Martin", first_name="Jeanne", civility="MME")
    contract = ContractFactory(
        client=client,
        start_date=date(2025, 1, 15),
        next_due_date=date(2026, 1, 15),
        seeded=True,
        formula="tiers",
        risk=to_json_value(AUTO_RISK),
    )
    for number in range(1, 13):
        InstalmentFactory(
            contract=contract, number=number, period_start=date(2026, 1, 15), status="paid" if number <= 2 else "due"
        )
    return contract


def url(world, contract_id, tail=""):
    return f"{API}/{world.sandbox_id}/contracts/{contract_id}/endorsements{tail}"


def journal(session):
    return session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()


def test_preview_then_record_then_list_then_cancel(api, session, world, contract, last_entry):
    before = journal(session)
    preview = api.post(url(world, contract.id, "/preview"), user="candidat1", json=MOVE)
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert journal(session) == before and session.execute(select(Endorsement)).first() is None
    assert body["changes"] == [
        {"field": "risk.garage_postcode", "label": "Code postal du lieu de garage", "before": "69003", "after": "75011"}
    ]
    difference = body["difference"]
    # Effect 2026-04-01: earned 2026-01-15..03-31 = 17 + 28 + 31 = 76 days, 289 of 365 remain.
    assert (difference["period_start"], difference["period_end"], difference["remaining_days"]) == (
        "2026-01-15", "2027-01-14", 289,
    )  # fmt: skip

    # Each part: annual × 289 / 365, to the cent (annual − round(annual × 76 / 365)).
    def due(annual: str) -> Decimal:
        value = Decimal(annual)
        return value - (value * 76 / 365).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    assert Decimal(difference["before_tax"]) == due(difference["annual_before_tax"])
    assert Decimal(difference["taxes"]) == due(difference["annual_taxes"])
    assert Decimal(difference["total"]) == Decimal(difference["before_tax"]) + Decimal(difference["taxes"])
    assert body["settlement"]["mode"] == "instalments" and len(body["settlement"]["shares"]) == 9  # 2026-04-15..12-15
    assert "Responsabilité civile" in " ".join(body["guarantees_after"])

    recorded = api.post(url(world, contract.id), user="candidat1", json=MOVE)
    assert recorded.status_code == 201, recorded.get_json()
    row = recorded.get_json()
    assert (row["version"], row["status"], row["difference_total"]) == (2, "active", difference["total"])
    assert row["settlement_label"] == "Ajoutée aux échéances restantes"
    entry = last_entry("contract.endorse")
    assert entry.codes == ["C2A.4"] and entry.record_id == str(contract.id)

    listed = api.get(url(world, contract.id), user="evaluateur").get_json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == row["id"] and listed["version_on"] is None
    # The contract at a date: as issued the day before the date of effect, the avenant's from that day.
    before_effect = api.get(url(world, contract.id, "?on=2026-03-31"), user="evaluateur").get_json()["version_on"]
    assert (before_effect["version"], before_effect["risk"]["garage_postcode"]) == (1, "69003")
    on_effect = api.get(url(world, contract.id, "?on=2026-04-01"), user="evaluateur").get_json()["version_on"]
    assert (on_effect["version"], on_effect["risk"]["garage_postcode"]) == (2, "75011")
    assert on_effect["annual_total"] == row["total_after"]
    bad = api.get(url(world, contract.id, "?on=demain"), user="evaluateur")
    assert bad.status_code == 422 and list(bad.get_json()["errors"]) == ["on"]

    cancelled = api.post(url(world, contract.id, f"/{row['id']}/cancel"), user="candidat1", json={})
    assert cancelled.status_code == 200 and cancelled.get_json()["status_label"] == "Annulé"
    again = api.post(url(world, contract.id, f"/{row['id']}/cancel"), user="candidat1", json={})
    assert again.status_code == 409 and "déjà annulé" in again.get_json()["message"]


REFUSED = [
    ({"changes": {"formula": 3}}, {"changes.formula": ["Texte attendu."], "effective_on": ["Champ obligatoire."]}),
    ({**MOVE, "changes": {"risk": "75011"}}, {"changes.risk": ["Objet attendu (donnée → valeur)."]}),
    ({**MOVE, "changes": {"risk": {"garage_postcode": "ABCDE"}}},
     {"changes.risk.garage_postcode": ["Code postal à 5 chiffres attendu."]}),
    ({**MOVE, "changes": {"formula": "platine"}},
     {"changes.formula": ["Formule inconnue « platine » ; valeurs possibles : tiers, tiers_plus, tous_risques."]}),
    # Backdated 41 days (the sandbox's date 2026-03-02) without a justification: beyond the 30 days allowed.
    ({**MOVE, "effective_on": "2026-01-20"}, {"justification": [
        "Avenant rétroactif de plus de 30 jours (date d'effet le 20/01/2026) : une justification écrite est "
        "obligatoire."]}),
    ({**MOVE, "effective_on": "2027-01-15"}, {"effective_on": [
        "La date d'effet dépasse la période annuelle en cours (jusqu'au 14/01/2027) : l'avenant se fera à "
        "l'échéance."]}),
]  # fmt: skip


@pytest.mark.parametrize(("body", "errors"), REFUSED)
def test_field_errors_are_422_in_french_and_write_nothing(api, session, world, contract, body, errors):
    before = journal(session)
    for tail in ("/preview", ""):
        response = api.post(url(world, contract.id, tail), user="candidat1", json=body)
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["errors"] == errors
    assert journal(session) == before


def test_a_terminated_contract_is_a_409_with_the_reason(api, session, world, contract):
    contract.status = "terminated"
    session.commit()
    response = api.post(url(world, contract.id), user="candidat1", json=MOVE)
    assert response.status_code == 409
    assert response.get_json()["message"] == (
        f"Le contrat {contract.number} est résilié : il ne peut plus faire l'objet d'un avenant."
    )
