"""French labels of the replay pages: each table's records and their fields, and their values.

One source for the words: a column named as a key the readable journal labels (services/journal_readable.py,
`KEY_LABELS`, and its codes, `code_label`) reads the same here; `FIELD_LABELS` below adds the columns
only the tables have, and the few whose column meaning differs from the journal key's (`status` is a
record's status on every table, `value` a vehicle's value). The tables' labels stay here. Every table
and column a sandbox holds after every action has its label (tests/web/test_replay_labels.py); one
missing still reads as words (`readable`), never as a raw key with underscores.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from polyadmin.domain.payments import MOVEMENT_LABELS
from polyadmin.services.journal_readable import KEY_LABELS, code_label
from polyadmin.services.terminations import REFUND_STATUS_LABELS
from polyadmin.web.clients.labels import label, readable
from polyadmin.web.formatting import FIELD_LABELS as CLIENT_FIELD_LABELS
from polyadmin.web.formatting import field_value
from polyadmin.web.inbox.labels import casework_status, document_verdict, expert_role, expert_verdict

# table → (one record, the records)
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "sandboxes": ("Bac à sable", "Bac à sable"),
    "clients": ("Client", "Clients"),
    "client_relations": ("Lien entre clients", "Liens entre clients"),
    "vehicles": ("Véhicule", "Véhicules"),
    "dwellings": ("Logement", "Logements"),
    "businesses": ("Entreprise (risque)", "Entreprises (risques)"),
    "loans": ("Prêt", "Prêts"),
    "insurance_histories": ("Antécédent d'assurance", "Antécédents d'assurance"),
    "contracts": ("Contrat", "Contrats"),
    "instalments": ("Échéance", "Échéances"),
    "claims": ("Sinistre", "Sinistres"),
    "interactions": ("Contact", "Contacts"),
    "subscription_requests": ("Demande de souscription", "Demandes de souscription"),
    "supporting_documents": ("Pièce justificative", "Pièces justificatives"),
    "document_checks": ("Contrôle de pièce", "Contrôles de pièces"),
    "document_requests": ("Demande de pièces", "Demandes de pièces"),
    "referrals": ("Demande d'avis", "Demandes d'avis"),
    "request_decisions": ("Décision", "Décisions"),
    "non_conformities": ("Non-conformité", "Non-conformités"),
    "request_consultations": ("Consultation", "Consultations"),
    "expert_scripts": ("Réponse prévue d'un expert", "Réponses prévues des experts"),
    "document_scripts": ("Pièce prévue du client", "Pièces prévues des clients"),
    "needs_records": ("Recueil des besoins", "Recueils des besoins"),
    "quotes": ("Devis", "Devis"),
    "quote_versions": ("Version de devis", "Versions de devis"),
    "quote_lines": ("Ligne de devis", "Lignes de devis"),
    "sepa_mandates": ("Mandat de prélèvement SEPA", "Mandats de prélèvement SEPA"),
    "tasks": ("Tâche d'un service", "Tâches des services"),
    "issue_keys": ("Émission enregistrée (clé)", "Émissions enregistrées (clés)"),
    "contract_terminations": ("Résiliation d'un contrat", "Résiliations des contrats"),
    "refunds": ("Remboursement dû", "Remboursements dus"),
    "payments": ("Encaissement", "Encaissements"),
    "ledger_movements": ("Mouvement du compte client", "Mouvements des comptes clients"),
    "endorsements": ("Avenant d'un contrat", "Avenants des contrats"),
    "client_documents": ("Document du client", "Documents des clients"),
    "evaluation_marks": ("Appréciation d'un critère", "Appréciations des critères"),
    "committee_decisions": ("Décision du jury", "Décisions du jury"),
}

FIELD_LABELS: dict[str, str] = {
    **KEY_LABELS,
    **CLIENT_FIELD_LABELS,
    "id": "Identifiant",
    "kind": "Nature",
    "status": "Statut",
    "seeded": "Issu de l'ensemencement",
    "created_on": "Créé le",
    "updated_on": "Modifié le",
    "search_name": "Nom de recherche",
    "gdpr_consent_on": "Consentement RGPD le",
    "related_id": "Client lié",
    "registration": "Immatriculation",
    "registration_key": "Immatriculation (recherche)",
    "make": "Marque",
    "model": "Modèle",
    "vehicle_group": "Groupe du véhicule",
    "first_registration": "Première mise en circulation",
    "energy": "Énergie",
    "co2_class": "Classe CO2",
    "value": "Valeur",
    "usage": "Usage",
    "garage_postcode": "Code postal du garage",
    "annual_mileage": "Kilométrage annuel",
    "dwelling_type": "Type de logement",
    "occupancy_status": "Qualité de l'occupant",
    "residence": "Résidence",
    "surface": "Surface",
    "rooms": "Pièces",
    "floor": "Étage",
    "construction_year": "Année de construction",
    "security_features": "Protections",
    "natural_hazard_zone": "Zone de risques naturels",
    "contents_value": "Valeur du contenu",
    "siret": "SIRET",
    "naf_code": "Code NAF",
    "turnover": "Chiffre d'affaires",
    "staff": "Effectif",
    "premises_surface": "Surface des locaux",
    "lender": "Prêteur",
    "capital": "Capital",
    "duration_months": "Durée (mois)",
    "rate_percent": "Taux",
    "purpose": "Objet",
    "start_date": "Date d'effet",
    "end_date": "Date de fin",
    "insured_share_percent": "Quotité assurée",
    "insurer": "Assureur",
    "policy_number": "N° de police",
    "crm": "Coefficient bonus-malus",
    "statement_date": "Date du relevé",
    "terminated_by": "Résilié par",
    "termination_reason": "Motif de résiliation",
    "product_code": "Produit",
    "product_version": "Version du produit",
    "vehicle_id": "Véhicule",
    "dwelling_id": "Logement",
    "business_id": "Entreprise",
    "loan_id": "Prêt",
    "next_due_date": "Prochaine échéance",
    "premium_before_tax": "Prime hors taxes",
    "annual_total": "Total annuel",
    "iban": "IBAN",
    "contract_id": "Contrat",
    "period_start": "Début de période",
    "due_date": "Date d'échéance",
    "paid_on": "Payée le",
    "method": "Moyen de paiement",
    "history_id": "Antécédent",
    "occurred_on": "Survenu le",
    "liability": "Responsabilité",
    "recorded_by_id": "Enregistré par",
    "recorded_at": "Enregistré à",
    "recorded_on": "Enregistré le",
    "received_on": "Reçue le",
    "requested": "Données déclarées",
    "case_code": "Cas planté",
    "expected_outcome": "Issue attendue",
    "expected_notes": "Notes pour l'évaluateur",
    "expected_missing": "Pièces manquantes attendues",
    "issued_on": "Émis le",
    "data": "Contenu",
    "anomaly": "Anomalie plantée",
    "checked_on": "Contrôlée le",
    "sent_on": "Envoyée le",
    "last_reminder_on": "Dernière relance le",
    "received": "Pièces reçues",
    "answered_on": "Répondue le",
    "answered_by_id": "Répondue par",
    "decided_on": "Décidée le",
    "consulted_on": "Consulté le",
    "delay_days": "Délai (jours)",
    "document_code": "Pièce",
    "document": "Pièce prévue",
    "answers": "Réponses",
    "quote_id": "Devis",
    "version_id": "Version",
    "position": "Rang",
    "chosen": "Retenue",
    "effective_date": "Date d'effet",
    "pricing": "Tarification",
    "taxes": "Taxes",
    "total": "Total",
    "discount_total": "Remise totale",
    "agreed_on": "Accepté le",
    "agreement_channel": "Canal de l'accord",
    "signature_mode": "Mode de signature",
    "distance_selling": "Vente à distance",
    # the issue: contracts, mandates, tasks, issue keys
    "mandate_id": "Mandat SEPA",
    "quote_line_id": "Ligne de devis",
    "tacit_renewal": "Tacite reconduction",
    "term_end": "Fin de la période en cours",
    "debtor_name": "Débiteur",
    "reference": "Référence unique du mandat",
    "sequence": "Type de prélèvement",
    "signed_on": "Signé le",
    "closed_by_id": "Clôturée par",
    "closed_on": "Clôturée le",
    "record_id": "Enregistrement concerné (n° interne)",
    "record_type": "Type d'enregistrement concerné",
    "contract_ids": "Contrats émis (n° internes)",
    "created_at": "Enregistrée à",
    "key": "Clé d'émission",
    # terminations and refunds (services/terminations.py)
    "previous_status": "Statut précédent",
    "reason": "Motif",
    "amount": "Montant",
    # endorsements (services/endorsements.py)
    "cancelled_on": "Annulé le",
    "pricing_before": "Tarification avant l'avenant",
    "settled": "Régularisation effectuée",
    "terms_before": "Conditions avant l'avenant",
    "terms_after": "Conditions après l'avenant",
    # documents edited for the client
    "edited_at": "Édité à",
    "edited_by_id": "Édité par",
    "edited_on": "Édité le",
    "transmitted_channel": "Canal de transmission",
    "transmitted_on": "Transmis le",
    # the committee
    "evaluator_id": "Évaluateur",
    "sandbox_date": "Date de la simulation",
    "mark": "Appréciation",
    # the client's ledger
    "booked_on": "Comptabilisé le",
}


def _coded(key: str) -> Callable[[Any], str]:
    """A column's codes read as the readable journal reads the codes of `key`."""
    return lambda code: code_label(key, code)


