"""Every web route, walked by every role: who reads, who acts, who sees nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from polyadmin.domain.roles import Permission
from polyadmin.services.clients import create_client
from polyadmin.store.models import Client
from polyadmin.store.portfolio import Interaction, SubscriptionRequest, SupportingDocument
from tests.helpers.factories import PersonClientData
from tests.helpers.permission_walk import (
    PUBLIC,
    SIGNED_IN,
    Need,
    app_routes,
    expected_status,
    facts_of,
    platform,
    role,
    sandbox,
    session,
)
from tests.helpers.web import csrf_token, edit_form, login, text

USERS = (
    "admin",
    "formatrice",
    "formateur2",
    "evaluateur",
    "evaluateur2",
    "candidat1",
    "candidat2",
    "candidat3",
)
# The world's actor behind each username.
ACTORS = {
    "admin": "admin",
    "formatrice": "trainer",
    "formateur2": "other_trainer",
    "evaluateur": "evaluator",
    "evaluateur2": "other_evaluator",
    "candidat1": "candidate",
    "candidat2": "classmate",
    "candidat3": "stranger",
}
P = Permission
READ = sandbox(P.READ_SANDBOX)
WORK = sandbox(P.WORK_IN_SANDBOX)
# What every web route needs (the walk below derives each page's status from it); a new route must join.
NEEDS: dict[tuple[str, str], Need] = {
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("GET", "/static/<filename>"): PUBLIC,
    ("GET", "/web-static/<filename>"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/"): SIGNED_IN,
    ("GET", "/outils"): SIGNED_IN,
    ("POST", "/outils"): SIGNED_IN,
    ("GET", "/accounts"): platform(P.MANAGE_ACCOUNTS),
    ("GET", "/accounts/new"): platform(P.MANAGE_ACCOUNTS),
    ("POST", "/accounts/new"): platform(P.MANAGE_ACCOUNTS),
    ("GET", "/accounts/<user_id>/password"): platform(P.MANAGE_ACCOUNTS),
    ("POST", "/accounts/<user_id>/password"): platform(P.MANAGE_ACCOUNTS),
    ("POST", "/accounts/<user_id>/disable"): platform(P.MANAGE_ACCOUNTS),
    ("POST", "/accounts/<user_id>/enable"): platform(P.MANAGE_ACCOUNTS),
    ("POST", "/accounts/<user_id>/unlock"): platform(P.MANAGE_ACCOUNTS),
    ("GET", "/sessions"): role(P.SUPERVISE_EXAM_SESSION),
    ("GET", "/sessions/new"): platform(P.CREATE_EXAM_SESSION),
    ("POST", "/sessions/new"): platform(P.CREATE_EXAM_SESSION),
    ("GET", "/sessions/<exam_session_id>"): session(P.SUPERVISE_EXAM_SESSION),
    ("GET", "/catalogues"): platform(P.LIST_CATALOGUES),
    ("GET", "/scenarios/apercu"): platform(P.LOAD_CATALOGUE),
    ("GET", "/catalogues/envoi"): platform(P.LOAD_CATALOGUE),
    ("POST", "/catalogues/envoi"): platform(P.LOAD_CATALOGUE),
    ("GET", "/scenarios/apercu/<name>/pieces/<index>"): platform(P.LOAD_CATALOGUE),
    ("GET", "/sandboxes/<sandbox_id>/"): READ,
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>"): READ,
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>/analyse"): READ,  # journaled for the candidate only
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>/client"): READ,
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>/pieces/<document_id>"): READ,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/controles"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/corrections"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/demandes-de-pieces"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/demandes-de-pieces/<document_request_id>/relance"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/transmissions"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/transmissions/<referral_id>/relance"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/transmissions/<referral_id>/reponse"): sandbox(
        P.ANSWER_REFERRAL
    ),
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/decision"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>/decision/lettre.pdf"): READ,
    ("GET", "/sandboxes/<sandbox_id>/demandes/<request_id>/decision/lettre.html"): READ,
    (
        "GET",
        "/sandboxes/<sandbox_id>/demandes/<request_id>/demandes-de-pieces/<document_request_id>/courrier.pdf",
    ): READ,
    (
        "GET",
        "/sandboxes/<sandbox_id>/demandes/<request_id>/demandes-de-pieces/<document_request_id>/courrier.html",
    ): READ,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/non-conformites"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/demandes/<request_id>/simulation"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/clients"): READ,
    ("GET", "/sandboxes/<sandbox_id>/clients/new"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/clients/new"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/clients/<client_id>"): READ,
    ("GET", "/sandboxes/<sandbox_id>/clients/<client_id>/edit"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/edit"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/contacts"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/catalogue"): READ,
    ("GET", "/sandboxes/<sandbox_id>/catalogue/<code>"): READ,
    ("GET", "/sandboxes/<sandbox_id>/catalogue/<code>/ipid.pdf"): READ,
    ("GET", "/sandboxes/<sandbox_id>/simulateur"): READ,
    ("GET", "/sandboxes/<sandbox_id>/simulateur/<code>"): READ,
    ("POST", "/sandboxes/<sandbox_id>/simulateur/<code>"): READ,  # a simulation writes nothing
    ("GET", "/sandboxes/<sandbox_id>/outils"): READ,
    ("POST", "/sandboxes/<sandbox_id>/outils"): READ,
    ("GET", "/sandboxes/<sandbox_id>/journal"): READ,
    ("GET", "/sandboxes/<sandbox_id>/journal/export.jsonl"): READ,  # reading only: not journaled
    ("GET", "/sandboxes/<sandbox_id>/journal/export.csv"): READ,
    ("GET", "/sandboxes/<sandbox_id>/documents"): READ,
    ("GET", "/sandboxes/<sandbox_id>/documents/<document_id>.pdf"): READ,
    ("POST", "/sandboxes/<sandbox_id>/clock"): sandbox(P.MOVE_CLOCK),
    ("GET", "/sandboxes/<sandbox_id>/reset"): sandbox(P.RESET_SANDBOX),
    ("POST", "/sandboxes/<sandbox_id>/reset"): sandbox(P.RESET_SANDBOX),
    # The evaluation committee (issue 12): candidates refused (403), other sessions' people do not find it.
    ("GET", "/sandboxes/<sandbox_id>/evaluation"): session(P.READ_EVALUATION),
    ("POST", "/sandboxes/<sandbox_id>/evaluation/appreciations"): session(P.MARK_EVALUATION),
    ("POST", "/sandboxes/<sandbox_id>/evaluation/decisions"): session(P.MARK_EVALUATION),
    ("GET", "/sandboxes/<sandbox_id>/evaluation/rapport.pdf"): session(P.READ_EVALUATION),
    ("GET", "/sessions/<exam_session_id>/evaluation"): session(P.READ_EVALUATION),
    ("GET", "/sessions/<exam_session_id>/evaluation.csv"): session(P.READ_EVALUATION),
    ("GET", "/sessions/<exam_session_id>/evaluation.json"): session(P.READ_EVALUATION),
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/documents/<document_id>/transmission"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/documents/<document_id>/reception"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/documents/<document_id>/relance"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/clients/<client_id>/documents/<document_id>.pdf"): READ,
    ("GET", "/sandboxes/<sandbox_id>/clients/<client_id>/documents/<document_id>.html"): READ,
    ("GET", "/sandboxes/<sandbox_id>/replay"): sandbox(P.READ_EVALUATION),
    ("GET", "/sandboxes/<sandbox_id>/replay/<seq>"): sandbox(P.READ_EVALUATION),
    ("GET", "/sessions/<exam_session_id>/replay"): session(P.READ_EVALUATION),
    ("GET", "/sandboxes/<sandbox_id>/devis"): READ,
    ("GET", "/sandboxes/<sandbox_id>/devis/nouveau"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/devis/nouveau"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/devis/<quote_id>"): READ,
    ("GET", "/sandboxes/<sandbox_id>/clients/<client_id>/besoins"): READ,
    ("POST", "/sandboxes/<sandbox_id>/clients/<client_id>/besoins"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/quotes/<quote_id>/agreement"): READ,
    ("POST", "/sandboxes/<sandbox_id>/quotes/<quote_id>/agreement"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/quotes/<quote_id>/issue"): READ,
    ("POST", "/sandboxes/<sandbox_id>/quotes/<quote_id>/issue"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/contrats"): READ,
    ("GET", "/sandboxes/<sandbox_id>/contrats/<contract_id>"): READ,
    ("POST", "/sandboxes/<sandbox_id>/contrats/<contract_id>/resiliation"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/encaissements"): READ,
    ("GET", "/sandboxes/<sandbox_id>/contrats/<contract_id>/compte"): READ,
    ("POST", "/sandboxes/<sandbox_id>/contrats/<contract_id>/encaissements"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/contrats/<contract_id>/avenant"): WORK,
    ("POST", "/sandboxes/<sandbox_id>/contrats/<contract_id>/avenants/<endorsement_id>/annuler"): WORK,
    ("GET", "/sandboxes/<sandbox_id>/taches"): READ,
    ("POST", "/sandboxes/<sandbox_id>/taches/<task_id>/close"): WORK,
}
PLACEHOLDERS = {
    "{exam}": "<exam_session_id>",
    "{box}": "<sandbox_id>",
    "/replay/1": "/replay/<seq>",
    "{client}": "<client_id>",
    "{request}": "<request_id>",
    "{document}": "<document_id>",
    "{referral}": "<referral_id>",
    "AUTO": "<code>",
    "{quote}": "<quote_id>",
    "{contract}": "<contract_id>",
    "{endorsement}": "<endorsement_id>",
}


def need_of(page: str, method: str = "GET") -> Need:
    rule = page.split("?")[0]
    for placeholder, converter in PLACEHOLDERS.items():
        rule = rule.replace(placeholder, converter)
    return NEEDS[(method, rule)]


def table_status(session, world, user: str, page: str, method: str = "GET") -> int:
    """The status the permission table gives this user on this page (candidat1's sandbox, formatrice's session)."""
    facts = facts_of(session, world.sandbox_id, world.exam_session_id)
    return expected_status(need_of(page, method), world.actor(ACTORS[user]), facts)


# Written out by hand, as a check of the table: who may read candidat1's sandbox, and who may work in it.
READERS = {"admin", "formatrice", "evaluateur", "candidat1"}
WORKERS = {"candidat1"}
SESSION_READERS = {"admin", "formatrice"}  # formatrice's session; formateur2 does not see it


def sandbox_read(user: str) -> int:
    return 200 if user in READERS else 404


def sandbox_work(user: str) -> int:
    if user not in READERS:
        return 404
    return 200 if user in WORKERS else 403


def sandbox_reset(user: str) -> int:
    """The session's trainer and administrators reset a sandbox; its other readers may not."""
    if user not in READERS:
        return 404
    return 200 if user in ("formatrice", "admin") else 403


