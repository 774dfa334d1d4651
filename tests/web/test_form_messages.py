"""Forms and messages (issue 9, section 6): every problem at once, French formats, required fields marked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from polyadmin.domain.catalogue import RiskField
from polyadmin.domain.errors import ClockMovedBackwards, InvalidInput
from polyadmin.domain.french import number_text
from polyadmin.domain.risk_data import read_value
from polyadmin.services.clients import create_client, update_client
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.interactions import record_interaction
from polyadmin.services.journal import sandbox_journal
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import Client, ExamSession
from tests.helpers.factories import PersonClientData
from tests.helpers.web import post_form, text

# The new user's client form: typing mistakes (postcode, e-mail, phone) and record problems (no name, a
# birth date after the simulation date) in the same post.
MISTAKES = {
    "kind": "person",
    "civility": "MME",
    "first_name": "Élodie",
    "last_name": "",
    "birth_date": "2030-01-01",
    "postcode": "6900",
    "email": "pas-un-courriel",
    "phone": "12",
    "preferred_channel": "email",
}
EVERY_PROBLEM = {"postcode", "email", "phone", "last_name", "birth_date"}


def test_the_client_form_reports_every_problem_at_once(login_as, world, session):
    client = login_as("candidat1")
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", MISTAKES)
    assert response.status_code == 422
    body = text(response)
    for field in EVERY_PROBLEM:
        assert f'href="#f-{field}"' in body, field
    assert "La date de naissance est postérieure à la date de la simulation." in body
    assert "Champ obligatoire pour ce type de client." in body
    assert session.execute(select(Client)).first() is None


def test_the_client_service_reports_every_problem_at_once(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_client(session, world.candidate, world.sandbox_id, dict(MISTAKES))
    assert set(caught.value.field_errors) == EVERY_PROBLEM
    assert caught.value.field_errors["postcode"] == ["Code postal à 5 chiffres attendu."]


def test_an_update_reports_field_and_record_problems_together(session, world):
    record = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Dupont"))
    with pytest.raises(InvalidInput) as caught:
        update_client(
            session, world.candidate, world.sandbox_id, record.id, {"postcode": "1", "birth_date": "2031-05-05"}
        )
    assert set(caught.value.field_errors) == {"postcode", "birth_date"}


def test_the_session_form_reports_every_problem_at_once(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(
            session,
            world.trainer,
            {
                "name": "",
                "starts_on": "2026-04-06",
                "ends_on": "2026-04-01",
                "candidates": ["inconnu"],
                "evaluators": ["candidat1"],
                "scenario": "pas-de-scenario",
            },
        )
    assert set(caught.value.field_errors) == {"name", "ends_on", "candidates", "evaluators", "scenario"}
    assert session.execute(select(ExamSession).where(ExamSession.name == "")).first() is None


def test_the_session_page_lists_every_problem(login_as, world):
    client = login_as("formatrice")
    response = post_form(
        client,
        "/sessions/new",
        {"name": "", "ends_on": "2026-04-01", "starts_on": "2026-04-06", "candidates": ["formateur2"]},
    )
    assert response.status_code == 422
    body = text(response)
    assert 'href="#f-name"' in body and 'href="#f-ends_on"' in body and 'href="#f-candidates"' in body


def test_a_contact_reports_its_fields_and_its_date_together(session, world):
    record = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Dupont"))
    with pytest.raises(InvalidInput) as caught:
        record_interaction(
            session,
            world.candidate,
            world.sandbox_id,
            record.id,
            {
                "channel": "pigeon",
                "direction": "entrant",
                "motive": "Devis",
                "summary": "",
                "occurred_on": "2026-12-01",
            },
        )
    assert set(caught.value.field_errors) == {"channel", "summary", "occurred_on"}
    assert caught.value.field_errors["occurred_on"] == [
        "La date du contact ne peut pas être postérieure à la date de la simulation (02/03/2026)."
    ]


def test_compte_rendu_is_marked_required(login_as, world, session):
    record = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Dupont"))
    body = text(login_as("candidat1").get(f"/sandboxes/{world.sandbox_id}/clients/{record.id}"))
    label = body.split('<label for="f-summary">', 1)[1].split("</label>", 1)[0]
    assert 'class="req">*</abbr>' in label
    assert '<textarea id="f-summary" name="summary" rows="3" aria-required="true"' in body
    assert 'id="f-motive" name="motive" value="" aria-required="true"' in body
    assert 'role="radiogroup" aria-required="true"' in body


# --- French formats in messages --------------------------------------------------------------------


def test_numbers_in_messages_are_written_the_french_way():
    assert number_text(Decimal("150000")) == "150 000"
    assert number_text(Decimal("0.50")) == "0,50"
    assert number_text(Decimal("1234.5")) == "1 234,5"
    value = RiskField("capital", "Capital", "decimal", maximum=Decimal("150000"), unit="€")
    with pytest.raises(ValueError, match=r"^Valeur supérieure au maximum \(150 000 €\)\.$"):
        read_value(value, "200000", date(2026, 3, 2))
    crm = RiskField("crm", "CRM", "decimal", minimum=Decimal("0.50"))
    with pytest.raises(ValueError, match=r"^Valeur inférieure au minimum \(0,50\)\.$"):
        read_value(crm, "0.4", date(2026, 3, 2))
    birth = RiskField("birth", "Naissance", "date")
    with pytest.raises(ValueError, match=r"\(02/03/2026\)\.$"):
        read_value(birth, "2027-01-01", date(2026, 3, 2))


def test_the_clock_speaks_in_french_dates(session, world):
    with pytest.raises(ClockMovedBackwards) as caught:
        move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-01"})
    assert caught.value.field_errors["date"] == [
        "La date demandée (01/03/2026) précède la date de la simulation (02/03/2026)."
    ]


def test_an_empty_clock_date_is_a_missing_field(session, world, login_as):
    with pytest.raises(InvalidInput) as caught:
        move_clock(session, world.trainer, world.sandbox_id, {"date": ""})
    assert caught.value.field_errors == {"date": ["Champ obligatoire."]}


# --- the journal's period --------------------------------------------------------------------------

INVERTED = "La date de fin (01/03/2026) précède la date de début (05/03/2026)."


def test_an_inverted_journal_period_is_refused_with_a_clear_message(session, world):
    with pytest.raises(InvalidInput) as caught:
        sandbox_journal(
            session, world.evaluator, world.sandbox_id, {"date_from": "2026-03-05", "date_to": "2026-03-01"}
        )
    assert caught.value.field_errors == {"date_to": [INVERTED]}


def test_the_journal_page_refuses_an_inverted_period(login_as, world):
    query = "date_from=2026-03-05&date_to=2026-03-01"
    page = login_as("evaluateur").get(f"/sandboxes/{world.sandbox_id}/journal?{query}")
    assert page.status_code == 422
    assert INVERTED in text(page) and 'href="#f-date_to"' in text(page)
