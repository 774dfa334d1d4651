"""`polyadmin journal replay-check`: one line per candidate, exit 1 on a divergence."""

from __future__ import annotations

from sqlalchemy import update

from polyadmin.services.clients import create_client, update_client
from polyadmin.store.models import Client
from tests.helpers.cli import run
from tests.helpers.factories import PersonClientData


def test_a_session_whose_replay_matches_its_records_exits_0(app, session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    update_client(session, world.candidate, world.sandbox_id, client.id, {"city": "Lorient"}, client.version)
    result = run(app, "journal", "replay-check", "--session", str(world.exam_session_id))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(f"bac à sable n° {world.sandbox_id} (candidat1)" in line and "conforme" in line for line in lines)


def test_a_record_changed_outside_the_journal_exits_1_and_names_it(app, session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    session.execute(update(Client).where(Client.id == client.id).values(city="AILLEURS"))
    session.commit()
    result = run(app, "journal", "replay-check", "--sandbox", str(world.sandbox_id))
    assert result.exit_code == 1
    assert "DIVERGENCE" in result.output
    assert f"clients n° {client.id} : champs différents (city)" in result.output


def test_bad_arguments_exit_2(app, world):
    assert run(app, "journal", "replay-check").exit_code == 2
    assert run(app, "journal", "replay-check", "--session", "999999").exit_code == 2