def evaluation_read(user: str) -> int:
    """The session's jury, its trainer and admins; candidates refused, other sessions' people 404."""
    if user in ("admin", "formatrice", "evaluateur"):
        return 200
    return 404 if user in ("formateur2", "evaluateur2") else 403


def session_detail(user: str) -> int:
    if user in SESSION_READERS:
        return 200
    return 404 if user == "formateur2" else 403


PAGES = {
    "/": lambda user: 200,
    "/sessions": lambda user: 200 if user in ("admin", "formatrice", "formateur2") else 403,
    "/sessions/new": lambda user: 200 if user in ("formatrice", "formateur2") else 403,
    "/sessions/{exam}": session_detail,
    "/sandboxes/{box}/": sandbox_read,
    "/sandboxes/{box}/demandes/{request}": sandbox_read,
    "/sandboxes/{box}/demandes/{request}/analyse": sandbox_read,
    "/sandboxes/{box}/reset": sandbox_reset,
    "/sandboxes/{box}/clients": sandbox_read,
    "/sandboxes/{box}/clients/new": sandbox_work,
    "/sandboxes/{box}/clients/{client}": sandbox_read,
    "/sandboxes/{box}/clients/{client}/edit": sandbox_work,
    "/sandboxes/{box}/catalogue": sandbox_read,
    "/sandboxes/{box}/catalogue/AUTO": sandbox_read,
    "/sandboxes/{box}/simulateur": sandbox_read,
    "/sandboxes/{box}/simulateur/AUTO": sandbox_read,
    "/sandboxes/{box}/journal": sandbox_read,
    "/sandboxes/{box}/journal?record=client:{client}": sandbox_read,
    "/sandboxes/{box}/documents": sandbox_read,
    "/sandboxes/{box}/evaluation": evaluation_read,
    "/sessions/{exam}/evaluation": evaluation_read,
    "/sandboxes/{box}/replay/1": lambda user: 403 if user == "candidat1" else sandbox_read(user),
    "/sessions/{exam}/replay": lambda user: {"admin": 200, "formatrice": 200, "evaluateur": 200}.get(
        user, 404 if user in ("formateur2", "evaluateur2") else 403
    ),
    "/sandboxes/{box}/devis": sandbox_read,
    "/sandboxes/{box}/devis/nouveau?client={client}": sandbox_work,
    "/sandboxes/{box}/clients/{client}/besoins": sandbox_read,
    "/sandboxes/{box}/contrats": sandbox_read,
    "/sandboxes/{box}/taches": sandbox_read,
    "/sandboxes/{box}/encaissements": sandbox_read,
}
# Pages that answer a PDF to those who may read them (the French error page to the others).
PDFS = {
    "/sandboxes/{box}/documents/{document}.pdf": sandbox_read,
    "/sandboxes/{box}/evaluation/rapport.pdf": evaluation_read,
}
# The journal's exports: a file to those who may read the page (the French error page to the others).
EXPORTS = {
    "/sandboxes/{box}/journal/export.jsonl": ("application/x-ndjson", sandbox_read),
    "/sandboxes/{box}/journal/export.csv": ("text/csv", sandbox_read),
}


