"""The API reference as an accessible French HTML page, rendered from the OpenAPI document.

No JavaScript and no CDN (the training rooms may have no internet): the page is plain HTML built
server-side from `api.spec`, with the same content as /api/v1/openapi.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, render_template
from flask_smorest import Api

from polyadmin.api.errors import register_error_handlers

METHOD_ORDER = ("get", "post", "put", "patch", "delete")
PARAMETER_PLACES = {"path": "chemin", "query": "paramètre d'URL", "header": "en-tête", "cookie": "cookie"}


@dataclass
class Property:
    name: str
    type: str
    required: bool
    description: str
    schema_ref: str | None = None


@dataclass
class SchemaView:
    name: str
    anchor: str
    description: str
    properties: list[Property]


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    public: bool
    parameters: list[Property] = field(default_factory=list)
    body: dict[str, Any] | None = None
    responses: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Section:
    name: str
    anchor: str
    title: str
    operations: list[Operation]


def schema_anchor(name: str) -> str:
    return "schema-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` to components (responses, parameters, schemas)."""
    seen = 0
    while "$ref" in node and seen < 10:
        parts = node["$ref"].lstrip("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
        seen += 1
    return node


def type_text(schema: dict[str, Any]) -> tuple[str, str | None]:
    """A short French description of a JSON-schema type, and the component it refers to."""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return f"objet {name}", name
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((item for item in kind if item != "null"), "null")
    if kind == "array":
        inner, ref = type_text(schema.get("items", {}))
        return f"liste de {inner}", ref
    labels = {"string": "texte", "integer": "entier", "boolean": "booléen", "number": "nombre", "object": "objet"}
    text = labels.get(str(kind), str(kind or "valeur"))
    if schema.get("format") == "date":
        text = "date (AAAA-MM-JJ)"
    elif schema.get("format") == "date-time":
        text = "instant (UTC, suffixe Z)"
    elif schema.get("format") == "email":
        text = "adresse électronique"
    if schema.get("enum"):
        text += " parmi " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    if schema.get("nullable") or (isinstance(schema.get("type"), list) and "null" in schema["type"]):
        text += " ou null"
    return text, None


def schema_properties(schema: dict[str, Any]) -> list[Property]:
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        text, ref = type_text(prop)
        details = [prop.get("description", "")]
        if "default" in prop and prop["default"] not in (None, [], ""):
            details.append(f"Par défaut : {prop['default']}.")
        if prop.get("maxLength"):
            details.append(f"{prop['maxLength']} caractères au maximum.")
        if prop.get("pattern"):
            details.append(f"Motif : {prop['pattern']}")
        rows.append(Property(name, text, name in required, " ".join(part for part in details if part), ref))
    return rows


def body_view(content: dict[str, Any]) -> dict[str, Any] | None:
    media = content.get("application/json")
    if not media or "schema" not in media:
        return None
    text, ref = type_text(media["schema"])
    return {"type": text, "ref": ref}


def build_sections(spec: dict[str, Any]) -> list[Section]:
    tags = {tag["name"]: tag.get("description") or tag["name"] for tag in spec.get("tags", [])}
    sections: dict[str, Section] = {}
    default_security = spec.get("security", [])
    for path, item in spec.get("paths", {}).items():
        shared_parameters = item.get("parameters", [])
        for method in METHOD_ORDER:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            section = sections.setdefault(tag, Section(tag, "section-" + tag.replace("_", "-"), tags.get(tag, tag), []))
            anchor = f"op-{method}-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")
            description = operation.get("description", "")
            view = Operation(
                method=method.upper(),
                path=path,
                anchor=anchor,
                summary=operation.get("summary", path),
                description=description,
                public=operation.get("security", default_security) == [],
            )
            for raw in [*shared_parameters, *operation.get("parameters", [])]:
                parameter = _resolve(spec, raw)
                text, ref = type_text(parameter.get("schema", {}))
                place = PARAMETER_PLACES.get(parameter.get("in", ""), parameter.get("in", ""))
                view.parameters.append(
                    Property(
                        parameter.get("name", ""),
                        f"{text} ({place})",
                        bool(parameter.get("required")),
                        parameter.get("description", ""),
                        ref,
                    )
                )
            if "requestBody" in operation:
                body = _resolve(spec, operation["requestBody"])
                view.body = body_view(body.get("content", {}))
                if view.body is not None:
                    view.body["description"] = body.get("description", "")
            for status, raw in operation.get("responses", {}).items():
                response = _resolve(spec, raw)
                view.responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "body": body_view(response.get("content", {})),
                    }
                )
            section.operations.append(view)
    return list(sections.values())


def build_schemas(spec: dict[str, Any]) -> list[SchemaView]:
    schemas = spec.get("components", {}).get("schemas", {})
    return [
        SchemaView(name, schema_anchor(name), schema.get("description", ""), schema_properties(schema))
        for name, schema in sorted(schemas.items())
    ]


def docs_blueprint(api: Api, prefix: str) -> Blueprint:
    blueprint = Blueprint("api_docs_page", __name__, url_prefix=prefix, template_folder="templates")
    register_error_handlers(blueprint)

    @blueprint.route("/docs", methods=["GET"])
    def reference() -> str:
        spec = api.spec.to_dict()
        return render_template(
            "polyadmin_api/reference.html",
            info=spec.get("info", {}),
            openapi_version=spec.get("openapi"),
            sections=build_sections(spec),
            schemas=build_schemas(spec),
            security_schemes=spec.get("components", {}).get("securitySchemes", {}),
            spec_url=f"{prefix}/openapi.json",
        )

    return blueprint
