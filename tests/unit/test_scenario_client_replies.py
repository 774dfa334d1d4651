"""The `client_replies` of a planted request (simulated client): read into DocumentReply, and every
problem named by its path."""

from __future__ import annotations

from datetime import date

from polyadmin.scenarios import load_scenario
from tests.unit.test_scenarios import BASE, catalogue, problems, write  # noqa: F401 (catalogue: a fixture)

REPLIES = """\
    client_replies:
      bail:
        arrives_after_days: 3
        arrives_wrong: Bail non signé par le bailleur.
        document: {issued_on: 2026-03-04, data: {bailleur: SCI des Lilas}}
      mandat_sepa:
        never: true
      justificatif_domicile:
        arrives_after_days: 0
        document: {issued_on: 2026-03-02}
"""


def with_replies(text: str) -> str:
    return BASE + text


def test_the_replies_are_read_per_document_code(tmp_path, catalogue):  # noqa: F811
    scenario = load_scenario(write(tmp_path, with_replies(REPLIES)), catalogue).scenario
    replies = {reply.code: reply for reply in scenario.requests[0].replies}
    bail = replies["bail"]
    assert (bail.outcome, bail.delay_days) == ("arrives_wrong", 3)
    assert bail.document is not None
    assert (bail.document.kind, bail.document.issued_on, bail.document.anomaly) == (
        "bail",
        date(2026, 3, 4),  # after the request's reception: it is sent later
        "Bail non signé par le bailleur.",
    )
    assert (replies["mandat_sepa"].outcome, replies["mandat_sepa"].document) == ("never", None)
    assert replies["justificatif_domicile"].outcome == "arrives"


def test_contradictory_or_unknown_replies_are_named_by_their_path(tmp_path, catalogue):  # noqa: F811
    broken = """\
    client_replies:
      bail: {never: true, arrives_after_days: 2}
      mandat_sepa: {}
      justificatif_domicile: {arrives_after_days: 1}
"""
    found = problems(tmp_path, catalogue, with_replies(broken))
    assert any("requests[0].client_replies.bail.never: « never » exclut" in p for p in found)
    assert any("requests[0].client_replies.mandat_sepa.arrives_after_days: Indiquez" in p for p in found)
    assert any("requests[0].client_replies.justificatif_domicile.document: Décrivez" in p for p in found)
    assert len(found) == 3
    found = problems(
        tmp_path,
        catalogue,
        with_replies(
            "    client_replies:\n      carte_vitale: {never: true}\n"
            "      bail:\n        arrives_after_days: 2\n        document: {kind: kbis, issued_on: 2026-03-04}\n"
        ),
    )
    assert any(p.startswith("essai.yaml: requests[0].client_replies.carte_vitale: Pièce inconnue") for p in found)
    assert any("requests[0].client_replies.bail.document.kind: La pièce envoyée" in p for p in found)