@pytest.fixture
def client_id(session, world) -> int:
    return create_client(session, world.candidate, world.sandbox_id, PersonClientData()).id


@pytest.fixture
def request_id(session, world, client_id) -> int:
    request = SubscriptionRequest(
        sandbox_id=world.sandbox_id,
        client_id=client_id,
        number="DS-000001",
        received_on=date(2026, 3, 2),
        channel="email",
        product_code="AUTO",
        requested={"formula": "tiers"},
        status="nouvelle",
        expected_outcome="accept",
    )
    session.add(request)
    session.commit()
    return request.id


def _path(template: str, world, client_id: int, document_id: int = 1, request_id: int = 1) -> str:
    return template.format(
        exam=world.exam_session_id, box=world.sandbox_id, client=client_id, document=document_id, request=request_id
    )


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_answers_each_role_as_its_rights_say(client, session, world, client_id, request_id, user, page):
    expected = table_status(session, world, user, page)
    assert expected == PAGES[page](user), f"the table and the written rights disagree: {user} GET {page}"
    assert login(client, user).status_code == 302
    response = client.get(_path(page, world, client_id, request_id=request_id))
    assert response.status_code == expected, f"{user} GET {page}"
    body = text(response)
    assert '<html lang="fr">' in body
    if expected == 404:
        assert "Page introuvable" in body
        assert "Candidat1" not in body  # nothing of the hidden sandbox leaks
    if expected == 403:
        assert "Accès refusé" in body


