"""French labels of the replay pages: each table's records and their fields, and their values.

Kept here while the readable journal formatter is built next door (the lead will unify them). A table
or a column missing here still reads as words (`readable`), never as a raw key with underscores.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

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
}

FIELD_LABELS: dict[str, str] = {
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
    "line": "Branche",
    "insurer": "Assureur",
    "policy_number": "N° de police",
    "crm": "Coefficient bonus-malus",
    "statement_date": "Date du relevé",
    "terminated_by": "Résilié par",
    "termination_reason": "Motif de résiliation",
    "snapshot_id": "Catalogue",
    "product_code": "Produit",
    "product_version": "Version du produit",
    "formula": "Formule",
    "options": "Options",
    "deductibles": "Franchises",
    "frequency": "Fractionnement",
    "risk": "Risque",
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
    "amount": "Montant",
    "paid_on": "Payée le",
    "method": "Moyen de paiement",
    "history_id": "Antécédent",
    "occurred_on": "Survenu le",
    "liability": "Responsabilité",
    "description": "Description",
    "channel": "Canal",
    "direction": "Sens",
    "motive": "Motif",
    "summary": "Résumé",
    "recorded_by_id": "Enregistré par",
    "recorded_at": "Enregistré à",
    "recorded_on": "Enregistré le",
    "received_on": "Reçue le",
    "requested": "Données déclarées",
    "case_code": "Cas planté",
    "expected_outcome": "Issue attendue",
    "expected_notes": "Notes pour l'évaluateur",
    "expected_missing": "Pièces manquantes attendues",
    "request_id": "Demande",
    "title": "Titre",
    "issued_on": "Émis le",
    "valid_until": "Valable jusqu'au",
    "data": "Contenu",
    "anomaly": "Anomalie plantée",
    "document_id": "Pièce",
    "document_kind": "Type de pièce",
    "verdict": "Verdict",
    "reason": "Motif",
    "checked_on": "Contrôlée le",
    "documents": "Pièces",
    "message": "Message",
    "sent_on": "Envoyée le",
    "deadline": "Date limite",
    "reminders": "Relances",
    "last_reminder_on": "Dernière relance le",
    "received": "Pièces reçues",
    "expert": "Expert",
    "question": "Question",
    "elements": "Éléments joints",
    "answer_due": "Réponse attendue le",
    "answered_on": "Répondue le",
    "answer": "Réponse",
    "answered_by_id": "Répondue par",
    "outcome": "Issue",
    "conditions": "Conditions",
    "justification": "Justification",
    "alternative": "Alternative proposée",
    "overridden": "Règles outrepassées",
    "decided_on": "Décidée le",
    "handling": "Traitement",
    "what": "Élément consulté",
    "consulted_on": "Consulté le",
    "delay_days": "Délai (jours)",
    "document_code": "Pièce",
    "document": "Pièce prévue",
    "answers": "Réponses",
    "recommendations": "Recommandations",
    "budget_monthly": "Budget mensuel",
    "eco_interest": "Intérêt écologique",
    "needs_id": "Recueil des besoins",
    "quote_id": "Devis",
    "version_id": "Version",
    "position": "Rang",
    "alternative_of": "Alternative de",
    "chosen": "Retenue",
    "effective_date": "Date d'effet",
    "pricing": "Tarification",
    "discount": "Remise",
    "taxes": "Taxes",
    "total": "Total",
    "discount_total": "Remise totale",
    "agreed_on": "Accepté le",
    "agreement_channel": "Canal de l'accord",
    "signature_mode": "Mode de signature",
    "distance_selling": "Vente à distance",
}

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
    ("clients", "status"): lambda code: label(code, "client_status"),
    ("client_relations", "kind"): lambda code: label(code, "relation"),
    ("interactions", "channel"): lambda code: label(code, "channel"),
    ("interactions", "direction"): lambda code: label(code, "direction"),
    ("supporting_documents", "kind"): lambda code: label(code, "document"),
    ("document_checks", "document_kind"): lambda code: label(code, "document"),
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
    if table == "clients" or column not in CODE_COLUMNS or not isinstance(value, str):
        return field_value(value, column)
    return readable(value)


def record_title(table: str, row_id: int, row: Mapping[str, Any] | None) -> str:
    """« Client CL-000012 », « Contrôle de pièce n° 3 »."""
    number = (row or {}).get("number") or (row or {}).get("registration")
    return f"{table_label(table)} {number}" if number else f"{table_label(table)} n° {row_id}"


OPERATION_LABELS = {"insert": "Création", "update": "Modification", "delete": "Suppression"}
