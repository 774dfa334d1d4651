"""Where a problem of a trainer's file is, and how a person reads it.

Every loader (products, taxes, rules, the evaluation grid, scenarios) reports `(path, message)` pairs with
a technical path (`guarantees[12].premium[0].factors[0]`, 0-based). This module:
- turns marshmallow's nested errors into such paths, walking the schema (so a table entry « 45 » stays a
  key, never a list index, and marshmallow's internal `value`/`key` levels never show);
- loads a file leniently: the items a structure error makes unusable are left out (and remembered, so a
  reference to them is not reported as unknown), every other item is still built and cross-checked;
- gives each problem its line and column in the file and the readable French path
  (« garantie n° 13 `appareils_nomades`, composante de prime n° 1, facteur n° 1 »);
- lists the valid codes of an unknown code, capped (« codes possibles : a, b, c… (42 au total) »).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError, fields

from polyadmin.catalogue.yaml_exact import Located, Part
from polyadmin.domain.errors import FileProblem

P = TypeVar("P", bound=FileProblem)
ALL = None  # a whole section is unusable: no reference into it is checked
SHOWN_CODES = 15

# A list (or mapping) → what one of its items is called, in French.
ITEM_NOUNS = {
    "risk_fields": "champ de risque",
    "choices": "choix",
    "tables": "table",
    "entries": "entrée",
    "bands": "tranche",
    "guarantees": "garantie",
    "premium": "composante de prime",
    "factors": "facteur",
    "limits": "plafond",
    "deductibles": "franchise",
    "exclusions": "exclusion",
    "general_exclusions": "exclusion",
    "formulas": "formule",
    "options": "option",
    "modifiers": "option tarifaire",
    "applies_to": "garantie visée",
    "payment_frequencies": "fréquence de paiement",
    "fees": "frais",
    "multi_product_discount": "tranche de remise",
    "required_documents": "pièce justificative",
    "eco_features": "atout écologique",
    "referential": "code du référentiel",
    "client_kinds": "type de client",
    "covered": "ligne",
    "not_covered": "ligne",
    "restrictions": "ligne",
    "obligations": "ligne",
    "categories": "catégorie de taxe",
    "periods": "période",
    "property": "période",
    "auto": "période",
    "rules": "règle",
    "conditions": "condition",
    "documents": "pièce",
    "delegation": "limite de délégation",
    "values": "valeur",
    "terms": "terme",
    "levels": "niveau",
    "all": "condition",
    "any": "condition",
    "none": "condition",
    "in": "valeur",
    "not_in": "valeur",
    "competences": "compétence",
    "criteria": "critère",
    "actions": "action",
    "clients": "client",
    "requests": "demande",
    "contracts": "contrat",
    "claims": "sinistre",
    "history": "antécédent",
    "interactions": "échange",
    "vehicles": "véhicule",
    "dwellings": "logement",
    "businesses": "entreprise",
    "loans": "prêt",
    "relations": "relation",
    "experts": "avis d'expert",
    "client_replies": "réponse du client",
    "missing_documents": "pièce manquante",
    "security_features": "équipement de sécurité",
    "accessible_formats": "format accessible",
    "purposes": "finalité",
    "risk": "donnée de risque",
    "declared": "donnée déclarée",
    "deductibles_by_guarantee": "franchise",
    "segments": "segment",
    "products": "produit",
    "ages": "tranche d'âge",
    "crm": "tranche de CRM",
    "frequencies": "fréquence",
}
NAME_KEYS = ("code", "ref", "name", "fact")


def parse_path(path: str) -> tuple[Part, ...]:
    """`guarantees[2].premium[0].factors` → ("guarantees", 2, "premium", 0, "factors")."""
    parts: list[Part] = []
    for piece in path.split("."):
        if not piece:
            continue
        head, *indexes = re.split(r"\[", piece)
        if head:
            parts.append(head)
        parts.extend(int(index.rstrip("]")) for index in indexes if index.rstrip("]").isdigit())
    return tuple(parts)


def format_path(parts: Iterable[Part]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def codes_text(codes: Iterable[str], what: str = "codes possibles", near: Any = None) -> str:
    """« codes possibles : a, b, c » — capped: « a, b, c… (42 au total) »; « aucun » when empty. With
    `near` (the unknown code), the closest valid code first: « vouliez-vous dire « zone » ? »."""
    listed = list(dict.fromkeys(codes))
    if not listed:
        return f"{what} : aucun"
    hint = ""
    if isinstance(near, str):
        close = difflib.get_close_matches(near, listed, n=1, cutoff=0.75)
        hint = f"vouliez-vous dire « {close[0]} » ? " if close else ""
    if len(listed) <= SHOWN_CODES:
        return f"{hint}{what} : {', '.join(listed)}"
    shown = ", ".join(listed[:SHOWN_CODES])
    return f"{hint}{what} : {shown}… ({len(listed)} au total, liste complète dans docs/glossary.md)"


def closest(code: str, codes: Iterable[str]) -> str | None:
    """The valid code `code` is most likely a typo of (None when none is close)."""
    close = difflib.get_close_matches(code, list(codes), n=1, cutoff=0.75)
    return close[0] if close else None


# --- marshmallow errors → paths ------------------------------------------------------------------------


def schema_problems(schema: Schema, messages: Any) -> list[tuple[str, str]]:
    """Every message of a marshmallow error, with its path in the file."""
    found: list[tuple[tuple[Part, ...], str]] = []
    _schema_messages(schema, messages, (), found)
    return [(format_path(parts), message) for parts, message in found]


# marshmallow's own messages, where a field of ours does not give its French one.
_FRENCH = {
    "Missing data for required field.": "Champ obligatoire.",
    "Field may not be null.": "Ce champ ne peut pas être vide.",
    "Invalid value.": "Valeur invalide.",
    "Invalid type.": "Objet attendu (clé: valeur).",
    "Invalid input type.": "Objet attendu (clé: valeur).",
    "Not a valid mapping type.": "Objet attendu (clé: valeur).",
    "Not a valid list.": "Liste attendue.",
    "Not a valid string.": "Texte attendu.",
    "Not a valid integer.": "Nombre entier attendu.",
    "Not a valid date.": "Date invalide (format attendu : AAAA-MM-JJ).",
    "Not a valid boolean.": "true ou false attendu.",
    "Unknown field.": "Champ inconnu.",
}


def _emit(messages: Any, parts: tuple[Part, ...], found: list[tuple[tuple[Part, ...], str]]) -> None:
    if isinstance(messages, str):
        found.append((parts, _FRENCH.get(messages, messages)))
    elif isinstance(messages, Mapping):
        for key, value in messages.items():
            if key == "_schema":
                _emit(value, parts, found)
            else:
                _emit(value, (*parts, key if isinstance(key, int) else str(key)), found)
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            _emit(item, parts, found)


def _schema_messages(schema: Schema, messages: Any, parts: tuple[Part, ...], found: list[Any]) -> None:
    if not isinstance(messages, Mapping):
        _emit(messages, parts, found)
        return
    by_key = {declared.data_key or name: declared for name, declared in schema.fields.items()}
    for key, value in messages.items():
        if key == "_schema":
            _emit(value, parts, found)
            continue
        declared = by_key.get(key)
        if declared is None:
            known = codes_text(sorted(by_key), "champs possibles", near=str(key))
            found.append(((*parts, str(key)), f"Champ inconnu « {key} » ; {known}."))
        else:
            _field_messages(declared, value, (*parts, str(key)), found)


def _field_messages(declared: fields.Field, messages: Any, parts: tuple[Part, ...], found: list[Any]) -> None:
    if not isinstance(messages, Mapping):
        _emit(messages, parts, found)
    elif isinstance(declared, fields.Nested):
        _schema_messages(declared.schema, messages, parts, found)
    elif isinstance(declared, fields.List):
        for index, value in messages.items():
            if isinstance(index, int):
                _field_messages(declared.inner, value, (*parts, index), found)
            else:
                _emit(value, parts, found)
    elif isinstance(declared, fields.Dict):
        for key, value in messages.items():
            if isinstance(value, Mapping) and set(value) <= {"key", "value"}:
                if "key" in value:
                    _emit(value["key"], (*parts, str(key)), found)
                if "value" in value and declared.value_field is not None:
                    _field_messages(declared.value_field, value["value"], (*parts, str(key)), found)
            else:
                _emit(value, (*parts, str(key)), found)
    else:
        _emit(messages, parts, found)


# --- lenient loading --------------------------------------------------------------------------------------


def _item_schema(declared: fields.Field) -> Schema | None:
    """The schema of one item of a list or mapping of objects (None for any other field)."""
    inner = declared.inner if isinstance(declared, fields.List) else None
    if isinstance(declared, fields.Dict):
        inner = declared.value_field
    return inner.schema if isinstance(inner, fields.Nested) else None


def item_name(item: Any) -> str | None:
    if isinstance(item, Mapping):
        for key in NAME_KEYS:
            value = item.get(key)
            if isinstance(value, str) and value:
                return value
    return None


def lenient_load(
    schema: Schema, raw: Any, placeholders: Mapping[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, str]], dict[str, set[str] | None]]:
    """Load `raw` with `schema`; on refusal, still give the usable part.

    Returns (data, problems, broken). An item of a top-level list or mapping of objects that the schema
    refuses is left out (None in a list, so the other items keep their index; absent from a mapping) and
    its code is put in `broken[section]`; a refused top-level field takes its placeholder and
    `broken[section]` is ALL. The caller builds and cross-checks `data`, skipping references into what
    is broken (already reported)."""
    if not isinstance(raw, Mapping):
        return (
            dict(placeholders),
            [("", "Le fichier doit décrire un objet (clé: valeur…).")],
            dict.fromkeys(placeholders, ALL),
        )
    try:
        return schema.load(raw), [], {}
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, Mapping) else {"_schema": exc.messages}
        valid = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    problems = schema_problems(schema, messages)
    data: dict[str, Any] = {}
    broken: dict[str, set[str] | None] = {}
    for name, declared in schema.fields.items():
        key = declared.data_key or name
        errors = messages.get(key)
        if errors is None:
            if name in valid:
                data[name] = valid[name]
            continue
        item_schema = _item_schema(declared)
        value = raw.get(key)
        if item_schema is not None and isinstance(errors, Mapping) and isinstance(value, (list, Mapping)):
            if isinstance(value, list):
                data[name] = [None if index in errors else item_schema.load(item) for index, item in enumerate(value)]
                names = {item_name(value[index]) for index in errors if isinstance(index, int) and index < len(value)}
            else:
                data[name] = {k: item_schema.load(v) for k, v in value.items() if k not in errors}
                names = {str(k) for k in errors}
            broken[name] = {n for n in names if n}
        else:
            data[name] = placeholders.get(name)
            broken[name] = ALL
    for name, default in placeholders.items():
        data.setdefault(name, default)
    return data, problems, broken


# --- place and readable path ----------------------------------------------------------------------------


def readable_path(parts: tuple[Part, ...], data: Any) -> str:
    """The path as a person reads it: 1-based numbers, the item's code where it has one."""
    segments: list[str] = []
    pending: list[str] = []
    node = data
    for index, part in enumerate(parts):
        parent = parts[index - 1] if index else None
        child = None
        if isinstance(part, int):
            child = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            noun = ITEM_NOUNS.get(str(parent), "élément")
            if pending and pending[-1] == parent and str(parent) in ITEM_NOUNS:
                pending.pop()
            if pending:
                segments.append(f"champ `{'.'.join(pending)}`")
                pending = []
            name = item_name(child)
            segments.append(f"{noun} n° {part + 1}" + (f" `{name}`" if name else ""))
        else:
            child = node.get(part) if isinstance(node, Mapping) else None
            if str(parent) in ITEM_NOUNS and pending and pending[-1] == parent:
                pending.pop()
                if pending:
                    segments.append(f"champ `{'.'.join(pending)}`")
                    pending = []
                segments.append(f"{ITEM_NOUNS[str(parent)]} `{part}`")
            else:
                pending.append(part)
        node = child
    if pending:
        segments.append(f"champ `{'.'.join(pending)}`")
    return ", ".join(segments)


def locate(problem: P, located: Located | None) -> P:
    """`problem` with its line, column and readable path in the file `located` was read from."""
    parts = parse_path(problem.path)
    data = located.data if located is not None else None
    mark = located.mark(parts) if located is not None else None
    where = readable_path(parts, data) if parts else problem.where
    if mark is None:
        return replace(problem, where=where)
    return replace(problem, line=mark[0], column=mark[1], where=where)


def duplicate_problems(file: str, located: Located, kind: type[P]) -> list[P]:
    """A key written twice in one mapping: YAML keeps the last one silently, a trainer wants to know."""
    return [
        kind(
            file,
            format_path(parts),
            f"Clé « {parts[-1]} » écrite deux fois au même niveau : seule la dernière compte.",
            line,
            column,
            readable_path(parts, located.data),
        )
        for parts, (line, column) in located.duplicates
    ]


def sort_problems(problems: Iterable[P]) -> list[P]:
    """By file, then line (problems without a line first: the file as a whole)."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
