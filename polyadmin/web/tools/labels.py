"""Labels of the calculators' fields, for the error summary: the same words as the fields of the page."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from polyadmin.web.tools.forms import PERIOD_ROWS

LABELS: dict[str, Any] = {
    "crm": _l("Coefficient actuel (CRM)"),
    "usage": _l("Usage du véhicule"),
    "years_at_floor": _l("Années déjà passées à 0,50"),
    "years": _l("Périodes de référence"),
    "years_licensed": _l("Années de permis"),
    "claim_free_years": _l("Années sans sinistre responsable"),
    "accompanied_driving": _l("Conduite accompagnée"),
}
for _row in range(PERIOD_ROWS):
    LABELS[f"at_fault_{_row}"] = _l("Période %(num)s — sinistres responsables", num=_row + 1)
    LABELS[f"partial_{_row}"] = _l("Période %(num)s — sinistres partiellement responsables", num=_row + 1)
