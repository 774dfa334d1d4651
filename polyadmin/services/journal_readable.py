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
from polyadmin.domain.interactions import CHANNELS as INTERACTION_CHANNELS
from polyadmin.domain.interactions import DIRECTIONS
from polyadmin.domain.roles import Role
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
    # a record a correction reaches too (services.casework.MIRRORED)
    "vehicles.first_registration": "Véhicule : date de première mise en circulation",
}

# Keys whose label depends on the action (the clock move's outcome is « from → to »).
ACTION_KEY_LABELS: dict[tuple[str, str], str] = {
    ("sandbox.clock.move", "from"): "Date de la simulation",
    ("sandbox.clock.move", "to"): "Date de la simulation",
    ("request.consult", "status"): "Statut de la demande",
    ("request.documents_received", "document_kind"): "Type de pièce reçue",
    ("exam_session.create", "catalogue"): "Catalogue",
    ("exam_session.catalogue.pin", "catalogue"): "Catalogue",
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
    "client": "Clients (CL-)",
    "contract": "Contrats (CT-)",
    "request": "Demandes (DS-)",
    "referral": "Transmissions (TR-)",
    "quote": "Devis (DV-)",
}

# --- codes of the known enumerations -------------------------------------------------------------------

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

CODE_LABELS: dict[str, Mapping[str, str]] = {
    "kind": {**client_domain.CLIENT_KINDS, **{kind.value: text for kind, text in CONDITION_LABELS.items()}},
    "civility": client_domain.CIVILITIES,
    "family_situation": client_domain.FAMILY_SITUATIONS,
    "legal_form": client_domain.LEGAL_FORMS,
    "preferred_channel": client_domain.CONTACT_CHANNELS,
    "accessible_formats": client_domain.ACCESSIBLE_FORMATS,
    "gdpr_purposes": client_domain.GDPR_PURPOSES,
    "channel": {**INTERACTION_CHANNELS, **REQUEST_CHANNELS, **SIGN_IN_CHANNELS},
    "direction": DIRECTIONS,
    "what": CONSULTED,
    "status": {status.value: text for status, text in STATUS_LABELS.items()},
    "document_request_status": FOLLOW_UP_STATES,
    "verdict": {**DOCUMENT_VERDICTS, **{verdict.value: text for verdict, text in VERDICT_LABELS.items()}},
    "recommendation": {outcome.value: text for outcome, text in OUTCOME_LABELS.items()},
    "outcome": DECISIONS,
    "expert": {role.value: text for role, text in EXPERT_LABELS.items()},
    "recommended_experts": {role.value: text for role, text in EXPERT_LABELS.items()},
    "document_kind": DOCUMENT_KINDS,
    "documents": DOCUMENT_KINDS,
    "role": ROLE_LABELS,
}

# --- kinds of values -----------------------------------------------------------------------------------

DATE_KEYS = frozenset({
    "birth_date", "occurred_on", "deadline", "answer_due", "date", "from", "to", "business_date", "starts_on",
    "ends_on", "effective_date", "vehicles.first_registration",
})  # fmt: skip
INSTANT_KEYS = frozenset({"locked_until", "address_locked_until", "expires_at"})
AMOUNT_KEYS = frozenset({"amount", "total"})
PERCENT_KEYS = frozenset({"percent"})
DIGEST_KEYS = frozenset({"scenario_hash", "content_hash", "digest", "catalogue"})
# Numbers a person reads as written: never grouped (« 2026 », not « 2 026 »).
PLAIN_NUMBER_KEYS = frozenset({
    "seed", "version", "session_generation", "sandbox_id", "exam_session_id", "user_id", "token_id", "snapshot_id",
    "check_id", "decision_id", "non_conformity_id", "document_request_id", "interaction_id", "client_id",
    "referral_id", "document_id",
})  # fmt: skip
# Keys of the catalogue's words (the vocabulary's `terms`), of the acceptance rules' codes.
TERM_KEYS = frozenset({"guarantee", "deductible", "option", "options", "product", "formula", "frequency", "field"})
RULE_KEYS = frozenset({"rules_fired", "overridden"})
# Ids a number of the same entry already names (the record's number is in the record's label).
REDUNDANT = {
    "request_number": (),
    "client_id": ("client_number", "number"),
    "interaction_id": (),
    "referral_id": ("referral_number",),
}


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
    return ", ".join(f"{formatter.term(code)} {version}" for code, version in dict(value).items())


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
}


def _is_change(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"from", "to"}


def _pairs(formatter: _Formatter, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for key, value in data.items():
        if key in REDUNDANT and (not REDUNDANT[key] or any(data.get(other) for other in REDUNDANT[key])):
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
}


def record_fallback(entry: JournalEntry) -> str:
    """The record's label from the entry alone (a record a reset removed): its number when journaled."""
    if entry.record_type is None:
        return NOTHING
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
    record = vocabulary.records.get((entry.record_type or "", entry.record_id or "")) or record_fallback(entry)
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
