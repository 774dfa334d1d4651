from __future__ import annotations

import re

from sqlalchemy import text as sql

from polyadmin.services.clients import create_client, update_client
from polyadmin.services.sandboxes import move_clock
from tests.helpers.factories import PersonClientData
from tests.helpers.web import text


def _entries(body: str) -> list[str]:
    return re.findall(r'<li class="entry" id="entree-(\d+)">', body)


def test_evaluator_reads_the_timeline_with_french_labels_and_detail(login_as, world, session):
    created = create_client(session, world.candidate, world.sandbox_id, PersonClientData(city="Paris"))
    update_client(session, world.candidate, world.sandbox_id, created.id, {"city": "Lyon"})
    client = login_as("evaluateur")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/journal"))
    assert _entries(body) == ["1", "2", "3"]
    assert "Ouverture du bac à sable" in body
    assert "Création d&#39;une fiche client" in body and "Modification d&#39;une fiche client" in body
    assert '<span class="badge code">C2A.1</span> <span class="code-title">Analyser une demande de souscription' in body
    assert "lundi 2 mars 2026" in body  # sandbox date, in French
    assert "Candidat</span>" in body and "candidat1" in body  # actor and role label
    name = f"{created.last_name} {created.first_name}"
    assert f'href="/sandboxes/{world.sandbox_id}/clients/{created.id}">Client CL-000001 {name}</a>' in body
    assert "<details>" in body and "<dt>Ville</dt><dd>LYON</dd>" in body.replace("\n", "")
    assert re.search(r'<span class="old">PARIS</span>.*?<span class="new">LYON</span>', body, re.S)
    assert "Intégrité du journal :</strong> intact : 3 entrée(s) vérifiée(s)" in body


def test_filters_narrow_the_timeline_to_a_record(login_as, world, session):
    first = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    client = login_as("evaluateur")
    base = f"/sandboxes/{world.sandbox_id}/journal"
    assert _entries(text(client.get(f"{base}?record=client:{first.id}"))) == ["2"]
    assert _entries(text(client.get(f"{base}?action=client.create"))) == ["2", "3"]
    assert _entries(text(client.get(f"{base}?code=C2A.1&lang=fr"))) == ["2", "3"]
    assert _entries(text(client.get(f"{base}?action=sandbox"))) == ["1"]
    assert _entries(text(client.get(f"{base}?date_from=2026-03-03"))) == []


def test_bad_filters_are_explained_in_french(login_as, world):
    client = login_as("evaluateur")
    response = client.get(f"/sandboxes/{world.sandbox_id}/journal?date_from=hier&per_page=5000")
    assert response.status_code == 422
    body = text(response)
    assert "Date invalide (format attendu : AAAA-MM-JJ)." in body
    assert "Entre 1 et 200." in body
    assert 'href="#f-date_from"' in body


def test_timeline_paginates(login_as, world, session):
    for _ in range(4):
        create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    client = login_as("formatrice")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/journal?per_page=2&action=client"))
    assert _entries(body) == ["2", "3"] and "Page 1 sur 2" in body
    assert "per_page=2" in body and "action=client" in body  # the next page keeps the filters


def test_clock_entry_reads_old_and_new_dates(login_as, world, session):
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-16"})
    client = login_as("candidat1")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/journal?action=sandbox.clock"))
    assert "Avance de la date de la simulation" in body
    assert re.search(
        r'<dt>Date de la simulation</dt><dd><span class="old">2 mars 2026</span>'
        r'.*?<span class="new">16 mars 2026</span>',
        body,
    )
    assert "lundi 16 mars 2026" in body


def test_broken_chain_is_shown(login_as, world, session, connection):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    # Lift the append-only guard inside the test's transaction (rolled back afterwards).
    if connection.dialect.name == "sqlite":
        triggers = connection.execute(
            sql("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='journal_entries'")
        ).scalars()
        for name in list(triggers):
            connection.execute(sql(f'DROP TRIGGER "{name}"'))
    else:
        connection.execute(sql("ALTER TABLE journal_entries DISABLE TRIGGER USER"))
    connection.execute(
        sql("UPDATE journal_entries SET actor_username='intrus' WHERE seq=2 AND sandbox_id=:id"),
        {"id": world.sandbox_id},
    )
    client = login_as("evaluateur")
    body = text(client.get(f"/sandboxes/{world.sandbox_id}/journal"))
    assert "integrity-broken" in body and "rompu à l&#39;entrée n° 2" in body


def _readable_world(session, world):
    """Two clients and a contact in candidat1's sandbox."""
    from polyadmin.services.interactions import record_interaction

    martin = create_client(
        session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin", first_name="Jeanne")
    )
    other = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Bernard"))
    update_client(session, world.candidate, world.sandbox_id, martin.id, {"last_name": "Durand"})
    record_interaction(
        session, world.candidate, world.sandbox_id, martin.id,
        {"channel": "telephone", "direction": "entrant", "motive": "Attestation", "summary": "Envoyée."},
    )  # fmt: skip
    return martin, other


