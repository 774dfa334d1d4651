"""The readable journal's formatter (services/journal_readable.py), without a database: labels of the
keys and codes, values by kind, changes before → after, and the refusal of an unlabelled key."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from polyadmin.services.journal_readable import Change, Unlabelled, Vocabulary, readable_entry
from polyadmin.store.models import JournalEntry


def entry(action: str, input: dict | None = None, outcome: dict | None = None, record=("request", "4")) -> JournalEntry:
    return JournalEntry(
        stream="sandbox:1",
        seq=7,
        sandbox_id=1,
        actor_id=3,
        actor_username="candidat1",
        actor_role="candidate",
        sandbox_date=date(2026, 3, 2),
        recorded_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        action=action,
        codes=["C2A.1"],
        record_type=record[0],
        record_id=record[1],
        input=input or {},
        outcome=outcome or {},
        prev_hash="0" * 64,
        hash="1" * 64,
        key_id="k1",
    )


def test_dates_amounts_to_the_cent_percents_and_booleans():
    shown = readable_entry(
        entry(
            "request.decision",
            {
                "outcome": "accept_conditions",
                "conditions": [
                    {"kind": "surprime", "label": "Surprime jeune conducteur", "amount": "1234.5", "percent": "12.5"}
                ],
            },
            {"deadline": "2026-03-09", "request_number": "DS-000004"},
        ),
        strict=True,
    )
    assert shown.input == (
        ("Décision", "Acceptation sous conditions"),
        ("Conditions", "Surprime « Surprime jeune conducteur » (Montant : 1\u202f234,50\xa0€, Taux : 12,5\xa0%)"),
    )
    assert shown.outcome == (("Date limite", "9 mars 2026"),)  # the request's number is the record's label
    assert shown.record_label == "Demande DS-000004"
    assert shown.sandbox_date == "2 mars 2026" and shown.recorded_at == "2 mars 2026 à 10:30:00"
    assert shown.codes == (("C2A.1", "Analyser une demande de souscription"),)
    assert shown.actor_role == "Candidat"
    consent = readable_entry(entry("client.update", {"gdpr_consent": False}), strict=True)
    assert consent.input == (("Consentement RGPD", "non"),)


def test_seeds_and_versions_are_not_grouped_counts_are():
    shown = readable_entry(
        entry("sandbox.seed", {"seed": 2026, "scenario": "examen"}, {"counts": {"clients": 1500}, "version": 12}),
        strict=True,
    )
    assert ("Graine du tirage", "2026") in shown.input
    assert shown.outcome == (("Enregistrements créés", "Clients : 1\u202f500"), ("Version de la fiche", "12"))


def test_changes_read_before_then_after():
    shown = readable_entry(
        entry(
            "client.update",
            {"last_name": "Durand"},
            {
                "changes": {
                    "last_name": {"from": "Dupont", "to": "Durand"},
                    "birth_date": {"from": None, "to": "1980-05-01"},
                },
                "number": "CL-000012",
                "status": {"from": "en_cours", "to": "attente_client"},
                "business_date": {"from": "2026-03-02", "to": "2026-03-02"},  # unchanged: not listed
                "locked_until": None,  # empty: not written down
            },
            record=("client", "12"),
        ),
        strict=True,
    )
    assert [change.text() for change in shown.changes] == [
        "Statut de la demande : En cours d'analyse → En attente du client",
        "Nom : Dupont → Durand",
        "Date de naissance : — → 1er mai 1980",
    ]
    assert shown.outcome == (("Numéro", "CL-000012"),)
    assert shown.record_label == "Client CL-000012"
    clock = readable_entry(
        entry("sandbox.clock.move", {"date": "2026-03-05"}, {"from": "2026-03-02", "to": "2026-03-05"})
    )
    assert clock.changes == (Change("Date de la simulation", "2 mars 2026", "5 mars 2026"),)


def test_lists_of_codes_read_as_their_labels():
    shown = readable_entry(
        entry(
            "request.documents_requested", {"documents": ["releve_information", "permis_conduire"], "channel": "email"}
        ),
        strict=True,
    )
    assert shown.input == (
        ("Pièces", "Relevé d'information, Permis de conduire"),
        ("Canal", "Courriel"),
    )


def test_records_and_catalogue_words_come_from_the_vocabulary():
    vocabulary = Vocabulary(
        records={("request", "4"): "Demande DS-000004", ("document", "17"): "Permis de conduire « Permis B »"},
        terms={"first_registration_date": "Date de première mise en circulation"},
        rules={"AUTO-TR-CRM": "Tous risques avec un malus"},
    )
    shown = readable_entry(
        entry(
            "request.correction",
            {"document_id": 17, "field": "first_registration_date"},
            {"rules_fired": ["AUTO-TR-CRM"]},
        ),
        vocabulary,
        strict=True,
    )
    assert shown.input == (
        ("Pièce", "Permis de conduire « Permis B »"),
        ("Donnée corrigée", "Date de première mise en circulation"),
    )
    assert shown.outcome == (("Règles déclenchées", "Tous risques avec un malus (réf. AUTO-TR-CRM)"),)


def test_an_unlabelled_key_or_code_fails_when_strict_and_never_shows_raw_otherwise():
    with pytest.raises(Unlabelled, match="mystery_key"):
        readable_entry(entry("request.consult", {"mystery_key": 1}), strict=True)
    with pytest.raises(Unlabelled, match="peut_etre"):
        readable_entry(entry("request.document_check", {"verdict": "peut_etre"}), strict=True)
    with pytest.raises(Unlabelled, match="AUTO-X"):
        readable_entry(entry("request.consult", {}, {"rules_fired": ["AUTO-X"]}), strict=True)
    lenient = readable_entry(entry("request.document_check", {"mystery_key": 1, "verdict": "peut_etre"}))
    assert lenient.input == (("Donnée non décrite", "1"), ("Avis", "Peut etre"))


def test_an_issue_reads_its_amounts_masked_iban_dates_and_codes():
    shown = readable_entry(
        entry(
            "contract.issue",
            {"payment_method": "prelevement", "iban": "FR76*******************0189", "bic": "AGRIFRPP", "quote_id": 1},
            {
                "contracts": [{"number": "CT-000516", "product": "AUTO", "total": "1234.56", "instalments": 12}],
                "tasks": [{"department": "encaissement", "subject": "Mettre en place le prélèvement."}],
                "total": "1234.56",
                "withdrawal_until": "2026-03-16",
                "quote_number": "DV-000001",
            },
            record=("quote", "1"),
        ),
        Vocabulary(terms={"AUTO": "Auto particulier"}),
        strict=True,
    )
    assert shown.record_label == "Devis DV-000001"
    assert ("IBAN (masqué)", "FR76*******************0189") in shown.input
    assert ("Mode de paiement", "Prélèvement SEPA") in shown.input
    assert ("Prime totale annuelle TTC", "1\u202f234,56\u00a0€") in shown.outcome
    assert ("Rétractation possible jusqu'au", "16 mars 2026") in shown.outcome
    assert ("Tâches créées", "Encaissement : Mettre en place le prélèvement.") in shown.outcome
    assert not any(label == "Devis" and value == "n° 1" for label, value in shown.input)  # the record says it


def test_a_quote_line_reads_its_risk_with_the_catalogues_words_and_choices():
    terms = {"AUTO": "Auto", "tiers": "Tiers", "annuel": "Annuel", "usage": "Usage", "garage_postcode": "Code postal",
             "usage:prive": "Vie privée"}  # fmt: skip
    line = {"product": "AUTO", "formula": "tiers", "frequency": "annuel", "risk": {"usage": "prive",
            "garage_postcode": "69003"}}  # fmt: skip
    shown = readable_entry(
        entry("quote.create", {"lines": [line]}, {"number": "DV-000002", "lines": 1}, ("quote", "2")),
        Vocabulary(terms=terms),
        strict=True,
    )
    assert shown.input == (
        ("Lignes du devis", "Auto Tiers (Fractionnement : Annuel) ; Données de risque : Usage : Vie privée, "
         "Code postal : 69003"),
    )  # fmt: skip
    assert ("Lignes du devis", "1") in shown.outcome
    with pytest.raises(Unlabelled):
        readable_entry(entry("quote.create", {"lines": [{**line, "risk": {"usage": "pro"}}]}), Vocabulary(terms=terms),
                       strict=True)  # fmt: skip