# (table, column) → how its codes read.
VALUE_LABELS: dict[tuple[str, str], Callable[[Any], str]] = {
    ("subscription_requests", "status"): casework_status,
    ("subscription_requests", "expected_outcome"): casework_status,
    ("document_checks", "verdict"): document_verdict,
    ("referrals", "expert"): expert_role,
    ("referrals", "verdict"): expert_verdict,
    ("contracts", "status"): lambda code: label(code, "contract_status"),
    ("instalments", "status"): lambda code: label(code, "instalment_status"),
    ("instalments", "method"): lambda code: label(code, "payment_method"),
    ("claims", "status"): lambda code: label(code, "claim_status"),
    ("refunds", "status"): lambda code: REFUND_STATUS_LABELS.get(code, readable(code)),
    ("ledger_movements", "kind"): lambda code: MOVEMENT_LABELS.get(code, readable(code)),
    ("endorsements", "status"): lambda code: {"active": "En vigueur", "cancelled": "Annulé"}.get(code, readable(code)),
    ("clients", "status"): lambda code: label(code, "client_status"),
    ("client_relations", "kind"): lambda code: label(code, "relation"),
    ("interactions", "channel"): lambda code: label(code, "channel"),
    ("interactions", "direction"): lambda code: label(code, "direction"),
    ("supporting_documents", "kind"): lambda code: label(code, "document"),
    ("document_checks", "document_kind"): lambda code: label(code, "document"),
    **{
        (table, column): _coded(key)
        for table, column, key in (
            ("quote_versions", "status", "quote_status"),
            ("quote_versions", "agreement_channel", "agreement_channel"),
            ("quote_versions", "signature_mode", "signature_mode"),
            ("contracts", "payment_method", "payment_method"),
            ("tasks", "department", "department"),
            ("tasks", "status", "task_status"),
            ("tasks", "record_type", "record_type"),
            ("client_documents", "kind", "kind"),
            ("client_documents", "status", "status"),
            ("client_documents", "transmitted_channel", "channel"),
            ("client_documents", "record_type", "record_type"),
            ("evaluation_marks", "mark", "mark"),
            ("committee_decisions", "decision", "decision"),
            ("committee_decisions", "block", "block"),
            ("sepa_mandates", "sequence", "sequence"),
            ("contract_terminations", "ground", "ground"),
            ("contract_terminations", "previous_status", "contract_status"),
            ("payments", "method", "method"),
        )
    },
}
CODE_COLUMNS = frozenset({"status", "outcome", "kind", "channel", "what", "op"})


