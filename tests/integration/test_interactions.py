"""Contacts with a client: recorded by the sandbox's candidate only, dated by the sandbox, journaled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.domain.errors import Forbidden, InvalidInput, NotFound
from polyadmin.services.clients import create_client
from polyadmin.services.interactions import interaction_views, list_interactions, record_interaction
from polyadmin.services.journal import verify_sandbox_journal
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import JournalEntry
from polyadmin.store.portfolio import Interaction
from tests.helpers.factories import PersonClientData

CALL = {
    "channel": "telephone",
    "direction": "entrant",
    "motive": "Demande d'attestation d'assurance",
    "summary": "Le client demande une attestation pour son bailleur ; envoyée par courriel.",
}


@pytest.fixture
def client_id(session, world) -> int:
    return create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Durand")).id


def test_a_contact_is_dated_by_the_sandbox_by_default_and_journaled(session, world, client_id):
    interaction = record_interaction(session, world.candidate, world.sandbox_id, client_id, CALL)
    assert interaction.occurred_on == date(2026, 3, 2)
    assert (interaction.channel, interaction.direction, interaction.seeded) == ("telephone", "entrant", False)
    assert interaction.recorded_by_id == world.candidate.user_id
    assert interaction.recorded_at is not None
    entry = session.execute(select(JournalEntry).where(JournalEntry.action == "interaction.record")).scalar_one()
    assert (entry.record_type, entry.record_id) == ("interaction", str(interaction.id))
    assert entry.codes == ["C1.8"]
    assert entry.sandbox_date == date(2026, 3, 2)
    assert entry.input["occurred_on"] == "2026-03-02"
    assert entry.outcome["client_id"] == client_id
    assert verify_sandbox_journal(session, world.candidate, world.sandbox_id).intact


def test_a_contact_may_be_dated_earlier_but_never_after_the_sandbox_date(session, world, client_id):
    earlier = record_interaction(
        session, world.candidate, world.sandbox_id, client_id, {**CALL, "occurred_on": "2026-02-27"}
    )
    assert earlier.occurred_on == date(2026, 2, 27)
    with pytest.raises(InvalidInput) as caught:
        record_interaction(session, world.candidate, world.sandbox_id, client_id, {**CALL, "occurred_on": "2026-03-03"})
    assert caught.value.field_errors == {
        "occurred_on": ["La date du contact ne peut pas être postérieure à la date de la simulation (02/03/2026)."]
    }
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-10"})
    later = record_interaction(
        session, world.candidate, world.sandbox_id, client_id, {**CALL, "occurred_on": "2026-03-03"}
    )
    assert later.occurred_on == date(2026, 3, 3)


def test_fields_are_checked_with_french_messages(session, world, client_id):
    with pytest.raises(InvalidInput) as caught:
        record_interaction(
            session,
            world.candidate,
            world.sandbox_id,
            client_id,
            {"channel": "pigeon", "direction": "aller", "motive": "x" * 121, "summary": "   ", "humeur": "bonne"},
        )
    errors = caught.value.field_errors
    assert errors["channel"] == ["Valeur inconnue ; valeurs possibles : telephone, email, courrier, agence, sms."]
    assert errors["direction"] == ["Valeur inconnue ; valeurs possibles : entrant, sortant."]
    assert errors["motive"] == ["Entre 1 et 120 caractères."]
    assert "aucune donnée de santé" in errors["summary"][0]
    assert errors["humeur"] == ["Champ inconnu."]
    with pytest.raises(InvalidInput) as caught:
        record_interaction(session, world.candidate, world.sandbox_id, client_id, {})
    assert set(caught.value.field_errors) == {"channel", "direction", "motive", "summary"}
    with pytest.raises(InvalidInput) as caught:
        record_interaction(session, world.candidate, world.sandbox_id, client_id, {**CALL, "occurred_on": "hier"})
    assert caught.value.field_errors == {"occurred_on": ["Date invalide (format attendu : AAAA-MM-JJ)."]}
    assert session.execute(select(Interaction)).first() is None


def test_motive_and_summary_are_trimmed(session, world, client_id):
    interaction = record_interaction(
        session, world.candidate, world.sandbox_id, client_id, {**CALL, "motive": "  Relance  ", "summary": " Vu. "}
    )
    assert (interaction.motive, interaction.summary) == ("Relance", "Vu.")


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("evaluator", Forbidden),
        ("trainer", Forbidden),
        ("admin", Forbidden),
        ("classmate", NotFound),
        ("stranger", NotFound),
        ("other_evaluator", NotFound),
        ("other_trainer", NotFound),
    ],
)
def test_only_the_sandbox_candidate_records_contacts(session, world, client_id, who, error):
    before = session.execute(select(JournalEntry.id)).all()
    with pytest.raises(error):
        record_interaction(session, world.actor(who), world.sandbox_id, client_id, CALL)
    assert session.execute(select(JournalEntry.id)).all() == before
    assert session.execute(select(Interaction)).first() is None


def test_a_client_of_another_sandbox_is_not_found(session, world, client_id):
    other = create_client(session, world.classmate, world.classmate_sandbox_id, PersonClientData()).id
    with pytest.raises(NotFound):
        record_interaction(session, world.candidate, world.sandbox_id, other, CALL)
    with pytest.raises(NotFound):
        list_interactions(session, world.candidate, world.sandbox_id, other)
    with pytest.raises(NotFound):
        record_interaction(session, world.candidate, world.sandbox_id, 999_999, CALL)


def test_contacts_are_listed_latest_first_with_the_seeded_history(session, world, client_id):
    seeded = Interaction(
        sandbox_id=world.sandbox_id,
        client_id=client_id,
        occurred_on=date(2025, 11, 4),
        channel="courrier",
        direction="sortant",
        motive="Avis d'échéance",
        summary="Envoi de l'avis d'échéance annuel.",
        seeded=True,
    )
    session.add(seeded)
    session.commit()
    first = record_interaction(
        session, world.candidate, world.sandbox_id, client_id, {**CALL, "occurred_on": "2026-03-01"}
    )
    second = record_interaction(session, world.candidate, world.sandbox_id, client_id, {**CALL, "channel": "agence"})
    found = list_interactions(session, world.evaluator, world.sandbox_id, client_id)
    assert [item.id for item in found] == [second.id, first.id, seeded.id]
    views = interaction_views(session, found)
    assert [view["recorded_by"] for view in views] == ["candidat1", "candidat1", None]
    assert views[0]["channel_label"] == "Agence"
    assert views[2]["seeded"] is True and views[2]["recorded_at"] is None
    for who in ("trainer", "admin", "candidate"):
        assert len(list_interactions(session, world.actor(who), world.sandbox_id, client_id)) == 3
    for who in ("classmate", "stranger", "other_trainer", "other_evaluator"):
        with pytest.raises(NotFound):
            list_interactions(session, world.actor(who), world.sandbox_id, client_id)
