"""Contacts from the client's history, as a scenario seeds them (no recorder, no journal entry).

A contact the candidate records goes through `services.interactions.record_interaction` instead.
"""

from __future__ import annotations

from datetime import date

from polyadmin.store.portfolio import Interaction
from tests.helpers.factories.clients import SandboxRowFactory


class InteractionFactory(SandboxRowFactory):
    class Meta:
        model = Interaction

    occurred_on = date(2026, 1, 15)
    channel = "telephone"
    direction = "entrant"
    motive = "Question sur l'échéancier"
    summary = "La cliente demande la date du prochain prélèvement."
    recorded_by_id = None
    recorded_at = None