@pytest.fixture
def document_id(session, world, client_id) -> int:
    document = SupportingDocument(
        sandbox_id=world.sandbox_id,
        client_id=client_id,
        kind="rib",
        title="RIB",
        issued_on=date(2026, 3, 1),
        data={"holder": "Candidat1", "iban": "FR7630006000011234567890189"},
        anomaly="IBAN d'un autre titulaire",
    )
    session.add(document)
    session.commit()
    return document.id


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("page", list(PDFS))
def test_every_pdf_answers_each_role_as_its_rights_say(client, session, world, client_id, document_id, user, page):
    expected = table_status(session, world, user, page)
    assert expected == PDFS[page](user), f"the table and the written rights disagree: {user} GET {page}"
    assert login(client, user).status_code == 302
    response = client.get(_path(page, world, client_id, document_id))
    assert response.status_code == expected, f"{user} GET {page}"
    if expected == 200:
        assert response.mimetype == "application/pdf"
        assert response.get_data().startswith(b"%PDF-")
    else:
        assert ("Page introuvable" if expected == 404 else "Accès refusé") in text(response)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("page", list(EXPORTS))
def test_every_journal_export_answers_each_role_as_its_rights_say(client, session, world, client_id, user, page):
    mimetype, rights = EXPORTS[page]
    expected = table_status(session, world, user, page)
    assert expected == rights(user), f"the table and the written rights disagree: {user} GET {page}"
    assert login(client, user).status_code == 302
    response = client.get(_path(page, world, client_id))
    assert response.status_code == expected, f"{user} GET {page}"
    if expected == 200:
        assert response.mimetype == mimetype
        assert "attachment" in response.headers["Content-Disposition"]
    else:
        assert "Page introuvable" in text(response)


