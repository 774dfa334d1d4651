"""Labels of the exam session form's fields, for the error summary."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

SESSION_FIELD_LABELS: dict[str, Any] = {
    "name": _l("Nom de la session"),
    "starts_on": _l("Date de début"),
    "ends_on": _l("Date de fin"),
    "scenario": _l("Scénario"),
    "seed": _l("Graine"),
    "candidates": _l("Candidats"),
    "evaluators": _l("Évaluateurs"),
    "catalogue": _l("Version du catalogue"),
}
