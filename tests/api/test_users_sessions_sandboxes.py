"""Users, exam sessions and sandboxes through the API."""

from __future__ import annotations

import pytest

from tests.helpers.accounts import START


def test_trainer_lists_active_users_sorted(api, world):
    response = api.get("/api/v1/users", user="formatrice")
    assert response.status_code == 200
    usernames = [user["username"] for user in response.get_json()]
    assert usernames == sorted(usernames)
    assert {"admin", "formatrice", "candidat1", "evaluateur2"} <= set(usernames)
    first = response.get_json()[0]
    assert set(first) == {"id", "username", "display_name", "role", "role_label", "active", "created_at"}
    assert first["created_at"].endswith("Z")


def test_users_filtered_by_role(api, world):
    response = api.get("/api/v1/users?role=evaluator", user="admin")
    assert [(u["username"], u["role_label"]) for u in response.get_json()] == [
        ("evaluateur", "Évaluateur"),
        ("evaluateur2", "Évaluateur"),
    ]


def test_users_with_an_unknown_role_filter_is_422(api, world):
    response = api.get("/api/v1/users?role=chef", user="admin")
    assert response.status_code == 422
    assert response.get_json()["errors"]["role"][0].startswith("Valeur inconnue")


def test_candidate_may_not_list_users(api, world):
    response = api.get("/api/v1/users", user="candidat1")
    assert response.status_code == 403
    assert response.get_json() == {
        "code": 403,
        "status": "Forbidden",
        "message": "Liste des utilisateurs réservée aux formateurs.",
    }


