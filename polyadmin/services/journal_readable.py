"""A journal entry as a person would write it (pure: no database, no Flask).

`readable_entry(entry, vocabulary)` turns one `JournalEntry` into a `ReadableEntry`: the action in
French, the record by its number and name (« Client CL-000012 Martin Jeanne », « Demande DS-000004 »),
the input and the outcome as (French label, formatted value) pairs, and the changes as (label,
before, after). The names of the records and the catalogue's words come in a `Vocabulary`, built in
one batch for a page by `services.journal_view`.

Every key an action journals has its label in `KEY_LABELS`, and every code of a known enumeration
its French label (`CODE_LABELS`): with `strict=True` an unknown key or code raises `Unlabelled` (the
tests drive every action that way, so a new action must add its labels); otherwise it reads as
« Donnée non décrite » / a code made readable, never as the raw key. Dates, amounts to the cent and
percentages go through `domain/french.py`; seeds, versions and internal numbers are not grouped
(« 2026 », not « 2 026 »).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from polyadmin.documents.specimen_kinds import SPECIMEN_KINDS
from polyadmin.domain import clients as client_domain
from polyadmin.domain import french
from polyadmin.domain.acceptance import CONDITION_LABELS, EXPERT_LABELS, OUTCOME_LABELS
from polyadmin.domain.casework import STATUS_LABELS, VERDICT_LABELS
from polyadmin.domain.client_documents import CHANNELS as DOCUMENT_CHANNELS
from polyadmin.domain.client_documents import KINDS as CLIENT_DOCUMENT_KINDS
from polyadmin.domain.client_documents import STATUS_LABELS as DOCUMENT_STATUS_LABELS
from polyadmin.domain.contracts import CHANNEL_LABELS as AGREEMENT_CHANNELS
from polyadmin.domain.contracts import (
    DEPARTMENT_LABELS,
    PAYMENT_LABELS,
    QUOTE_STATUS_LABELS,
    SEQUENCE_LABELS,
    SIGNATURE_LABELS,
    TASK_STATUS_LABELS,
)
from polyadmin.domain.endorsements import SETTLEMENT_LABELS as ENDORSEMENT_SETTLEMENTS
from polyadmin.domain.evaluation import BLOCKS, DECISION_LABELS, MARK_LABELS
from polyadmin.domain.interactions import CHANNELS as INTERACTION_CHANNELS
from polyadmin.domain.interactions import DIRECTIONS
from polyadmin.domain.offers import LINE_LABELS, FlagKind
from polyadmin.domain.payments import PAYMENT_METHOD_LABELS
from polyadmin.domain.roles import Role
from polyadmin.domain.terminations import CONTRACT_GROUND_LABELS
from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES
from polyadmin.store.models import JournalEntry
from polyadmin.validation.casework import CHANNELS as REQUEST_CHANNELS
from polyadmin.validation.casework import CONSULTED, DOCUMENT_VERDICTS

NOTHING = "—"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
HEX_DIGEST = re.compile(r"^[0-9a-f]{32,}$")


class Unlabelled(LookupError):
    """A journaled key or code has no French label (raised only with strict=True)."""


# --- labels of the keys ------------------------------------------------------------------------------

# The client record's fields (validation/clients.py: ClientSchema), as the pages label them.
CLIENT_FIELD_LABELS: dict[str, str] = {
    "kind": "Type de client",
    "civility": "Civilité",
    "first_name": "Prénom",
    "last_name": "Nom",
    "birth_date": "Date de naissance",
    "profession": "Profession",
    "family_situation": "Situation familiale",
    "company_name": "Raison sociale",
    "siren": "SIREN",
    "legal_form": "Forme juridique",
    "activity": "Activité",
    "address_line1": "Adresse",
    "address_line2": "Complément d'adresse",
    "postcode": "Code postal",
    "city": "Ville",
    "country": "Pays",
    "phone": "Téléphone",
    "email": "Courriel",
    "preferred_channel": "Canal de contact préféré",
    "specific_needs": "Besoins spécifiques",
    "accessible_formats": "Formats accessibles",
    "gdpr_consent": "Consentement RGPD",
    "gdpr_purposes": "Finalités consenties",
}

KEY_LABELS: dict[str, str] = {
    **CLIENT_FIELD_LABELS,
    # records and their numbers
    "client_id": "Client",
    "client_number": "Client",
    "number": "Numéro",
    "version": "Version de la fiche",
    "request_number": "Demande",
    "contract_number": "Contrat",
    "interaction_id": "Contact",
    "document_id": "Pièce",
    "document_kind": "Type de pièce",
    "document_title": "Pièce reçue",
    "document_request_id": "Demande de pièces",
    "document_request_status": "État de la demande de pièces",
    "referral_id": "Transmission",
    "referral_number": "Transmission",
    "check_id": "Contrôle",
    "decision_id": "Décision",
    "non_conformity_id": "Non-conformité",
    "sandbox_id": "Bac à sable",
    "exam_session_id": "Session d'examen",
    "user_id": "Compte",
    "token_id": "Jeton d'API",
    "snapshot_id": "Catalogue",
    # the sandbox, its clock and its seeding
    "date": "Nouvelle date",
    "business_date": "Date de la simulation",
    "candidate": "Candidat",
    "candidates": "Candidats",
    "evaluators": "Évaluateurs",
    "scenario": "Scénario",
    "scenario_hash": "Empreinte du scénario",
    "seed": "Graine du tirage",
    "catalogue": "Catalogue (empreinte)",
    "content_hash": "Empreinte du catalogue",
    "products": "Produits (version)",
    "counts": "Enregistrements créés",
    "sequences": "Derniers numéros attribués",
    "digest": "Empreinte du portefeuille",
    "removed_rows": "Enregistrements supprimés",
    "removed_candidate_clients": "Fiches créées par le candidat supprimées",
    "name": "Nom",
    "starts_on": "Début",
    "ends_on": "Fin",
    "sandboxes": "Bacs à sable",
    "source": "Dossier source",
    # accounts and sign-in
    "username": "Identifiant",
    "display_name": "Nom affiché",
    "role": "Rôle",
    "address": "Adresse réseau",
    "channel": "Canal",
    "failures": "Échecs de connexion du compte",
    "address_failures": "Échecs de connexion de l'adresse",
    "locked_until": "Compte bloqué jusqu'au",
    "address_locked_until": "Adresse bloquée jusqu'au",
    "session_generation": "Génération de session",
    "expires_at": "Expiration",
    "active": "Compte actif",
    "tokens_revoked": "Jetons révoqués",
    "generated": "Mot de passe généré",
    "unlocked": "Compte débloqué",
    # contacts
    "direction": "Sens",
    "motive": "Motif",
    "summary": "Résumé",
    "occurred_on": "Date du contact",
    # casework
    "what": "Élément consulté",
    "priced": "Simulation jointe",
    "recommendation": "Recommandation de l'analyse",
    "rules_fired": "Règles déclenchées",
    "score": "Score d'aide à la décision",
    "level": "Niveau",
    "probability": "Probabilité",
    "status": "Statut de la demande",
    "verdict": "Avis",
    "reason": "Motif",
    "documents": "Pièces",
    "deadline": "Date limite",
    "message": "Message",
    "reminders": "Relances",
    "expert": "Expert",
    "question": "Question",
    "elements": "Pièces jointes",
    "recommended_experts": "Experts recommandés par l'analyse",
    "answer_due": "Réponse attendue le",
    "answer": "Réponse",
    "outcome": "Décision",
    "conditions": "Conditions",
    "justification": "Justification",
    "alternative": "Solution proposée",
    "overridden": "Règles non suivies (justifiées)",
    "expert_answers": "Avis des experts",
    "description": "Description",
    "handling": "Traitement",
    "field": "Donnée corrigée",
    "value": "Nouvelle valeur",
    "changes": "Modifications",
    # inside a condition or a simulation
    "label": "Libellé",
    "guarantee": "Garantie",
    "deductible": "Franchise",
    "option": "Option",
    "amount": "Montant",
    "percent": "Taux",
    "product": "Produit",
    "formula": "Formule",
    "options": "Options",
    "frequency": "Fractionnement",
    "effective_date": "Date d'effet",
    "total": "Prime totale annuelle",
    # needs and advice, quotes (services/offers.py)
    "budget_monthly": "Budget mensuel",
    "disability": "Situation de handicap, adaptations",
    "eco_interest": "Intérêt pour les garanties écoresponsables",
    "lines": "Lignes",
    "protect": "À protéger",
    "wanted": "Garanties souhaitées",
    "already_covered": "Déjà couvert ailleurs",
    "existing_cover": "Couverture existante",
    "specific": "Besoins particuliers",
    "situation": "Situation du client",
    "recommendations": "Préconisations",
    "need": "Besoin",
    "line": "Branche",
    "request_id": "Demande",
    "needs": "Branches décrites",
    "needs_id": "Recueil des besoins",
    "flags": "Alertes du devis",
    "quote_id": "Devis",
    "alternatives": "Variantes comparées",
    "discount": "Réduction multi-contrats",
    "eco_options": "Options écoresponsables",
    "valid_until": "Valable jusqu'au",
    "previous": "Version précédente",
    "previous_total": "Prime de la version précédente",
    "risk": "Données de risque",
    "deductibles": "Franchises choisies",
    "alternative_of": "Variante de la ligne",
    # the agreement, the issue and the tasks (services/contracts.py)
    "agreed_on": "Date de l'accord",
    "agreement_channel": "Canal de l'accord",
    "signature_mode": "Mode de signature",
    "distance_selling": "Vente à distance",
    "previous_status": "Statut précédent du devis",
    "quote_number": "Devis",
    "quote_status": "Statut du devis",
    "quote_version": "Version du devis",
    "payment_method": "Mode de paiement",
    "iban": "IBAN (masqué)",
    "bic": "BIC",
    "contract_numbers": "Contrats émis",
    "contracts": "Contrats",
    "instalments": "Échéances",
    "premium_before_tax": "Prime hors taxes",
    "issued_on": "Date d'émission",
    "mandate_reference": "Référence unique du mandat SEPA",
    "tasks": "Tâches créées",
    "department": "Service",
    "subject": "Objet",
    "withdrawal_until": "Rétractation possible jusqu'au",
    "task_id": "Tâche",
    "due_on": "À faire pour le",
    # a contract's termination (services/terminations.py)
    "contract_id": "Contrat",
    "ground": "Motif de résiliation",
    "notice_sent_on": "Lettre envoyée le",
    "notice_received_on": "Lettre reçue le",
    "event_on": "Date de l'événement",
    "notice_of_right_sent_on": "Avis d'échéance (droit de résiliation) envoyé le",
    "requested_by_new_insurer": "Demandée par le nouvel assureur",
    "new_insurer": "Nouvel assureur",
    "termination_id": "Résiliation",
    "contract_status": "Statut du contrat",
    "previous_contract_status": "Statut précédent du contrat",
    "effective_on": "Date d'effet de la résiliation",
    "period_start": "Début de la période de prime",
    "period_end": "Fin de la période de prime",
    "annual_premium": "Prime annuelle TTC",
    "earned": "Prime acquise (au prorata)",
    "refund": "Prime à rembourser",
    "refund_due_by": "Remboursement au plus tard le",
    "refund_id": "Remboursement",
    "cancelled_instalments": "Échéances annulées",
    # a payment received (services/payments.py)
    "method": "Mode de paiement",
    "received_on": "Encaissé le",
    "reference": "Référence du paiement",
    "instalment_ids": "Échéances choisies",
    "idempotency_key": "Clé d'idempotence",
    "payment_id": "Paiement",
    "allocations": "Affectations aux échéances",
    "instalment_id": "Échéance",
    "due_date": "Date d'échéance",
    "settled": "Échéance soldée",
    "allocated": "Montant affecté",
    "credit": "Avoir (trop-perçu) conservé",
    "client_balance": "Solde du compte client",
    # a contract's endorsement (services/endorsements.py)
    "endorsement_id": "Avenant",
    "beneficiary": "Bénéficiaire",
    "premium_before": "Prime annuelle HT avant l'avenant",
    "premium_after": "Prime annuelle HT après l'avenant",
    "total_before": "Prime annuelle TTC avant",
    "total_after": "Prime annuelle TTC après",
    "days": "Jours de la période",
    "remaining_days": "Jours restants (prorata)",
    "annual_difference": "Différence annuelle TTC",
    "difference_before_tax": "Différence HT au prorata",
    "difference_taxes": "Taxes de la différence",
    "difference_total": "Différence TTC au prorata",
    "settlement": "Régularisation",
    "adjusted_instalments": "Échéances ajustées",
    "notice_id": "Quittance séparée",
    "restored_instalments": "Échéances rétablies",
    "cancelled_notice_id": "Quittance séparée annulée",
    # documents edited for the client (services/client_documents.py)
    "fingerprint": "Empreinte du document",
    "signature_required": "Signature du client attendue",
    "title": "Titre",
    "reminder": "Relance n°",
    # the committee (services/evaluation.py)
    "criterion": "Critère",
    "criterion_label": "Libellé du critère",
    "mark": "Appréciation",
    "mark_label": "Appréciation",
    "comment": "Commentaire",
    "block": "Bloc de compétences",
    "block_label": "Bloc de compétences",
    "decision": "Décision du jury",
    "decision_label": "Décision du jury",
    # the catalogue reinstated
    "replaces": "Catalogue remplacé (empreinte)",
    # a record a correction reaches too (services.casework.MIRRORED)
    "vehicles.first_registration": "Véhicule : date de première mise en circulation",
}

CLIENT_DOCUMENT_ACTIONS = ("document.edit", "document.transmit", "document.receipt", "document.reminder")

# Keys whose label depends on the action (the clock move's outcome is « from → to »).
ACTION_KEY_LABELS: dict[tuple[str, str], str] = {
    ("sandbox.clock.move", "from"): "Date de la simulation",
    ("sandbox.clock.move", "to"): "Date de la simulation",
    ("request.consult", "status"): "Statut de la demande",
    ("contract.endorse", "effective_on"): "Date d'effet de l'avenant",
    ("contract.endorsement_cancel", "effective_on"): "Date d'effet de l'avenant annulé",
    ("contract.endorsement_cancel", "total_before"): "Prime annuelle TTC avec l'avenant",
    ("contract.endorsement_cancel", "total_after"): "Prime annuelle TTC rétablie",
    ("request.documents_received", "document_kind"): "Type de pièce reçue",
    ("exam_session.create", "catalogue"): "Catalogue",
    ("exam_session.catalogue.pin", "catalogue"): "Catalogue",
    ("needs.record", "lines"): "Besoins par branche",
    ("needs.record", "recommendations"): "Préconisations",
    ("quote.create", "lines"): "Lignes du devis",
    ("quote.version", "lines"): "Lignes du devis",
    ("quote.create", "version"): "Version du devis",
    ("quote.version", "version"): "Version du devis",
    ("quote.create", "total"): "Prime totale annuelle du devis",
    ("quote.version", "total"): "Prime totale annuelle du devis",
    ("quote.version", "reason"): "Motif de la nouvelle version",
    ("contract.issue", "total"): "Prime totale annuelle TTC",
    ("quote.create", "products"): "Produits",
    ("quote.version", "products"): "Produits",
    **{(action, "kind"): "Type de document" for action in CLIENT_DOCUMENT_ACTIONS},
    **{(action, "status"): "État du document" for action in CLIENT_DOCUMENT_ACTIONS},
    **{(action, "version"): "Version du document" for action in CLIENT_DOCUMENT_ACTIONS},
    **{(action, "source"): "Édité pour" for action in CLIENT_DOCUMENT_ACTIONS},
    ("document.transmit", "date"): "Date de transmission",
    ("document.transmit", "channel"): "Canal de transmission",
    ("document.receipt", "date"): "Date de réception",
    ("catalogue.reinstate", "source"): "Dossier source",
}

# Tables of a seeding's counts and the sequences it advanced.
TABLE_LABELS: dict[str, str] = {
    "businesses": "Entreprises assurées",
    "claims": "Sinistres",
    "client_relations": "Liens entre clients",
    "clients": "Clients",
    "contracts": "Contrats",
    "document_scripts": "Réponses scénarisées du client",
    "dwellings": "Logements",
    "expert_scripts": "Réponses scénarisées des experts",
    "instalments": "Échéances",
    "insurance_histories": "Antécédents d'assurance",
    "interactions": "Contacts",
    "loans": "Prêts",
    "subscription_requests": "Demandes de souscription",
    "supporting_documents": "Pièces justificatives",
    "vehicles": "Véhicules",
    "quotes": "Devis",
    "quote_versions": "Versions des devis",
    "quote_lines": "Lignes des devis",
    "needs_records": "Recueils des besoins",
    "sepa_mandates": "Mandats SEPA",
    "tasks": "Tâches des services",
    "issue_keys": "Clés d'émission",
    "contract_terminations": "Résiliations",
    "refunds": "Remboursements dus",
    "payments": "Encaissements",
    "ledger_movements": "Mouvements des comptes clients",
    "client_documents": "Documents du client",
    "evaluation_marks": "Appréciations des évaluateurs",
    "committee_decisions": "Décisions du jury",
    "mandate": "Mandats SEPA (RUM-)",
    "client": "Clients (CL-)",
    "contract": "Contrats (CT-)",
    "request": "Demandes (DS-)",
    "referral": "Transmissions (TR-)",
    "quote": "Devis (DV-)",
}

# --- codes of the known enumerations -------------------------------------------------------------------

CONTRACT_STATUS_LABELS = {"active": "En cours", "suspended": "Suspendu", "terminated": "Résilié"}
DECISIONS = {"accept": "Acceptation", "accept_conditions": "Acceptation sous conditions", "decline": "Refus"}
FOLLOW_UP_STATES = {
    "en_attente": "En attente",
    "relancee": "Relancée",
    "recue": "Reçue",
    "incomplete": "Incomplète",
    "envoyee": "Envoyée",
    "repondue": "Répondue",
}
SIGN_IN_CHANNELS = {"web": "Back-office (navigateur)", "api": "API"}
DOCUMENT_KINDS = {code: kind.title for code, kind in SPECIMEN_KINDS.items()}
ROLE_LABELS = {role.value: role.label for role in Role}
# The records a client document is edited for, a task is about (their « source », their record_type).
RECORD_TYPE_LABELS = {
    "request": "Demande",
    "document_request": "Demande de pièces",
    "contract": "Contrat",
    "quote": "Devis",
    "needs": "Recueil des besoins",
    "client": "Client",
    "sepa_mandate": "Mandat SEPA",
    "payment": "Paiement",
    "endorsement": "Avenant",
}
FLAG_LABELS = {
    FlagKind.NEED_UNCOVERED.value: "Besoin exprimé non couvert",
    FlagKind.ALREADY_COVERED.value: "Garantie déjà détenue",
    FlagKind.OVER_BUDGET.value: "Au-delà du budget du client",
    FlagKind.ECO_NOT_OFFERED.value: "Option écoresponsable non proposée",
}

CODE_LABELS: dict[str, Mapping[str, str]] = {
    "kind": {
        **client_domain.CLIENT_KINDS,
        **{kind.value: text for kind, text in CONDITION_LABELS.items()},
        **CLIENT_DOCUMENT_KINDS,
    },
    "civility": client_domain.CIVILITIES,
    "family_situation": client_domain.FAMILY_SITUATIONS,
    "legal_form": client_domain.LEGAL_FORMS,
    "preferred_channel": client_domain.CONTACT_CHANNELS,
    "accessible_formats": client_domain.ACCESSIBLE_FORMATS,
    "gdpr_purposes": client_domain.GDPR_PURPOSES,
    "channel": {**DOCUMENT_CHANNELS, **INTERACTION_CHANNELS, **REQUEST_CHANNELS, **SIGN_IN_CHANNELS},
    "direction": DIRECTIONS,
    "what": CONSULTED,
    "status": {
        **QUOTE_STATUS_LABELS,
        **{str(code): text for code, text in DOCUMENT_STATUS_LABELS.items()},
        **{status.value: text for status, text in STATUS_LABELS.items()},
    },
    "document_request_status": FOLLOW_UP_STATES,
    "verdict": {**DOCUMENT_VERDICTS, **{verdict.value: text for verdict, text in VERDICT_LABELS.items()}},
    "recommendation": {outcome.value: text for outcome, text in OUTCOME_LABELS.items()},
    "outcome": DECISIONS,
    "expert": {role.value: text for role, text in EXPERT_LABELS.items()},
    "recommended_experts": {role.value: text for role, text in EXPERT_LABELS.items()},
    "document_kind": DOCUMENT_KINDS,
    "documents": DOCUMENT_KINDS,
    "role": ROLE_LABELS,
    "line": LINE_LABELS,
    "flags": FLAG_LABELS,
    "quote_status": QUOTE_STATUS_LABELS,
    "previous_status": QUOTE_STATUS_LABELS,
    "agreement_channel": {str(code): text for code, text in AGREEMENT_CHANNELS.items()},
    "signature_mode": {str(code): text for code, text in SIGNATURE_LABELS.items()},
    "payment_method": {str(code): text for code, text in PAYMENT_LABELS.items()},
    "department": {str(code): text for code, text in DEPARTMENT_LABELS.items()},
    "task_status": TASK_STATUS_LABELS,
    "mark": {str(code): text for code, text in MARK_LABELS.items()},
    "decision": {str(code): text for code, text in DECISION_LABELS.items()},
    "block": BLOCKS,
    "sequence": SEQUENCE_LABELS,
    "record_type": RECORD_TYPE_LABELS,
    "ground": CONTRACT_GROUND_LABELS,
    "contract_status": CONTRACT_STATUS_LABELS,
    "previous_contract_status": CONTRACT_STATUS_LABELS,
    "method": PAYMENT_METHOD_LABELS,
    "settlement": ENDORSEMENT_SETTLEMENTS,
}

# --- kinds of values -----------------------------------------------------------------------------------

DATE_KEYS = frozenset({
    "birth_date", "occurred_on", "deadline", "answer_due", "date", "from", "to", "business_date", "starts_on",
    "ends_on", "effective_date", "vehicles.first_registration", "valid_until", "agreed_on", "issued_on",
    "withdrawal_until", "due_on", "notice_sent_on", "notice_received_on", "event_on", "notice_of_right_sent_on",
    "effective_on", "period_start", "period_end", "refund_due_by", "received_on", "due_date",
})  # fmt: skip
INSTANT_KEYS = frozenset({"locked_until", "address_locked_until", "expires_at"})
AMOUNT_KEYS = frozenset({
    "amount", "total", "budget_monthly", "previous_total", "premium_before_tax", "discount", "annual_premium", "earned",
    "refund", "allocated", "credit", "client_balance",
})  # fmt: skip
PERCENT_KEYS = frozenset({"percent"})
DIGEST_KEYS = frozenset({"scenario_hash", "content_hash", "digest", "catalogue", "fingerprint", "replaces"})
# Numbers a person reads as written: never grouped (« 2026 », not « 2 026 »).
PLAIN_NUMBER_KEYS = frozenset({
    "seed", "version", "session_generation", "sandbox_id", "exam_session_id", "user_id", "token_id", "snapshot_id",
    "check_id", "decision_id", "non_conformity_id", "document_request_id", "interaction_id", "client_id",
    "referral_id", "document_id", "quote_id", "task_id", "needs_id", "request_id", "quote_version", "reminder",
})  # fmt: skip
# Keys of the catalogue's words (the vocabulary's `terms`), of the acceptance rules' codes.
TERM_KEYS = frozenset({
    "guarantee", "deductible", "option", "options", "product", "formula", "frequency", "field", "already_covered",
    "eco_options", "products",
})  # fmt: skip
RULE_KEYS = frozenset({"rules_fired", "overridden"})
# Ids a number of the same entry already names (the record's number is in the record's label).
REDUNDANT = {
    "request_number": (),
    "client_id": ("client_number", "number"),
    "interaction_id": (),
    "referral_id": ("referral_number",),
    "quote_id": (),  # the quote is the entry's record (named with its number)
    "contract_id": ("contract_number",),  # a termination's record is the contract, named by its number
    "needs_id": (),
    "task_id": (),
    # the codes' labels are read with the codes
    "mark_label": (),
    "block_label": (),
    "decision_label": (),
}
# Keys an action names by its record already (a client document's own id).
ACTION_REDUNDANT = frozenset((action, "document_id") for action in CLIENT_DOCUMENT_ACTIONS)


# --- what the page, the export and the report read ---------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """What a readable entry needs beyond the entry: the records' labels by (type, id), the catalogue's
    words by code (products, formulas, guarantees, options, deductibles, frequencies, risk fields,
    documents), the acceptance rules' labels by code."""

    records: Mapping[tuple[str, str], str] = field(default_factory=dict)
    terms: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str

    def text(self) -> str:
        return f"{self.label} : {self.before} → {self.after}"


