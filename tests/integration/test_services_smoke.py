from polyadmin.services.clients import create_client
from tests.helpers.factories import PersonClientData


def test_candidate_creates_a_client_numbered_in_their_sandbox(session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert client.number == "CL-000001"