def clock_move(user: str) -> int:
    if user not in READERS:
        return 404
    return 200 if user == "formatrice" else 403


# The forms posted by the tests below, with the rights they assert.
FORMS = {
    "/sandboxes/{box}/clients/new": sandbox_work,
    "/sandboxes/{box}/clients/{client}/edit": sandbox_work,
    "/sandboxes/{box}/clients/{client}/contacts": sandbox_work,
    "/sandboxes/{box}/reset": sandbox_reset,
    "/sandboxes/{box}/clock": clock_move,
    "/sandboxes/{box}/demandes/{request}/decision": sandbox_work,
    "/sandboxes/{box}/demandes/{request}/controles": sandbox_work,
    "/sandboxes/{box}/demandes/{request}/transmissions/{referral}/reponse": clock_move,  # the session's trainer
    "/sessions/new": lambda user: 200 if user in ("formatrice", "formateur2") else 403,
    "/sandboxes/{box}/evaluation/appreciations": evaluation_read,
    "/sandboxes/{box}/evaluation/decisions": evaluation_read,
    "/sandboxes/{box}/quotes/{quote}/agreement": sandbox_work,
    "/sandboxes/{box}/quotes/{quote}/issue": sandbox_work,
    "/sandboxes/{box}/contrats/{contract}/resiliation": sandbox_work,
    "/sandboxes/{box}/contrats/{contract}/encaissements": sandbox_work,
    "/sandboxes/{box}/contrats/{contract}/avenant": sandbox_work,
    "/sandboxes/{box}/contrats/{contract}/avenants/{endorsement}/annuler": sandbox_work,
}


@pytest.mark.parametrize("form", list(FORMS))
def test_the_table_gives_each_form_the_rights_its_test_asserts(session, world, form):
    for user in USERS:
        assert table_status(session, world, user, form, "POST") == FORMS[form](user), f"{user} POST {form}"


def test_every_web_route_declares_what_it_needs(app):
    """A new page must say which permission it needs (and a removed one leave the list)."""
    assert app_routes(app.url_map, exclude="/api/") == set(NEEDS)


