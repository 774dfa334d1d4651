"""Labels of the portfolio's stored codes (statuses, channels, liabilities…) for the pages.

`{{ value|label('contract_status') }}` prints the label of a code, or the code made readable
(« en_attente » → « En attente ») when a scenario uses one the pages do not know yet. The filters of this
module are listed in `FILTERS` and registered by `polyadmin.web.filters.register_filters`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from polyadmin.documents.specimen_kinds import (
    CLAIM_NATURE_LABELS,
    LIABILITY_LABELS,
    TERMINATION_REASON_LABELS,
    kind_title,
)
from polyadmin.domain import clients as client_domain
from polyadmin.domain import french
from polyadmin.domain.identifiers import format_iban
from polyadmin.domain.interactions import CHANNELS, DIRECTIONS
from polyadmin.web.formatting import FIELD_LABELS

LABELS: dict[str, Mapping[str, Any]] = {
    "client_status": {"client": _l("Client"), "prospect": _l("Prospect")},
    "relation": {
        "spouse": _l("Conjoint(e)"),
        "child": _l("Enfant"),
        "parent": _l("Parent"),
        "director": _l("Dirigeant(e)"),
        "company": _l("Société"),
    },
    "contract_status": {"active": _l("En cours"), "suspended": _l("Suspendu"), "terminated": _l("Résilié")},
    "instalment_status": {
        "due": _l("À échoir"),
        "paid": _l("Payée"),
        "unpaid": _l("Impayée"),
        "cancelled": _l("Annulée"),
    },
    "payment_method": {
        "prelevement": _l("Prélèvement SEPA"),
        "cheque": _l("Chèque"),
        "virement": _l("Virement"),
        "carte": _l("Carte bancaire"),
    },
    "liability": LIABILITY_LABELS,
    "claim_kind": CLAIM_NATURE_LABELS,
    "claim_status": {"open": _l("En cours"), "closed": _l("Clos")},
    "channel": {**CHANNELS, "web": "Site internet"},
    "direction": {"entrant": _l("Entrant"), "sortant": _l("Sortant")},
    "request_status": {
        "nouvelle": _l("Nouvelle"),
        "en_cours": _l("En cours"),
        "en_attente": _l("En attente de pièces"),
        "transmise": _l("Transmise pour avis"),
        "acceptee": _l("Acceptée"),
        "refusee": _l("Refusée"),
        "classee": _l("Classée"),
    },
    "expected_outcome": {
        "accept": _l("Accepter"),
        "accept_conditions": _l("Accepter sous conditions"),
        "refer": _l("Transmettre pour avis (hors délégation)"),
        "decline": _l("Refuser"),
        "missing_document": _l("Réclamer la pièce manquante"),
    },
    "line": {
        "auto": _l("Automobile"),
        "habitation": _l("Habitation"),
        "sante": _l("Santé"),
        "emprunteur": _l("Emprunteur"),
        "professionnelle": _l("Professionnelle"),
    },
    "terminated_by": {"insurer": _l("L'assureur"), "insured": _l("L'assuré")},
    "termination_reason": TERMINATION_REASON_LABELS,
    "dwelling_type": {"appartement": _l("Appartement"), "maison": _l("Maison")},
    "occupancy": {
        "locataire": _l("Locataire"),
        "proprietaire_occupant": _l("Propriétaire occupant"),
        "proprietaire_non_occupant": _l("Propriétaire non occupant"),
        "colocataire": _l("Colocataire"),
    },
    "residence": {"principale": _l("Résidence principale"), "secondaire": _l("Résidence secondaire")},
    "hazard_zone": {
        "aucune": _l("Aucune"),
        "inondation": _l("Zone inondable"),
        "argiles": _l("Retrait-gonflement des argiles"),
        "seisme": _l("Zone sismique"),
        "littoral": _l("Submersion marine"),
    },
    "energy": {
        "essence": _l("Essence"),
        "diesel": _l("Diesel"),
        "electrique": _l("Électrique"),
        "hybride": _l("Hybride"),
        "hybride_rechargeable": _l("Hybride rechargeable"),
        "gpl": _l("GPL"),
    },
    "usage": {
        "prive": _l("Privé"),
        "prive_trajet": _l("Privé et trajet domicile-travail"),
        "trajet": _l("Privé et trajet domicile-travail"),
        "professionnel": _l("Professionnel"),
        "tournees": _l("Tournées professionnelles"),
    },
    "security": {
        "alarme": _l("Alarme"),
        "porte_blindee": _l("Porte blindée"),
        "serrure_3_points": _l("Serrure trois points"),
        "volets": _l("Volets"),
        "barreaux": _l("Barreaux aux fenêtres"),
        "detecteur_fumee": _l("Détecteur de fumée"),
        "digicode": _l("Digicode"),
        "gardien": _l("Gardien"),
    },
    "loan_purpose": {
        "residence_principale": _l("Résidence principale"),
        "residence_secondaire": _l("Résidence secondaire"),
        "investissement_locatif": _l("Investissement locatif"),
        "travaux": _l("Travaux"),
        "consommation": _l("Crédit à la consommation"),
        "professionnel": _l("Prêt professionnel"),
        "vehicule": _l("Véhicule"),
    },
    "expert": {
        "medecin_conseil": _l("Médecin-conseil"),
        "service_technique": _l("Service technique"),
        "juridique": _l("Service juridique"),
        "souscripteur_senior": _l("Souscripteur senior"),
    },
}


def readable(code: str) -> str:
    """« en_attente » → « En attente »: an unknown code still reads as words."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def label(value: object, kind: str) -> str:
    if value is None or value == "":
        return "—"
    code = str(value)
    if kind == "document":
        title = kind_title(code)
        return title if title != code else readable(code)
    found = LABELS.get(kind, {}).get(code)
    return str(found) if found else readable(code)