@dataclass(frozen=True)
class ReadableEntry:
    seq: int
    action: str  # the stored code, for links and filters; never printed
    action_label: str
    codes: tuple[tuple[str, str], ...]  # (code, title) of the referential
    record_label: str
    actor: str
    actor_role: str
    sandbox_date: str
    recorded_at: str
    input: tuple[tuple[str, str], ...]
    outcome: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]

    def lines(self) -> list[str]:
        """Every detail as « Label : valeur » (input, outcome, then the changes)."""
        return [f"{label} : {value}" for label, value in (*self.input, *self.outcome)] + [
            change.text() for change in self.changes
        ]


# --- formatting ----------------------------------------------------------------------------------------


def readable_code(code: str) -> str:
    """A code nobody labelled, made readable (« option_retiree » → « Option retiree »)."""
    text = code.replace("_", " ").replace(".", " ").strip()
    return text[:1].upper() + text[1:] if text else NOTHING


def key_label(key: str, action: str = "", *, strict: bool = False) -> str:
    found = ACTION_KEY_LABELS.get((action, key)) or KEY_LABELS.get(key) or TABLE_LABELS.get(key)
    if found:
        return found
    if strict:
        raise Unlabelled(f"clé sans libellé : {key!r} (action {action!r})")
    return "Donnée non décrite"


