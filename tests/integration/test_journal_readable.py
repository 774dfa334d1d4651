"""Every journaled action, written by the real services on a seeded examen-souscription sandbox, reads
as a person would write it: no raw key, no code without its label, records by number and name."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from polyadmin.journal.actions import ACTIONS
from polyadmin.services.catalogue import catalogue_for
from polyadmin.services.journal_readable import CODE_LABELS, code_label, readable_entries
from polyadmin.services.journal_view import vocabulary_for
from polyadmin.store.models import JournalEntry
from tests.helpers.journal_tour import tour

PATH = re.compile(r"\S*/\S*")
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
PLATFORM = ("user.", "auth.", "exam_session.", "catalogue.", "scenario.")


def coded(data: Any, key: str = "") -> list[tuple[str, str]]:
    """Every (key, code) of an entry's data whose key has an enumeration."""
    if isinstance(data, dict) and set(data) == {"from", "to"} and data["from"] == data["to"]:
        return []  # unchanged: not listed among the changes
    if isinstance(data, dict):
        return [pair for k, v in data.items() for pair in coded(v, k if k not in ("from", "to") else key)]
    if isinstance(data, list):
        return [pair for item in data for pair in coded(item, key)]
    return [(key, data)] if key in CODE_LABELS and isinstance(data, str) else []


def test_every_action_reads_without_a_raw_key_or_a_bare_code(session, world, app):
    box = tour(session, world, app.config)
    entries = list(session.execute(select(JournalEntry).order_by(JournalEntry.id)).scalars())
    sandbox_actions = {name for name in ACTIONS if not name.startswith(PLATFORM)}
    toured = {entry.action for entry in entries if entry.sandbox_id == box.id}
    assert sandbox_actions <= toured, f"actions absentes du parcours : {sorted(sandbox_actions - toured)}"
    assert {"auth.login", "auth.login.failure", "auth.logout", "catalogue.reinstate"} <= {e.action for e in entries}

    vocabulary = vocabulary_for(session, None, entries, catalogue_for(session, world.candidate, box.id))
    readable = readable_entries(entries, vocabulary, strict=True)  # a key or code without a label raises
    for entry, shown in zip(entries, readable, strict=True):
        text = "\n".join([shown.action_label, shown.record_label, *shown.lines()])
        words = PATH.sub("", text)  # a folder's path is shown as it is (a temporary one may hold « _ »)
        assert not SNAKE.findall(words), (entry.action, SNAKE.findall(words), text)
        for key, code in coded({**entry.input, **entry.outcome}):
            assert code_label(key, code, strict=True) in text, (entry.action, key, code, text)
        assert shown.action_label == ACTIONS[entry.action].label

    by_action = {shown.action: shown for shown in readable}
    update = by_action["client.update"]
    assert [change.text() for change in update.changes] == ["Ville : PARIS → LYON", "Nom : Dupont → Durand"]
    seed = next(shown for shown in readable if shown.action == "sandbox.seed")
    assert ("Graine du tirage", "3003") in seed.input
    interaction = by_action["interaction.record"]
    # The client and the contact are gone with the reset: the entry's own numbers still name them.
    assert interaction.record_label == "Contact du 2 mars 2026 — client CL-000301"
    assert update.record_label == "Client CL-000301"
    assert by_action["client.create"].record_label == "Client CL-000301 Dupont Jeanne"
    assert ("Date du contact", "2 mars 2026") in interaction.input
    assert ("Canal", "Téléphone") in interaction.input
    decision = by_action["request.decision"]
    assert decision.record_label.startswith("Demande DS-")
    assert ("Décision", "Acceptation sous conditions") in decision.input
    assert "Statut de la demande : En cours d'analyse → Acceptée sous conditions" in [
        c.text() for c in decision.changes
    ]
    clock = by_action["sandbox.clock.move"]
    assert [c.text() for c in clock.changes] == ["Date de la simulation : 5 mars 2026 → 20 mars 2026"]
    # The offers, the issue, the documents and the committee (its own stream, read in the report).
    issue = by_action["contract.issue"]
    assert issue.record_label == "Devis DV-000001"
    assert ("IBAN (masqué)", "FR76*******************0189") in issue.input
    assert ("Mode de paiement", "Prélèvement SEPA") in issue.input
    assert ("Rétractation possible jusqu'au", "16 mars 2026") in issue.outcome
    assert any(label == "Prime totale annuelle TTC" and value.endswith("€") for label, value in issue.outcome)
    assert ("Canal de l'accord", "À distance (téléphone)") in by_action["quote.agreement"].input
    assert "Version précédente : version 1 : Proposé au client → Remplacé" in by_action["quote.version"].lines()
    assert re.fullmatch(r"Tâche du service Encaissement — contrat CT-\d{6}", by_action["task.close"].record_label)
    receipt = by_action["document.receipt"]
    assert receipt.record_label.startswith("Document « Demande de pièces » — client CL-")
    assert ("Date de réception", "2 mars 2026") in receipt.input
    assert ("Décision du jury", "Ajourné") in by_action["evaluation.decision"].input
    assert by_action["evaluation.mark"].record_label == "Appréciation du critère C2A.1-1"
    reinstated = by_action["catalogue.reinstate"]
    assert any(label == "Catalogue remplacé (empreinte)" and value.endswith("…") for label, value in reinstated.outcome)