# The keys of a request's declared data (`subscription_requests.requested`) that are not client fields.
REQUEST_FIELDS: dict[str, Any] = {
    "formula": _l("Formule demandée"),
    "options": _l("Options demandées"),
    "frequency": _l("Fractionnement souhaité"),
    "deductibles": _l("Franchises"),
    "start_date": _l("Date d'effet souhaitée"),
    "message": _l("Message du client"),
    "risk": _l("Données du risque déclarées"),
    "declared": _l("Déclarations"),
    "crm": _l("Coefficient bonus-malus (CRM) déclaré"),
    "licence_date": _l("Date du permis"),
    "claims": _l("Sinistres déclarés"),
    "registration": _l("Immatriculation"),
    "vehicle_group": _l("Groupe SRA"),
    "annual_mileage": _l("Kilométrage annuel"),
    "usage": _l("Usage"),
    "surface": _l("Surface (m²)"),
    "rooms": _l("Nombre de pièces"),
    "capital": _l("Capital"),
    "duration_months": _l("Durée (mois)"),
    "turnover": _l("Chiffre d'affaires"),
    "staff": _l("Effectif"),
}


def request_field(key: str) -> str:
    found = REQUEST_FIELDS.get(key)
    return str(found) if found else FIELD_LABELS.get(key) or readable(key)


def iban(value: str) -> str:
    """`FR7630006000…` → `FR76 3000 6000 …`, as printed on a RIB."""
    return format_iban(value)


def decimal_text(value: object) -> str:
    """A number declared as text or number (« 0.50 », 7800) the French way, as precise as written
    (« 0,50 », « 7 800 »)."""
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    return french.number_as_written(number, get_locale())


INTERACTION_CHANNELS = CHANNELS
INTERACTION_DIRECTIONS = DIRECTIONS


def choices() -> dict[str, Any]:
    """The choice lists of the client form and page (codes → French labels), as template variables."""
    return {
        "kinds": client_domain.CLIENT_KINDS,
        "civilities": client_domain.CIVILITIES,
        "family_situations": client_domain.FAMILY_SITUATIONS,
        "legal_forms": client_domain.LEGAL_FORMS,
        "channels": client_domain.CONTACT_CHANNELS,
        "formats": client_domain.ACCESSIBLE_FORMATS,
        "purposes": client_domain.GDPR_PURPOSES,
    }


FILTERS: dict[str, Callable[..., str]] = {
    "label": label,
    "request_field": request_field,
    "iban": iban,
    "decimal_text": decimal_text,
}