def code_label(key: str, code: str, *, strict: bool = False) -> str:
    found = CODE_LABELS.get(key, {}).get(code)
    if found:
        return str(found)
    if strict:
        raise Unlabelled(f"code sans libellé : {code!r} pour {key!r}")
    return readable_code(code)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return french.datetime_text(value)
    if isinstance(value, date):
        return french.date_text(value, "long")
    if isinstance(value, str) and ISO_DATE.match(value):
        return french.date_text(date.fromisoformat(value), "long")
    if isinstance(value, str) and ISO_INSTANT.match(value):
        return french.datetime_text(datetime.fromisoformat(value.replace("Z", "+00:00")))
    return str(value)


class _Formatter:
    def __init__(self, vocabulary: Vocabulary, strict: bool, action: str) -> None:
        self.vocabulary, self.strict, self.action = vocabulary, strict, action

    def label(self, key: str) -> str:
        return key_label(key, self.action, strict=self.strict)

    def term(self, code: str) -> str:
        found = self.vocabulary.terms.get(code)
        if found:
            return found
        if self.strict:
            raise Unlabelled(f"terme du catalogue sans libellé : {code!r}")
        return readable_code(code)

    def record(self, record_type: str, value: Any) -> str:
        found = self.vocabulary.records.get((record_type, str(value)))
        return found or f"n° {value}"

    def value(self, key: str, value: Any) -> str:
        """One value of `key`, as a person writes it."""
        if value is None or value == "" or value == [] or value == {}:
            return NOTHING
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, list):
            return ", ".join(self.value(key, item) for item in value)
        special = SPECIAL.get(key)
        if special is not None:
            return special(self, value)
        if isinstance(value, dict):
            return "; ".join(f"{self.label(k)} : {self.value(k, v)}" for k, v in value.items())
        if key in CODE_LABELS:
            return code_label(key, str(value), strict=self.strict)
        if key in TERM_KEYS:
            return self.term(str(value))
        if key in RULE_KEYS:
            rule = self.vocabulary.rules.get(str(value))
            if rule is None and self.strict:
                raise Unlabelled(f"règle sans libellé : {value!r}")
            return f"{rule} (réf. {value})" if rule else str(value)
        if key in DATE_KEYS or key in INSTANT_KEYS:
            return _date(value)
        if key in AMOUNT_KEYS and (amount := _decimal(value)) is not None:
            return french.euros(amount)
        if key in PERCENT_KEYS and (rate := _decimal(value)) is not None:
            return french.percent(rate)
        if key in DIGEST_KEYS and isinstance(value, str) and HEX_DIGEST.match(value):
            return f"{value[:12]}…"
        if key in PLAIN_NUMBER_KEYS:
            return self.numbered(key, value)
        if isinstance(value, int | Decimal):
            return french.number(value)
        if isinstance(value, str) and (ISO_DATE.match(value) or ISO_INSTANT.match(value)):
            return _date(value)
        return str(value)

    def numbered(self, key: str, value: Any) -> str:
        record_type = {"client_id": "client", "document_id": "document", "interaction_id": "interaction"}.get(key)
        if record_type:
            return self.record(record_type, value)
        return f"n° {value}" if key.endswith("_id") else str(value)