@pytest.mark.parametrize("page", list(PAGES) + list(PDFS))
def test_anonymous_users_are_sent_to_login(client, world, client_id, page):
    response = client.get(_path(page, world, client_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("user", USERS)
def test_only_the_candidate_creates_a_client_in_their_sandbox(client, world, session, user):
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(
        f"/sandboxes/{world.sandbox_id}/clients/new",
        data={
            "csrf_token": token,
            "kind": "company",
            "company_name": "ACME",
            "siren": "732829320",
            "legal_form": "SAS",
            "email": "a@b.fr",
        },
    )
    expected = 302 if user in WORKERS else sandbox_work(user)
    assert response.status_code == expected
    rows = session.execute(select(Client)).scalars().all()
    assert len(rows) == (1 if user in WORKERS else 0)


@pytest.mark.parametrize("user", USERS)
def test_only_the_candidate_edits_a_client(client, world, session, client_id, user):
    login(client, user)
    token = csrf_token(client, "/")
    form = edit_form(session.get(Client, client_id), city="Nantes", csrf_token=token)
    response = client.post(f"/sandboxes/{world.sandbox_id}/clients/{client_id}/edit", data=form)
    assert response.status_code == (302 if user in WORKERS else sandbox_work(user))
    session.expire_all()
    assert (session.get(Client, client_id).city == "NANTES") is (user in WORKERS)


@pytest.mark.parametrize("user", USERS)
def test_only_the_candidate_records_a_contact_with_a_client(client, world, session, client_id, user):
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(
        f"/sandboxes/{world.sandbox_id}/clients/{client_id}/contacts",
        data={
            "csrf_token": token,
            "channel": "telephone",
            "direction": "entrant",
            "motive": "Devis",
            "summary": "Rappel",
        },
    )
    assert response.status_code == (302 if user in WORKERS else sandbox_work(user))
    assert len(session.execute(select(Interaction)).all()) == (1 if user in WORKERS else 0)


@pytest.mark.parametrize("user", USERS)
def test_only_the_owner_trainer_or_an_admin_resets_a_sandbox(client, world, user):
    """Past the rights, an unseeded sandbox has nothing to reset (409); the others are refused first."""
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(f"/sandboxes/{world.sandbox_id}/reset", data={"csrf_token": token, "confirm": "oui"})
    expected = sandbox_reset(user)
    assert response.status_code == (409 if expected == 200 else expected)


@pytest.mark.parametrize("user", USERS)
def test_only_the_owner_trainer_moves_the_clock(client, world, user):
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(f"/sandboxes/{world.sandbox_id}/clock", data={"csrf_token": token, "date": "2026-04-01"})
    expected = clock_move(user)
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize("user", USERS)
def test_only_trainers_open_exam_sessions(client, world, user):
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post("/sessions/new", data={"csrf_token": token, "name": "Essai"})
    assert response.status_code == (302 if user in ("formatrice", "formateur2") else 403)


@pytest.mark.parametrize(
    "path",
    [
        "/sandboxes/{other}/",
        "/sandboxes/{other}/clients",
        "/sandboxes/{other}/clients/new",
        "/sandboxes/{other}/journal",
        "/sandboxes/{other}/documents",
        "/sandboxes/{other}/reset",
        "/sandboxes/{box}/clients/{foreign}",
        "/sandboxes/{box}/clients/{foreign}/edit",
        "/sandboxes/999999/",
        "/sessions/999999",
    ],
)
def test_another_sandbox_is_not_found_for_a_candidate(client, world, session, path):
    foreign = create_client(session, world.classmate, world.classmate_sandbox_id, PersonClientData()).id
    login(client, "candidat1")
    url = path.format(other=world.classmate_sandbox_id, box=world.sandbox_id, foreign=foreign)
    expected = 403 if path.startswith("/sessions") else 404  # candidates never reach session pages
    assert client.get(url).status_code == expected


def test_unknown_page_is_a_french_404(client, world):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


@pytest.mark.parametrize("user", USERS)
def test_only_the_candidate_decides_on_a_request(client, world, session, request_id, user):
    """Past the rights the decision reaches the service (accepted, or refused by the rules: 422)."""
    login(client, user)
    token = csrf_token(client, "/")
    response = client.post(
        f"/sandboxes/{world.sandbox_id}/demandes/{request_id}/decision",
        data={"csrf_token": token, "outcome": "decline", "reason": "Hors critères."},
    )
    assert response.status_code == (302 if user in WORKERS else sandbox_work(user))
    session.expire_all()
    assert (session.get(SubscriptionRequest, request_id).status == "refusee") is (user in WORKERS)