def test_entries_read_as_a_person_writes_them(login_as, world, session):
    martin, _other = _readable_world(session, world)
    body = text(login_as("evaluateur").get(f"/sandboxes/{world.sandbox_id}/journal")).replace("\n", "")
    assert f">Client {martin.number} Durand Jeanne</a>" in body  # the record's number and current name
    assert f"Contact du 2 mars 2026 — client {martin.number} Durand Jeanne" in body
    assert "<dt>Date du contact</dt><dd>2 mars 2026</dd>" in body and "<dt>Canal</dt><dd>Téléphone</dd>" in body
    assert re.search(r'<dt>Nom</dt><dd><span class="old">Martin</span>.*?<span class="new">Durand</span>', body)
    assert "occurred_on" not in body and "motive" not in body and "interaction 4" not in body


def test_filters_by_record_type_and_name_action_code_and_dates(login_as, world, session):
    _martin, other = _readable_world(session, world)
    client = login_as("evaluateur")
    base = f"/sandboxes/{world.sandbox_id}/journal"
    page = text(client.get(base))
    assert '<option value="client.update">Modification d&#39;une fiche client</option>' in page
    assert '<option value="client">Client (CL-)</option>' in page
    # By name (accents and case ignored), by number: the client's own entries only.
    assert _entries(text(client.get(f"{base}?record_type=client&record_search=durand"))) == ["2", "4"]
    assert _entries(text(client.get(f"{base}?record_type=client&record_search={other.number}"))) == ["3"]
    assert _entries(text(client.get(f"{base}?record_type=interaction&record_search=Durand"))) == ["5"]
    assert _entries(text(client.get(f"{base}?record_type=client&record_search=personne"))) == []
    assert _entries(text(client.get(f"{base}?action=client.update"))) == ["4"]
    assert _entries(text(client.get(f"{base}?code=C2A.1"))) == ["2", "3"]
    assert _entries(text(client.get(f"{base}?date_from=2026-03-03"))) == []
    by_link = text(client.get(f"{base}?record=client:{other.id}"))  # the client page's link
    assert _entries(by_link) == ["3"] and f"<strong>Client {other.number} Bernard " in by_link
    assert f'<input type="hidden" name="record" value="client:{other.id}">' in by_link
    refused = client.get(f"{base}?record_type=planete")
    assert refused.status_code == 422 and "Type d&#39;enregistrement" in text(refused)


def test_exports_hold_the_filtered_journal_readable_and_sealed(login_as, world, session):
    import csv
    import io
    import json

    martin, _other = _readable_world(session, world)
    client = login_as("evaluateur")
    base = f"/sandboxes/{world.sandbox_id}/journal"
    page = text(client.get(f"{base}?action=client.update"))
    assert f'href="{base}/export.csv?action=client.update"' in page

    lines = client.get(f"{base}/export.jsonl").get_data(as_text=True).splitlines()
    assert len(lines) == 6  # the whole journal: the CLI's export, its checkpoint last
    assert json.loads(lines[5])["checkpoint"]["seq"] == 5
    first = json.loads(lines[0])
    assert (first["seq"], first["action"], first["stream"]) == (1, "sandbox.create", f"sandbox:{world.sandbox_id}")
    assert {"hash", "prev_hash", "key_id", "actor_id", "input", "outcome"} <= set(first)

    response = client.get(f"{base}/export.csv?action=client")
    data = response.get_data()
    assert data.startswith("\ufeff".encode()) and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["n°", "date de la simulation", "heure réelle"] and header[-3:] == [
        "stream",
        "actor_id",
        "key_id",
    ]
    assert len(body) == 3  # client.create ×2, client.update
    update = dict(zip(header, body[2], strict=True))
    assert update["action réalisée"] == "Modification d'une fiche client"
    assert update["enregistrement"] == f"Client {martin.number} Durand Jeanne"
    assert update["modifications"] == "Nom : Martin → Durand"
    assert update["date de la simulation"] == "2 mars 2026"
    assert json.loads(update["outcome"])["changes"] == {"last_name": {"from": "Martin", "to": "Durand"}}
    assert update["hash"] == json.loads(lines[3])["hash"]
    refused = client.get(f"{base}/export.csv?date_from=hier")  # back to the page, which says why
    assert refused.status_code == 303 and refused.headers["Location"] == f"{base}?date_from=hier"
    page = client.get(refused.headers["Location"])
    assert page.status_code == 422 and "AAAA-MM-JJ" in text(page)