def test_admin_creates_a_user_and_never_sees_the_password(api, world, last_entry):
    response = api.post(
        "/api/v1/users",
        user="admin",
        json={
            "username": "nouvelle",
            "role": "evaluator",
            "display_name": "Nadia Nouvelle",
            "password": "un-long-secret!",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert {k: body[k] for k in ("username", "role", "display_name", "active")} == {
        "username": "nouvelle",
        "role": "evaluator",
        "display_name": "Nadia Nouvelle",
        "active": True,
    }
    assert "password" not in body and "password_hash" not in body
    assert "un-long-secret" not in response.get_data(as_text=True)
    entry = last_entry("user.create")
    assert entry.actor_username == "admin"
    assert entry.input == {"username": "nouvelle", "role": "evaluator", "display_name": "Nadia Nouvelle"}
    assert entry.outcome == {"user_id": body["id"]}
    # The new account can exchange its credentials for a token.
    token = api.post("/api/v1/auth/token", json={"username": "nouvelle", "password": "un-long-secret!"})
    assert token.status_code == 201


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"username": "x", "role": "candidate", "password": "assez-long-oui"}, "username", "Identifiant : 2 à 40"),
        ({"username": "ok", "role": "roi", "password": "assez-long-oui"}, "role", "Valeur inconnue"),
        ({"username": "ok", "role": "candidate", "password": "court"}, "password", "Mot de passe : 10 caractères"),
        ({"role": "candidate", "password": "assez-long-oui"}, "username", "Champ obligatoire."),
    ],
)
def test_user_creation_is_validated_in_french_and_writes_nothing(api, world, journal_count, body, field, message):
    before = journal_count()
    response = api.post("/api/v1/users", user="admin", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"][field][0].startswith(message)
    assert journal_count() == before


def test_duplicate_username_is_a_conflict(api, world, journal_count):
    before = journal_count()
    response = api.post(
        "/api/v1/users",
        user="admin",
        json={
            "username": "candidat1",
            "role": "candidate",
            "password": "assez-long-oui",
        },
    )
    assert response.status_code == 409
    assert response.get_json() == {
        "code": 409,
        "status": "Conflict",
        "message": "Identifiant déjà utilisé.",
        "errors": {"username": ["Cet identifiant existe déjà."]},
    }
    assert journal_count() == before


def test_trainer_opens_an_exam_session_with_one_sandbox_per_candidate(api, world, journal_count, last_entry):
    before = journal_count("sandbox.create")
    response = api.post(
        "/api/v1/exam-sessions",
        user="formatrice",
        json={
            "name": "Session d'avril",
            "candidates": ["candidat3", "candidat1"],
            "evaluators": ["evaluateur2"],
            "starts_on": "2026-04-06",
            "ends_on": "2026-04-10",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["name"] == "Session d'avril"
    assert body["scenario"] == "portefeuille-vide"
    assert (body["starts_on"], body["ends_on"]) == ("2026-04-06", "2026-04-10")
    assert body["owner"] == "formatrice"
    assert body["evaluators"] == ["evaluateur2"]
    assert [(box["candidate"], box["business_date"]) for box in body["sandboxes"]] == [
        ("candidat3", "2026-04-06"),
        ("candidat1", "2026-04-06"),
    ]
    assert journal_count("sandbox.create") == before + 2
    entry = last_entry("exam_session.create")
    assert entry.actor_username == "formatrice"
    assert entry.outcome["exam_session_id"] == body["id"]
    assert entry.outcome["sandboxes"] == [{"id": box["id"], "candidate": box["candidate"]} for box in body["sandboxes"]]
    again = api.get(f"/api/v1/exam-sessions/{body['id']}", user="formatrice")
    assert again.get_json() == body


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"name": "S", "candidates": ["personne"]}, "candidates", "Aucun candidat actif nommé « personne »."),
        ({"name": "S", "evaluators": ["candidat1"]}, "evaluators", "Aucun évaluateur actif nommé « candidat1 »."),
        ({"name": "S", "starts_on": "2026-04-10", "ends_on": "2026-04-01"}, "ends_on", "La date de fin précède"),
        ({"name": "S", "starts_on": "10/04/2026"}, "starts_on", "Date invalide (format attendu : AAAA-MM-JJ)."),
        ({"name": ""}, "name", "Entre 1 et 120 caractères."),
        ({"candidates": []}, "name", "Champ obligatoire."),
    ],
)
def test_exam_session_validation_writes_nothing(api, world, journal_count, body, field, message):
    before = journal_count()
    response = api.post("/api/v1/exam-sessions", user="formatrice", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"][field][0].startswith(message)
    assert journal_count() == before


@pytest.mark.parametrize(
    ("username", "names"),
    [
        ("admin", ["Autre session", "Session de mars"]),
        ("formatrice", ["Session de mars"]),
        ("formateur2", ["Autre session"]),
        ("evaluateur", ["Session de mars"]),
        ("evaluateur2", ["Autre session"]),
        ("candidat3", ["Autre session"]),
    ],
)
def test_each_role_lists_the_sessions_it_may_see(api, world, username, names):
    response = api.get("/api/v1/exam-sessions", user=username)
    assert response.status_code == 200
    assert sorted(session["name"] for session in response.get_json()) == names


def test_trainer_sees_every_sandbox_of_the_session_but_a_candidate_only_their_own(api, world):
    trainer_view = api.get(f"/api/v1/exam-sessions/{world.exam_session_id}", user="formatrice").get_json()
    assert [box["candidate"] for box in trainer_view["sandboxes"]] == ["candidat1", "candidat2"]
    candidate_view = api.get(f"/api/v1/exam-sessions/{world.exam_session_id}", user="candidat1").get_json()
    assert candidate_view["sandboxes"] == [
        {"id": world.sandbox_id, "candidate": "candidat1", "business_date": START.isoformat()}
    ]
    listed = api.get("/api/v1/exam-sessions", user="candidat2").get_json()
    assert [box["candidate"] for box in listed[0]["sandboxes"]] == ["candidat2"]


def test_unknown_exam_session_is_404(api, world):
    response = api.get("/api/v1/exam-sessions/999999", user="admin")
    assert response.status_code == 404
    assert response.get_json()["message"] == "Session d'examen introuvable."


@pytest.mark.parametrize(
    ("username", "candidates"),
    [
        ("admin", ["candidat1", "candidat2", "candidat3"]),
        ("formatrice", ["candidat1", "candidat2"]),
        ("evaluateur2", ["candidat3"]),
        ("candidat2", ["candidat2"]),
    ],
)
def test_each_role_lists_the_sandboxes_it_may_open(api, world, username, candidates):
    response = api.get("/api/v1/sandboxes", user=username)
    assert [box["candidate"] for box in response.get_json()] == candidates


def test_sandbox_shows_its_session_date_and_what_the_caller_may_do(api, world):
    candidate = api.get(f"/api/v1/sandboxes/{world.sandbox_id}", user="candidat1").get_json()
    assert candidate == {
        "id": world.sandbox_id,
        "exam_session_id": world.exam_session_id,
        "exam_session": "Session de mars",
        "candidate": "candidat1",
        "business_date": "2026-03-02",
        "can_work": True,
        "can_move_clock": False,
    }
    trainer = api.get(f"/api/v1/sandboxes/{world.sandbox_id}", user="formatrice").get_json()
    assert (trainer["can_work"], trainer["can_move_clock"]) == (False, True)
    evaluator = api.get(f"/api/v1/sandboxes/{world.sandbox_id}", user="evaluateur").get_json()
    assert (evaluator["can_work"], evaluator["can_move_clock"]) == (False, False)


def test_trainer_moves_the_clock_forward_and_it_is_journaled(api, world, last_entry):
    response = api.post(f"/api/v1/sandboxes/{world.sandbox_id}/clock", user="formatrice", json={"date": "2026-03-31"})
    assert response.status_code == 200
    assert response.get_json()["business_date"] == "2026-03-31"
    entry = last_entry("sandbox.clock.move")
    assert entry.sandbox_id == world.sandbox_id
    assert entry.input == {"date": "2026-03-31"}
    assert entry.outcome == {"from": "2026-03-02", "to": "2026-03-31"}
    assert entry.sandbox_date.isoformat() == "2026-03-31"
    # The classmate's clock did not move.
    classmate = api.get(f"/api/v1/sandboxes/{world.classmate_sandbox_id}", user="formatrice").get_json()
    assert classmate["business_date"] == "2026-03-02"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"date": "2026-03-01"}, "La date demandée (01/03/2026) précède la date de la simulation (02/03/2026)."),
        ({"date": "2026-03-02"}, "La simulation est déjà au 02/03/2026 : choisissez une date postérieure."),
        ({"date": "31/03/2026"}, "Date invalide (format attendu : AAAA-MM-JJ)."),
        ({}, "Champ obligatoire."),
    ],
)
def test_clock_refusals_are_422_and_write_nothing(api, world, journal_count, body, message):
    before = journal_count()
    response = api.post(f"/api/v1/sandboxes/{world.sandbox_id}/clock", user="formatrice", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"]["date"] == [message]
    assert journal_count() == before