def table_label(table: str, plural: bool = False) -> str:
    found = TABLE_LABELS.get(table)
    return found[1 if plural else 0] if found else readable(table)


def column_label(column: str) -> str:
    return FIELD_LABELS.get(column) or readable(column)


def column_value(table: str, column: str, value: Any) -> str:
    """A record's value as a reader wants it: labels for codes, French dates and numbers, « oui / non »."""
    if value is None or value == "":
        return "—"
    labelled = VALUE_LABELS.get((table, column))
    if labelled is not None and isinstance(value, str):
        return labelled(value)
    if isinstance(value, dict | list):
        return _nested(value, column)
    if table == "clients" or column not in CODE_COLUMNS or not isinstance(value, str):
        return field_value(value, column)
    return readable(value)


def _nested(value: Any, name: str) -> str:
    """A JSON column (a line's pricing, a request's declared data): its keys labelled as the columns."""
    if isinstance(value, dict):
        return "; ".join(f"{column_label(str(key))} : {_nested(item, str(key))}" for key, item in value.items()) or "—"
    if isinstance(value, list):
        return ", ".join(_nested(item, name) for item in value) or "—"
    return field_value(value, name)


def record_title(table: str, row_id: int, row: Mapping[str, Any] | None) -> str:
    """« Client CL-000012 », « Contrôle de pièce n° 3 »."""
    number = (row or {}).get("number") or (row or {}).get("registration")
    return f"{table_label(table)} {number}" if number else f"{table_label(table)} n° {row_id}"


OPERATION_LABELS = {"insert": "Création", "update": "Modification", "delete": "Suppression"}
