from __future__ import annotations

from sqlalchemy import select

from polyadmin.services.clients import create_client
from polyadmin.store.models import Client, JournalEntry
from tests.helpers.factories import CompanyClientData, PersonClientData
from tests.helpers.web import csrf_token, post_form, text

PERSON_FORM = {
    "kind": "person",
    "civility": "MME",
    "last_name": "Lefèvre",
    "first_name": "Élodie",
    "birth_date": "1985-06-14",
    "profession": "Infirmière",
    "family_situation": "marie",
    "address_line1": "12 rue des Lilas",
    "postcode": "69003",
    "city": "Lyon",
    "country": "FR",
    "phone": "06 12 34 56 78",
    "email": "elodie.lefevre@exemple.fr",
    "preferred_channel": "email",
    "specific_needs": "Malvoyante : documents adaptés.",
    "accessible_formats": ["gros_caracteres", "audio"],
    "gdpr_consent": "oui",
    "gdpr_purposes": ["enquetes"],
}


def _journal(session, sandbox_id, action):
    return (
        session.execute(
            select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
        )
        .scalars()
        .all()
    )


def test_candidate_creates_a_person_client_through_the_form(login_as, world, session):
    client = login_as("candidat1")
    new = f"/sandboxes/{world.sandbox_id}/clients/new"
    response = post_form(client, new, PERSON_FORM)
    assert response.status_code == 302, text(response)

    row = session.execute(select(Client).where(Client.sandbox_id == world.sandbox_id)).scalar_one()
    assert (row.last_name, row.first_name, row.city, row.phone) == ("Lefèvre", "Élodie", "LYON", "06 12 34 56 78")
    assert row.accessible_formats == ["audio", "gros_caracteres"] and row.gdpr_consent is True
    assert row.gdpr_purposes == ["enquetes"] and row.company_name is None
    assert response.headers["Location"] == f"/sandboxes/{world.sandbox_id}/clients/{row.id}"

    [entry] = _journal(session, world.sandbox_id, "client.create")
    assert entry.actor_username == "candidat1" and entry.record_id == str(row.id)
    assert entry.input["last_name"] == "Lefèvre" and entry.input["birth_date"] == "1985-06-14"
    assert entry.input["accessible_formats"] == ["audio", "gros_caracteres"]
    assert entry.input["siren"] is None
    assert entry.outcome["number"] == "CL-000001"

    detail = text(client.get(response.headers["Location"]))
    assert "Fiche client CL-000001 créée." in detail
    assert "Madame LEFÈVRE Élodie" in detail
    assert "14 juin 1985" in detail and "Format audio" in detail
    assert f"record=client:{row.id}" in detail

    listing = text(client.get(f"/sandboxes/{world.sandbox_id}/clients?q=elodie"))
    assert "CL-000001" in listing and "1 client trouvé" in listing


def test_candidate_creates_a_company_client(login_as, world, session):
    client = login_as("candidat1")
    form = {
        "kind": "company",
        "company_name": "Boulangerie Martin",
        "siren": "732 829 320",
        "legal_form": "SARL",
        "activity": "Boulangerie",
        "email": "contact@boulangerie.fr",
        "preferred_channel": "email",
    }
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", form)
    assert response.status_code == 302, text(response)
    row = session.execute(select(Client).where(Client.sandbox_id == world.sandbox_id)).scalar_one()
    assert row.kind == "company" and row.siren == "732829320" and row.last_name is None


def test_invalid_client_shows_french_errors_keeps_input_and_writes_nothing(login_as, world, session):
    client = login_as("candidat1")
    form = {**PERSON_FORM, "last_name": "", "postcode": "6900", "email": "pas-un-courriel", "siren": "123"}
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", form)
    assert response.status_code == 422
    body = text(response)
    assert 'id="error-summary"' in body and 'role="alert"' in body
    assert "Code postal à 5 chiffres attendu." in body
    assert "Adresse électronique invalide." in body
    assert 'href="#f-postcode"' in body
    assert 'aria-describedby="f-postcode-hint f-postcode-error" aria-invalid="true"' in body
    assert 'value="Élodie"' in body and 'value="6900"' in body  # the user's input is kept
    assert 'value="gros_caracteres" id="f-accessible_formats" checked' in body
    assert session.execute(select(Client)).first() is None
    assert _journal(session, world.sandbox_id, "client.create") == []


