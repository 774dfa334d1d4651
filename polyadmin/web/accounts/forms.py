"""Posted values of the account forms ↔ the service's data, and the French labels of their fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polyadmin.domain.roles import Role

ACCOUNT_FIELD_LABELS: dict[str, str] = {
    "username": "Identifiant",
    "display_name": "Nom affiché",
    "role": "Rôle",
    "password": "Mot de passe",
}

ROLE_CHOICES: dict[str, str] = {role.value: role.label for role in Role}


def account_values(form: Mapping[str, Any]) -> dict[str, str]:
    """What the form shows again after a refusal (never the password)."""
    return {name: str(form.get(name, "")).strip() for name in ("username", "display_name", "role")}


def account_data(form: Mapping[str, Any]) -> dict[str, Any]:
    """The service's input: a blank field is a missing one (« Champ obligatoire. »), a blank password
    asks for a generated one."""
    values = account_values(form)
    data: dict[str, Any] = {
        "display_name": values["display_name"] or None,
        "password": str(form.get("password", "")) or None,
    }
    if values["username"]:
        data["username"] = values["username"].lower()
    if values["role"]:
        data["role"] = values["role"]
    return data
