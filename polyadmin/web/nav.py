"""The navigation of the sandbox area: live areas link, future ones say « à venir »."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Area:
    key: str
    label: Any
    endpoint: str | None  # None: not available yet
    jury_only: bool = False  # shown only to who reads the evaluation (g.can_read_evaluation)


SANDBOX_AREAS = (
    Area("corbeille", _l("Corbeille"), "web.sandbox_home"),
    Area("clients", _l("Clients"), "web.client_list"),
    Area("catalogue", _l("Catalogue"), "web.catalogue_list"),
    Area("simulateur", _l("Simulateur"), "web.simulator"),
    Area("devis", _l("Devis"), "web.quote_list"),
    Area("contrats", _l("Contrats"), "web.contract_list"),
    Area("encaissements", _l("Encaissements"), "web.collections"),
    Area("documents", _l("Documents"), "web.document_list"),
    Area("journal", _l("Journal"), "web.journal"),
    Area("outils", _l("Outils"), "web.tools"),
    Area("evaluation", _l("Évaluation"), "web.evaluation_grid", jury_only=True),
    Area("taches", _l("Tâches"), "web.task_list"),
)


def navigation_context() -> dict[str, Any]:
    return {"sandbox_areas": SANDBOX_AREAS}
