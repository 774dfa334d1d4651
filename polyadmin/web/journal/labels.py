"""Labels of the journal page's filters: the actions a sandbox's journal can hold, the referential codes."""

from __future__ import annotations

from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES
from polyadmin.validation.sessions import JOURNAL_RECORD_TYPES

PLATFORM_ACTIONS = ("user.", "auth.", "exam_session.", "catalogue.", "evaluation.")  # never in a sandbox's stream
ACTION_CHOICES = {name: kind.label for name, kind in ACTIONS.items() if not name.startswith(PLATFORM_ACTIONS)}
CODE_CHOICES = {code: f"{code} — {title}" for code, title in REFERENTIAL_CODES.items()}
JOURNAL_FILTER_LABELS = {
    "action": "Action",
    "record": "Enregistrement",
    "record_type": "Type d'enregistrement",
    "record_search": "Numéro ou nom",
    "code": "Code du référentiel",
    "date_from": "Du",
    "date_to": "Au",
    "page": "Page",
    "per_page": "Entrées par page",
}
RECORD_TYPE_CHOICES = JOURNAL_RECORD_TYPES
EXPORT_FORMATS = {"csv": "CSV (tableur, « ; »)", "jsonl": "JSON Lines (archive vérifiable)"}