def _counts(formatter: _Formatter, value: Any) -> str:
    return ", ".join(f"{formatter.label(table)} : {french.number(count)}" for table, count in dict(value).items())


def _sequences(formatter: _Formatter, value: Any) -> str:
    return ", ".join(f"{formatter.label(table)} : {count}" for table, count in dict(value).items())


def _products(formatter: _Formatter, value: Any) -> str:
    if not isinstance(value, dict):  # a quote's products, by code
        return formatter.term(str(value))
    return ", ".join(f"{formatter.term(code)} {version}" for code, version in value.items())


def _count_or(render: Callable[[_Formatter, Any], str]) -> Callable[[_Formatter, Any], str]:
    """A key journaled as a count in the outcome and as the items in the input."""

    def special(formatter: _Formatter, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return french.number(value)
        return render(formatter, value)

    return special


def _details(formatter: _Formatter, value: Mapping[str, Any], skip: tuple[str, ...] = ()) -> str:
    """A small record's filled fields, « Label : valeur » apart."""
    return ", ".join(
        f"{formatter.label(key)} : {formatter.value(key, item)}"
        for key, item in value.items()
        if key not in skip and item not in (None, "", [], {})
    )


def _risk_value(formatter: _Formatter, name: str, value: Any) -> str:
    choice = formatter.vocabulary.terms.get(f"{name}:{value}")
    if choice:
        return choice
    if isinstance(value, str) and (ISO_DATE.match(value) or ISO_INSTANT.match(value)):
        return _date(value)
    if isinstance(value, str) and value.isdigit():
        return value  # a postcode, written as typed
    number = _decimal(value)
    if number is not None:
        return french.number_text(number)
    if isinstance(value, str) and formatter.strict:
        raise Unlabelled(f"choix sans libellé : {value!r} pour la donnée de risque {name!r}")
    return formatter.value("value", value)


def _risk(formatter: _Formatter, value: Any) -> str:
    return ", ".join(f"{formatter.term(name)} : {_risk_value(formatter, name, item)}" for name, item in value.items())


def _line_needs(formatter: _Formatter, value: Any) -> str:
    if isinstance(value, str):  # the lines named in the outcome
        return code_label("line", value, strict=formatter.strict)
    if isinstance(value, dict) and "product" in value:  # a quote's line
        head = " ".join(formatter.term(str(value[key])) for key in ("product", "formula") if value.get(key))
        details = _details(formatter, value, skip=("product", "formula", "risk"))
        risk = f" ; {formatter.label('risk')} : {_risk(formatter, value['risk'])}" if value.get("risk") else ""
        return f"{head} ({details}){risk}" if details else f"{head}{risk}"
    return " ; ".join(  # the needs by line of business
        f"{code_label('line', line, strict=formatter.strict)} : {_details(formatter, needs)}"
        for line, needs in dict(value).items()
    )


def _recommendation(formatter: _Formatter, value: Any) -> str:
    head = " ".join(formatter.term(str(value[key])) for key in ("product", "formula") if value.get(key))
    return f"{head} ({_details(formatter, value, skip=('product', 'formula'))})"


def _contract(formatter: _Formatter, value: Any) -> str:
    return f"{value.get('number')} ({_details(formatter, value, skip=('number',))})"


def _task(formatter: _Formatter, value: Any) -> str:
    return f"{code_label('department', str(value.get('department')), strict=formatter.strict)} : {value.get('subject')}"


def _previous(formatter: _Formatter, value: Any) -> str:
    status = value.get("status") or {}
    before, after = (code_label("status", str(status.get(end)), strict=formatter.strict) for end in ("from", "to"))
    return f"version {value.get('version')} : {before} → {after}"


def _source(formatter: _Formatter, value: Any) -> str:
    if not isinstance(value, dict):  # a catalogue's directory
        return str(value)
    kind = SOURCE_KINDS.get(str(value.get("type")))
    if kind is None and formatter.strict:
        raise Unlabelled(f"type de dossier sans libellé : {value.get('type')!r}")
    record_type = str(value.get("type"))
    return f"{kind or RECORD_KINDS.get(record_type, 'Dossier')} {formatter.record(record_type, value.get('id'))}"


def _wanted(formatter: _Formatter, value: Any) -> str:
    return formatter.term(str(value))


def _score(formatter: _Formatter, value: Any) -> str:
    level, probability = value.get("level"), _decimal(value.get("probability"))
    chance = f" (probabilité {french.percent((probability * 100).normalize())})" if probability is not None else ""
    return f"{level or NOTHING}{chance}"


def _sandboxes(formatter: _Formatter, value: Any) -> str:
    return f"{value.get('candidate')} (bac à sable n° {value.get('id')})"


def _condition(formatter: _Formatter, value: Any) -> str:
    kind = code_label("kind", str(value.get("kind")), strict=formatter.strict)
    details = [
        f"{formatter.label(key)} : {formatter.value(key, item)}"
        for key, item in value.items()
        if key not in ("kind", "label") and item not in (None, "")
    ]
    label = f" « {value['label']} »" if value.get("label") else ""
    return f"{kind}{label}" + (f" ({', '.join(details)})" if details else "")


def _expert_answer(formatter: _Formatter, value: Any) -> str:
    expert = code_label("expert", str(value.get("expert")), strict=formatter.strict)
    return f"{expert} : {code_label('verdict', str(value.get('verdict')), strict=formatter.strict)}"


def _element(formatter: _Formatter, value: Any) -> str:
    return formatter.record("document", value)


SPECIAL: dict[str, Callable[[_Formatter, Any], str]] = {
    "counts": _counts,
    "sequences": _sequences,
    "products": _products,
    "score": _score,
    "sandboxes": _sandboxes,
    "conditions": _condition,
    "expert_answers": _expert_answer,
    "elements": _element,
    "lines": _count_or(_line_needs),
    "recommendations": _count_or(_recommendation),
    "wanted": _count_or(_wanted),
    "contracts": _contract,
    "tasks": _task,
    "previous": _previous,
    "source": _source,
    "risk": _risk,
}
SOURCE_KINDS = RECORD_TYPE_LABELS


def _is_change(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"from", "to"}


def _pairs(formatter: _Formatter, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for key, value in data.items():
        if key in REDUNDANT and (not REDUNDANT[key] or any(data.get(other) for other in REDUNDANT[key])):
            continue
        if (formatter.action, key) in ACTION_REDUNDANT:
            continue
        if key == "changes" or _is_change(value) or value is None or value == "" or value == [] or value == {}:
            continue  # a field left empty is not written down; changes are listed apart
        pairs.append((formatter.label(key), formatter.value(key, value)))
    return pairs


def _changes(formatter: _Formatter, outcome: Mapping[str, Any]) -> list[Change]:
    found: list[Change] = []
    if set(outcome) == {"from", "to"}:  # the clock's move: the outcome is the change itself
        return [Change(formatter.label("from"), formatter.value("from", outcome["from"]),
                       formatter.value("to", outcome["to"]))]  # fmt: skip
    changed = {key: value for key, value in outcome.items() if _is_change(value)}
    changed.update(outcome.get("changes") or {})
    for key, value in changed.items():
        if value.get("from") == value.get("to"):
            continue  # unchanged (a seeding keeps the simulation date): nothing to read
        label = formatter.label(key) if key in KEY_LABELS or (formatter.action, key) in ACTION_KEY_LABELS else None
        if label is None:
            label = formatter.term(key)  # a risk datum of the catalogue (first_registration_date…)
        kind = key if key in KEY_LABELS else "value"
        found.append(Change(label, formatter.value(kind, value.get("from")), formatter.value(kind, value.get("to"))))
    return found


RECORD_KINDS = {
    "client": "Client",
    "request": "Demande",
    "contract": "Contrat",
    "quote": "Devis",
    "interaction": "Contact",
    "referral": "Transmission",
    "document": "Pièce",
    "sandbox": "Bac à sable",
    "user": "Compte",
    "exam_session": "Session d'examen",
    "catalogue_snapshot": "Catalogue",
    "task": "Tâche",
    "client_document": "Document",
    "evaluation_mark": "Appréciation du critère",
    "committee_decision": "Décision du jury",
    "payment": "Paiement",
}


def _fallback_detail(entry: JournalEntry, vocabulary: Vocabulary) -> str | None:
    """The label of a record of the offers, the issue, the documents or the committee, from its entry."""
    outcome, data = entry.outcome or {}, entry.input or {}
    record_type = entry.record_type
    if record_type == "quote" and (number := outcome.get("number") or outcome.get("quote_number")):
        return f"Devis {number}"
    if record_type == "task" and outcome.get("department"):
        about = f" — contrat {outcome['contract_number']}" if outcome.get("contract_number") else ""
        return f"Tâche du service {code_label('department', str(outcome['department']))}{about}"
    if record_type == "client_document" and outcome.get("kind"):
        client = vocabulary.records.get(("client", str(outcome.get("client_id"))), "")
        number = outcome.get("client_number") or (  # the number as written, else the client's record
            client.split(" ")[1] if client.startswith("Client ") else f"n° {outcome.get('client_id')}"
        )
        return f"Document « {code_label('kind', str(outcome['kind']))} » — client {number}"
    if record_type == "evaluation_mark" and data.get("criterion"):
        return f"Appréciation du critère {data['criterion']}"
    if record_type == "committee_decision" and data.get("block"):
        return f"Décision du jury — {code_label('block', str(data['block']))}"
    return None


def record_fallback(entry: JournalEntry, vocabulary: Vocabulary | None = None) -> str:
    """The record's label from the entry alone (a record a reset removed): its number when journaled."""
    if entry.record_type is None:
        return NOTHING
    detail = _fallback_detail(entry, vocabulary or Vocabulary())
    if detail:
        return detail
    outcome, data = entry.outcome or {}, entry.input or {}
    kind = RECORD_KINDS.get(entry.record_type, readable_code(entry.record_type))
    number = outcome.get("number") or outcome.get("request_number") or outcome.get("client_number")
    if entry.action == "client.create" and outcome.get("number"):  # the only entry with the whole name
        name = " ".join(str(part) for part in (data.get("last_name"), data.get("first_name")) if part)
        name = name or str(data.get("company_name") or "")
        return f"{kind} {number}{' ' + name if name else ''}"
    if entry.record_type == "interaction" and outcome.get("client_number"):
        day = f" du {_date(data['occurred_on'])}" if data.get("occurred_on") else ""
        return f"{kind}{day} — client {outcome['client_number']}"
    if number and entry.record_type in ("request", "client"):
        return f"{kind} {number}"
    return f"{kind} n° {entry.record_id}"


def readable_entry(entry: JournalEntry, vocabulary: Vocabulary | None = None, *, strict: bool = False) -> ReadableEntry:
    """One entry as a person reads it; `strict` raises `Unlabelled` on a key or code without a label."""
    vocabulary = vocabulary or Vocabulary()
    formatter = _Formatter(vocabulary, strict, entry.action)
    kind = ACTIONS.get(entry.action)
    if kind is None and strict:
        raise Unlabelled(f"action sans libellé : {entry.action!r}")
    record = vocabulary.records.get((entry.record_type or "", entry.record_id or "")) or record_fallback(
        entry, vocabulary
    )
    role = ROLE_LABELS.get(entry.actor_role) or code_label("role", entry.actor_role, strict=strict)
    return ReadableEntry(
        seq=entry.seq,
        action=entry.action,
        action_label=kind.label if kind else readable_code(entry.action),
        codes=tuple((code, REFERENTIAL_CODES.get(code, "")) for code in entry.codes),
        record_label=record,
        actor=entry.actor_username,
        actor_role=role,
        sandbox_date=french.date_text(entry.sandbox_date, "long") if entry.sandbox_date else NOTHING,
        recorded_at=french.datetime_text(entry.recorded_at),
        input=tuple(_pairs(formatter, entry.input or {})),
        outcome=tuple(_pairs(formatter, entry.outcome or {})),
        changes=tuple(_changes(formatter, entry.outcome or {})),
    )


def readable_entries(
    entries: Sequence[JournalEntry], vocabulary: Vocabulary | None = None, *, strict: bool = False
) -> list[ReadableEntry]:
    return [readable_entry(entry, vocabulary, strict=strict) for entry in entries]