def test_fields_of_the_other_kind_are_reported_when_filled(login_as, world, session):
    """Without JavaScript both fieldsets are shown: the server says which fields do not apply."""
    client = login_as("candidat1")
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", {**PERSON_FORM, "company_name": "X"})
    assert response.status_code == 422
    assert "Ce champ ne s&#39;applique pas à un particulier." in text(response)
    assert session.execute(select(Client)).first() is None


def test_missing_person_fields_are_required(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/clients/new", {"kind": "person"})
    assert response.status_code == 422
    body = text(response)
    assert body.count("Champ obligatoire pour ce type de client.") == 2 * 4  # summary + beside the field
    assert 'href="#f-last_name"' in body


def test_edit_journals_the_changed_fields_only(login_as, world, session):
    created = create_client(session, world.candidate, world.sandbox_id, PersonClientData(city="Paris"))
    client = login_as("candidat1")
    edit = f"/sandboxes/{world.sandbox_id}/clients/{created.id}/edit"
    page = text(client.get(edit))
    assert 'name="version" value="1"' in page and 'name="kind"' not in page
    assert 'name="company_name"' not in page
    form = {
        "version": "1",
        "civility": created.civility,
        "last_name": created.last_name,
        "first_name": created.first_name,
        "birth_date": created.birth_date.isoformat(),
        "profession": created.profession,
        "family_situation": created.family_situation,
        "address_line1": created.address_line1,
        "postcode": created.postcode,
        "city": "Marseille",
        "country": "FR",
        "phone": created.phone,
        "email": created.email,
        "preferred_channel": "email",
        "gdpr_consent": "oui",
        "gdpr_purposes": ["enquetes", "prospection"],
    }
    response = post_form(client, edit, form)
    assert response.status_code == 302, text(response)
    [entry] = _journal(session, world.sandbox_id, "client.update")
    assert entry.outcome["changes"] == {
        "city": {"from": "PARIS", "to": "MARSEILLE"},
        "gdpr_purposes": {"from": ["enquetes"], "to": ["enquetes", "prospection"]},
    }
    assert "kind" not in entry.input
    session.expire_all()
    assert session.get(Client, created.id).version == 2


def test_outdated_version_is_a_french_conflict(login_as, world, session):
    created = create_client(session, world.candidate, world.sandbox_id, CompanyClientData())
    client = login_as("candidat1")
    edit = f"/sandboxes/{world.sandbox_id}/clients/{created.id}/edit"
    response = post_form(
        client,
        edit,
        {
            "version": "7",
            "company_name": "Nouveau nom",
            "siren": created.siren,
            "legal_form": "SAS",
            "email": created.email,
        },
    )
    assert response.status_code == 409
    assert "La fiche a été modifiée entre-temps" in text(response)
    assert _journal(session, world.sandbox_id, "client.update") == []


def test_post_without_csrf_is_refused_and_writes_nothing(login_as, world, session):
    client = login_as("candidat1")
    response = client.post(f"/sandboxes/{world.sandbox_id}/clients/new", data=PERSON_FORM)
    assert response.status_code == 400
    assert session.execute(select(Client)).first() is None


def test_client_list_paginates_and_counts_in_french(login_as, world, session):
    for number in range(27):
        create_client(
            session, world.candidate, world.sandbox_id, CompanyClientData(company_name=f"Société {number:02d}")
        )
    client = login_as("evaluateur")
    first = text(client.get(f"/sandboxes/{world.sandbox_id}/clients"))
    assert "27 clients trouvés" in first and "Page 1 sur 2" in first
    assert "Société 00" in first and "Société 26" not in first
    assert "Nouveau client" not in first  # evaluators read only
    second = text(client.get(f"/sandboxes/{world.sandbox_id}/clients?page=2"))
    assert "Société 26" in second and 'rel="prev"' in second
    searched = text(client.get(f"/sandboxes/{world.sandbox_id}/clients?q=societe+1"))
    assert "10 clients trouvés" in searched


def test_csrf_token_helper_reads_the_form(login_as, world):
    client = login_as("candidat1")
    assert len(csrf_token(client, f"/sandboxes/{world.sandbox_id}/clients/new")) > 20
