"""The journal's exports through the API: the whole journal in JSON Lines is the CLI's very file (its
checkpoint last, verifiable without the database); a filtered CSV reads in French with its seals."""

from __future__ import annotations

import csv
import io
import json

from polyadmin.journal.archive import verify_export
from polyadmin.journal.keys import active_keyring
from polyadmin.services.clients import create_client, update_client
from tests.helpers.cli import run
from tests.helpers.factories import PersonClientData


def test_the_whole_journal_in_json_lines_is_the_cli_export(api, app, session, world, tmp_path):
    created = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin"))
    update_client(session, world.candidate, world.sandbox_id, created.id, {"last_name": "Durand"})
    session.commit()
    response = api.get(f"/api/v1/sandboxes/{world.sandbox_id}/journal/export.jsonl", user="evaluateur")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    downloaded = response.get_data(as_text=True).splitlines()
    exported = tmp_path / "journal.jsonl"
    assert run(app, "journal", "export", str(world.sandbox_id), "-o", str(exported)).exit_code == 0
    by_cli = exported.read_text(encoding="utf-8").splitlines()
    assert len(downloaded) == len(by_cli) == 4  # three entries, then the checkpoint
    assert downloaded[:3] == by_cli[:3]
    mine, theirs = json.loads(downloaded[3])["checkpoint"], json.loads(by_cli[3])["checkpoint"]
    assert {k: v for k, v in mine.items() if k != "at"} == {k: v for k, v in theirs.items() if k != "at"}
    _stream, verdict = verify_export(downloaded, active_keyring())
    assert verdict.intact and verdict.checkpoint_seq == 3


def test_a_filtered_csv_reads_in_french_with_its_seals(api, session, world):
    created = create_client(session, world.candidate, world.sandbox_id, PersonClientData(last_name="Martin"))
    update_client(session, world.candidate, world.sandbox_id, created.id, {"last_name": "Durand"})
    session.commit()
    base = f"/api/v1/sandboxes/{world.sandbox_id}/journal"
    response = api.get(f"{base}/export.csv?record_type=client&record_search=durand", user="candidat1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    actions = [row["action réalisée"] for row in rows]
    assert actions == ["Création d'une fiche client", "Modification d'une fiche client"]
    assert rows[1]["modifications"] == "Nom : Martin → Durand"
    assert [row["seq"] for row in rows] == ["2", "3"] and all(len(row["hash"]) == 64 for row in rows)
    filtered = api.get(f"{base}/export.jsonl?action=client.update", user="candidat1").get_data(as_text=True)
    assert [json.loads(line)["action"] for line in filtered.splitlines()] == ["client.update"]  # no checkpoint
    refused = api.get(f"{base}/export.csv?date_from=demain", user="candidat1")
    assert refused.status_code == 422 and "date_from" in refused.get_json()["errors"]
