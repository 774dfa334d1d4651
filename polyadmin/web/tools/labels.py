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

LABELS.update(
    {
        "ground": _l("Motif de résiliation"),
        "subscribed_on": _l("Date de première souscription"),
        "period_start": _l("Début de la période de prime"),
        "period_end": _l("Fin de la période de prime (incluse)"),
        "annual_premium": _l("Prime de la période (€)"),
        "notice_sent_on": _l("Envoi de la lettre de résiliation"),
        "notice_received_on": _l("Réception de la lettre"),
        "event_on": _l("Date de l'événement (vente, changement de situation)"),
        "due_date": _l("Échéance annuelle"),
        "notice_of_right_sent_on": _l("Envoi de l'avis d'échéance (loi Chatel)"),
        "professional": _l("Risque professionnel"),
    }
)
UNPAID_LABELS: dict[str, Any] = {
    "up_due_date": _l("Échéance de la prime impayée"),
    "up_notice_sent_on": _l("Envoi de la mise en demeure"),
    "up_paid_on": _l("Paiement des arriérés"),
}
