"""marshmallow schemas of the API: what the responses contain, and the request bodies in the docs.

Request bodies are validated once, by the services (`polyadmin.validation`, French messages);
the API shows those same schemas in its OpenAPI document rather than validating twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import Schema, fields, validate

from polyadmin.domain.canonical import instant_text
from polyadmin.domain.roles import Role
from polyadmin.validation.french import FrenchSchema, String, max_length, one_of


def _doc(description: str, **kwargs: Any) -> dict[str, Any]:
    return {"metadata": {"description": description}, **kwargs}


class Instant(fields.DateTime):
    """A UTC instant written `2026-03-02T08:30:00.000000Z`."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else instant_text(value)


# --- errors -------------------------------------------------------------------------------------


class ErrorOut(Schema):
    code = fields.Integer(**_doc("Code HTTP."))
    status = fields.String(**_doc("Nom du statut HTTP."))
    message = fields.String(**_doc("Message en français."))
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        **_doc("Messages par champ (erreurs de validation)."),
    )


# --- authentication and users ------------------------------------------------------------------


class RawString(fields.String):
    """Text kept as typed (a password's spaces are part of it)."""

    default_error_messages = {
        "required": "Champ obligatoire.",
        "null": "Ce champ ne peut pas être vide.",
        "invalid": "Texte attendu.",
    }


class TokenRequest(FrenchSchema):
    username = String(required=True, validate=max_length(40), **_doc("Identifiant de connexion."))
    password = RawString(
        required=True, validate=validate.Length(max=200, error="200 caractères au maximum."), **_doc("Mot de passe.")
    )


class TokenOut(Schema):
    token = fields.String(**_doc("Jeton à envoyer dans l'en-tête « Authorization: Bearer <jeton> »."))
    expires_at = Instant(**_doc("Fin de validité (UTC)."))


class MeOut(Schema):
    username = fields.String()
    display_name = fields.String()
    role = fields.String(**_doc("trainer, evaluator, candidate ou admin."))


class UserOut(Schema):
    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String(**_doc("trainer, evaluator, candidate ou admin."))
    role_label = fields.String(**_doc("Libellé du rôle en français."))
    active = fields.Boolean()
    created_at = Instant()


class UserQuery(FrenchSchema):
    role = String(
        load_default=None,
        allow_none=True,
        validate=one_of([role.value for role in Role]),
        **_doc("Ne garder que les comptes de ce rôle."),
    )


# --- exam sessions and sandboxes ---------------------------------------------------------------


class SessionSandboxOut(Schema):
    id = fields.Integer()
    candidate = fields.String(**_doc("Identifiant du candidat."))
    business_date = fields.Date(**_doc("Date de la simulation."))


class SessionProductVersionOut(Schema):
    code = fields.String()
    version = fields.String()


class SessionCatalogueOut(Schema):
    snapshot = fields.String(**_doc("Empreinte SHA-256 de l'instantané du catalogue épinglé."))
    short = fields.String(**_doc("Ses 12 premiers caractères, tels qu'affichés."))
    loaded_at = Instant(**_doc("Chargement de l'instantané (UTC)."))
    products = fields.List(fields.Nested(SessionProductVersionOut), **_doc("Produits et versions de ce catalogue."))


class ExamSessionOut(Schema):
    id = fields.Integer()
    name = fields.String()
    scenario = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    owner = fields.String(**_doc("Identifiant du formateur responsable."))
    evaluators = fields.List(fields.String(), **_doc("Identifiants des évaluateurs."))
    sandboxes = fields.List(fields.Nested(SessionSandboxOut), **_doc("Bacs à sable (un candidat ne voit que le sien)."))
    catalogue = fields.Nested(
        SessionCatalogueOut,
        allow_none=True,
        **_doc("Catalogue épinglé à l'ouverture : il ne change plus (null : session antérieure aux catalogues)."),
    )


class SandboxOut(Schema):
    id = fields.Integer()
    exam_session_id = fields.Integer()
    exam_session = fields.String(**_doc("Nom de la session d'examen."))
    candidate = fields.String(**_doc("Identifiant du candidat."))
    business_date = fields.Date(**_doc("Date de la simulation (horloge du bac à sable)."))


class SandboxDetailOut(SandboxOut):
    can_work = fields.Boolean(**_doc("Vrai si l'appelant peut agir dans ce bac à sable (le candidat)."))
    can_move_clock = fields.Boolean(**_doc("Vrai si l'appelant peut avancer la date (le formateur)."))


class PageOut(Schema):
    total = fields.Integer(**_doc("Nombre total de résultats."))
    page = fields.Integer()
    per_page = fields.Integer()
    pages = fields.Integer(**_doc("Nombre de pages (au moins 1)."))


# --- journal ------------------------------------------------------------------------------------


class JournalEntryOut(Schema):
    seq = fields.Integer(**_doc("Rang de l'entrée dans le journal du bac à sable."))
    sandbox_id = fields.Integer(allow_none=True)
    actor = fields.String()
    actor_role = fields.String()
    sandbox_date = fields.String(allow_none=True, **_doc("Date de la simulation (AAAA-MM-JJ)."))
    recorded_at = fields.String(**_doc("Instant réel (UTC)."))
    action = fields.String()
    action_label = fields.String()
    codes = fields.List(fields.String(), **_doc("Codes du référentiel (C1.8, C2A.1…)."))
    record_type = fields.String(allow_none=True)
    record_id = fields.String(allow_none=True)
    input = fields.Dict(**_doc("Données saisies, telles que validées."))
    outcome = fields.Dict(**_doc("Résultat décidé (identifiants, changements, montants)."))
    prev_hash = fields.String()
    hash = fields.String(**_doc("Sceau chaîné : HMAC-SHA256 sous la clé du journal (SHA-256 : anciennes entrées)."))


class JournalPageOut(PageOut):
    items = fields.List(fields.Nested(JournalEntryOut))


class VerdictOut(Schema):
    status = fields.String(**_doc("intact ou broken."))
    entries = fields.Integer(**_doc("Entrées vérifiées."))
    broken_seq = fields.Integer(**_doc("Première entrée en défaut (si rompu)."))
    reason = fields.String(**_doc("Nature du défaut (si rompu)."))
    legacy = fields.Integer(**_doc("Entrées antérieures au sceau par clé (SHA-256 seul), s'il y en a."))
    checkpoint_seq = fields.Integer(**_doc("Entrée du point de contrôle gardé hors de la base, atteinte et conforme."))
