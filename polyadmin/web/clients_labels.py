"""French labels of the portfolio's stored codes (statuses, channels, liabilities…) for the pages.

`{{ value|label('contract_status') }}` prints the label of a code, or the code made readable
(« en_attente » → « En attente ») when a scenario uses one the pages do not know yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from flask_babel import format_decimal

from polyadmin.documents.specimen_kinds import (
    CLAIM_NATURE_LABELS,
    LIABILITY_LABELS,
    TERMINATION_REASON_LABELS,
    kind_title,
)
from polyadmin.domain.identifiers import format_iban
from polyadmin.domain.interactions import CHANNELS
from polyadmin.web.blueprint import bp
from polyadmin.web.formatting import FIELD_LABELS

LABELS: dict[str, Mapping[str, str]] = {
    "client_status": {"client": "Client", "prospect": "Prospect"},
    "relation": {
        "spouse": "Conjoint(e)",
        "child": "Enfant",
        "parent": "Parent",
        "director": "Dirigeant(e)",
        "company": "Société",
    },
    "contract_status": {"active": "En cours", "suspended": "Suspendu", "terminated": "Résilié"},
    "instalment_status": {"due": "À échoir", "paid": "Payée", "unpaid": "Impayée", "cancelled": "Annulée"},
    "payment_method": {
        "prelevement": "Prélèvement SEPA",
        "cheque": "Chèque",
        "virement": "Virement",
        "carte": "Carte bancaire",
    },
    "liability": LIABILITY_LABELS,
    "claim_kind": CLAIM_NATURE_LABELS,
    "claim_status": {"open": "En cours", "closed": "Clos"},
    "channel": {**CHANNELS, "web": "Site internet"},
    "direction": {"entrant": "Entrant", "sortant": "Sortant"},
    "request_status": {
        "nouvelle": "Nouvelle",
        "en_cours": "En cours",
        "en_attente": "En attente de pièces",
        "transmise": "Transmise pour avis",
        "acceptee": "Acceptée",
        "refusee": "Refusée",
        "classee": "Classée",
    },
    "expected_outcome": {
        "accept": "Accepter",
        "accept_conditions": "Accepter sous conditions",
        "refer": "Transmettre pour avis (hors délégation)",
        "decline": "Refuser",
        "missing_document": "Réclamer la pièce manquante",
    },
    "line": {
        "auto": "Automobile",
        "habitation": "Habitation",
        "sante": "Santé",
        "emprunteur": "Emprunteur",
        "professionnelle": "Professionnelle",
    },
    "terminated_by": {"insurer": "L'assureur", "insured": "L'assuré"},
    "termination_reason": TERMINATION_REASON_LABELS,
    "dwelling_type": {"appartement": "Appartement", "maison": "Maison"},
    "occupancy": {
        "locataire": "Locataire",
        "proprietaire_occupant": "Propriétaire occupant",
        "proprietaire_non_occupant": "Propriétaire non occupant",
        "colocataire": "Colocataire",
    },
    "residence": {"principale": "Résidence principale", "secondaire": "Résidence secondaire"},
    "hazard_zone": {
        "aucune": "Aucune",
        "inondation": "Zone inondable",
        "argiles": "Retrait-gonflement des argiles",
        "seisme": "Zone sismique",
        "littoral": "Submersion marine",
    },
    "energy": {
        "essence": "Essence",
        "diesel": "Diesel",
        "electrique": "Électrique",
        "hybride": "Hybride",
        "hybride_rechargeable": "Hybride rechargeable",
        "gpl": "GPL",
    },
    "usage": {
        "prive": "Privé",
        "prive_trajet": "Privé et trajet domicile-travail",
        "trajet": "Privé et trajet domicile-travail",
        "professionnel": "Professionnel",
        "tournees": "Tournées professionnelles",
    },
    "security": {
        "alarme": "Alarme",
        "porte_blindee": "Porte blindée",
        "serrure_3_points": "Serrure trois points",
        "volets": "Volets",
        "barreaux": "Barreaux aux fenêtres",
        "detecteur_fumee": "Détecteur de fumée",
        "digicode": "Digicode",
        "gardien": "Gardien",
    },
    "loan_purpose": {
        "residence_principale": "Résidence principale",
        "residence_secondaire": "Résidence secondaire",
        "investissement_locatif": "Investissement locatif",
        "travaux": "Travaux",
        "consommation": "Crédit à la consommation",
        "professionnel": "Prêt professionnel",
        "vehicule": "Véhicule",
    },
    "expert": {
        "medecin_conseil": "Médecin-conseil",
        "service_technique": "Service technique",
        "juridique": "Service juridique",
        "souscripteur_senior": "Souscripteur senior",
    },
}


def readable(code: str) -> str:
    """« en_attente » → « En attente »: an unknown code still reads as words."""
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@bp.app_template_filter("label")
def label(value: object, kind: str) -> str:
    if value is None or value == "":
        return "—"
    code = str(value)
    if kind == "document":
        title = kind_title(code)
        return title if title != code else readable(code)
    return LABELS.get(kind, {}).get(code) or readable(code)


# The keys of a request's declared data (`subscription_requests.requested`) that are not client fields.
REQUEST_FIELDS = {
    "formula": "Formule demandée",
    "options": "Options demandées",
    "frequency": "Fractionnement souhaité",
    "deductibles": "Franchises",
    "start_date": "Date d'effet souhaitée",
    "message": "Message du client",
    "risk": "Données du risque déclarées",
    "declared": "Déclarations",
    "crm": "Coefficient bonus-malus (CRM) déclaré",
    "licence_date": "Date du permis",
    "claims": "Sinistres déclarés",
    "registration": "Immatriculation",
    "vehicle_group": "Groupe SRA",
    "annual_mileage": "Kilométrage annuel",
    "usage": "Usage",
    "surface": "Surface (m²)",
    "rooms": "Nombre de pièces",
    "capital": "Capital",
    "duration_months": "Durée (mois)",
    "turnover": "Chiffre d'affaires",
    "staff": "Effectif",
}


@bp.app_template_filter("request_field")
def request_field(key: str) -> str:
    return REQUEST_FIELDS.get(key) or FIELD_LABELS.get(key) or readable(key)


@bp.app_template_filter("iban")
def iban(value: str) -> str:
    """`FR7630006000…` → `FR76 3000 6000 …`, as printed on a RIB."""
    return format_iban(value)


@bp.app_template_filter("decimal_text")
def decimal_text(value: object) -> str:
    """A number declared as text or number (« 0.50 », 7800) the French way, as precise as written
    (« 0,50 », « 7 800 »)."""
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    places = max(0, -int(number.as_tuple().exponent))
    return format_decimal(number, format="#,##0" + ("." + "0" * places if places else ""))


@bp.app_template_filter("percent")
def percent(value: Decimal | int | None) -> str:
    """3.45 → « 3,45 % » (the value is already a percentage)."""
    return "—" if value is None else f"{format_decimal(value)}\u202f%"
