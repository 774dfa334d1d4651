from __future__ import annotations

from sqlalchemy import select

from polyadmin.store.models import ExamSession, JournalEntry, Sandbox
from tests.helpers.web import csrf_token, post_form, text


def test_dashboard_shows_a_candidate_their_single_sandbox(login_as, world):
    body = text(login_as("candidat1").get("/"))
    assert "Votre bac à sable" in body
    assert f'href="/sandboxes/{world.sandbox_id}/">Ouvrir mon bac à sable' in body
    assert "Session de mars" in body and "lundi 2 mars 2026" in body
    assert "Nouvelle session" not in body


def test_dashboard_shows_a_trainer_sessions_and_sandboxes(login_as, world):
    body = text(login_as("formatrice").get("/"))
    assert "Mes sessions d'examen" in body and "Nouvelle session" in body
    assert "Session de mars" in body and "Candidat2" in body
    assert "Autre session" not in body


def test_evaluator_dashboard_lists_assigned_sandboxes_only(login_as, world):
    body = text(login_as("evaluateur").get("/"))
    assert f"/sandboxes/{world.sandbox_id}/" in body and f"/sandboxes/{world.classmate_sandbox_id}/" in body
    assert f"/sandboxes/{world.stranger_sandbox_id}/" not in body


def test_trainer_opens_a_session_with_candidates_and_evaluators(login_as, world, session):
    client = login_as("formatrice")
    form_page = text(client.get("/sessions/new"))
    assert 'value="portefeuille-vide"' in form_page
    assert 'value="candidat3"' in form_page and 'value="evaluateur2"' in form_page
    response = post_form(
        client,
        "/sessions/new",
        {
            "name": "Session d'avril",
            "starts_on": "2026-04-06",
            "ends_on": "",
            "scenario": "portefeuille-vide",
            "candidates": ["candidat2", "candidat3"],
            "evaluators": ["evaluateur2"],
        },
    )
    assert response.status_code == 302, text(response)
    exam = session.execute(select(ExamSession).where(ExamSession.name == "Session d'avril")).scalar_one()
    assert exam.ends_on is None and [user.username for user in exam.evaluators] == ["evaluateur2"]
    assert sorted(box.candidate.username for box in exam.sandboxes) == ["candidat2", "candidat3"]
    detail = text(client.get(response.headers["Location"]))
    assert "Session « Session d&#39;avril » créée." in detail and "lundi 6 avril 2026" in detail


def test_invalid_session_keeps_the_input_and_explains(login_as, world, session):
    client = login_as("formatrice")
    response = post_form(
        client,
        "/sessions/new",
        {"name": "Session ratée", "starts_on": "2026-04-06", "ends_on": "2026-04-01", "candidates": ["candidat3"]},
    )
    assert response.status_code == 422
    body = text(response)
    assert "La date de fin précède la date de début." in body
    assert 'href="#f-ends_on"' in body and 'value="2026-04-01"' in body
    assert 'value="candidat3" id="f-candidates-candidat3" checked' in body
    nameless = post_form(client, "/sessions/new", {"name": ""})
    assert nameless.status_code == 422 and 'href="#f-name"' in text(nameless)
    assert session.execute(select(ExamSession).where(ExamSession.name == "Session ratée")).first() is None


def test_trainer_moves_the_clock_and_the_header_shows_it(login_as, world, session):
    client = login_as("formatrice")
    page = f"/sessions/{world.exam_session_id}"
    response = post_form(client, page, {"date": "2026-03-16"}, action=f"/sandboxes/{world.sandbox_id}/clock")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#sandbox-{world.sandbox_id}")
    entry = session.execute(
        select(JournalEntry).where(
            JournalEntry.sandbox_id == world.sandbox_id, JournalEntry.action == "sandbox.clock.move"
        )
    ).scalar_one()
    assert entry.input == {"date": "2026-03-16"} and entry.outcome == {"from": "2026-03-02", "to": "2026-03-16"}
    assert entry.actor_username == "formatrice"
    home = text(client.get(f"/sandboxes/{world.sandbox_id}/"))
    assert '<strong id="sandbox-date">lundi 16 mars 2026</strong>' in home
    assert session.get(Sandbox, world.classmate_sandbox_id).business_date.isoformat() == "2026-03-02"


def test_clock_never_goes_back_and_says_why(login_as, world, session):
    client = login_as("formatrice")
    page = f"/sessions/{world.exam_session_id}"
    response = post_form(client, page, {"date": "2026-03-01"}, action=f"/sandboxes/{world.sandbox_id}/clock")
    assert response.status_code == 422
    body = text(response)
    assert "précède la date de la simulation" in body
    assert f'aria-describedby="clock-{world.sandbox_id}-error"' in body
    empty = post_form(client, page, {"date": ""}, action=f"/sandboxes/{world.sandbox_id}/clock")
    assert empty.status_code == 422
    assert "Champ obligatoire." in text(empty) and "Date invalide" not in text(empty)


def test_session_detail_offers_the_clock_only_to_its_trainer(login_as, world):
    client = login_as("admin")
    body = text(client.get(f"/sessions/{world.exam_session_id}"))
    assert "Candidat1" in body and "/clock" not in body
    assert csrf_token(client, "/")
