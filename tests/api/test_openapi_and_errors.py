"""The OpenAPI document, the offline reference page, and JSON errors kept to /api/ paths."""

from __future__ import annotations

import itertools
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from polyadmin.services import sandboxes


@pytest.fixture
def spec(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def api_rules(app) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of every API view, documentation pages excepted."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule in ("/api/v1/openapi.json", "/api/v1/docs"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            found.add((method.lower(), path))
    return found


def resolve(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in all_refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in all_refs(value)]
    return []


def test_spec_header(spec):
    assert spec["openapi"] == "3.0.3"
    assert spec["info"]["title"] == "polyadmin API"
    assert spec["info"]["version"] == "v1"
    assert "Authorization: Bearer" in spec["info"]["description"]


def test_spec_documents_every_route_and_only_those(app, spec):
    documented = {(method, path) for path, item in spec["paths"].items() for method in item if method != "parameters"}
    assert documented == api_rules(app)
    # 24 + platform journal check + 5 account routes + 15 casework routes + 2 journal exports + 6 evaluation
    # + 4 client documents + replay + 6 offers + 6 contracts + contract documents + 2 calculators + termination
    # + 3 collections (a payment, a contract's ledger, the sandbox's collections)
    # + 4 endorsements (preview, record, cancel, list)
    assert len(documented) == 81


def test_every_operation_has_a_french_summary_and_its_responses(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert operation["summary"], (method, path)
            success = [code for code in operation["responses"] if code.startswith("2")]
            assert len(success) == 1, (method, path)
            if method in ("post", "patch"):
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                assert body["$ref"].startswith("#/components/schemas/"), (method, path)
            if path.startswith("/api/v1/sandboxes/{sandbox_id}"):
                assert "404" in operation["responses"], (method, path)


def test_bearer_scheme_is_required_everywhere_but_on_the_token_exchange(spec):
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Jeton obtenu par POST /api/v1/auth/token.",
    }
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/api/v1/auth/token"]["post"]["security"] == []
    assert "security" not in spec["paths"]["/api/v1/auth/token"]["delete"]


def test_request_bodies_reuse_the_validation_schemas(spec):
    schemas = spec["components"]["schemas"]
    client = schemas["Client"]
    assert client["required"] == ["kind"]
    assert client["properties"]["kind"]["enum"] == ["person", "company"]
    assert client["additionalProperties"] is False
    assert "kind" not in schemas["ClientUpdateBody"]["properties"]
    assert set(schemas["User"]["required"]) == {"username", "role", "password"}
    assert schemas["Clock"]["properties"]["date"]["format"] == "date"
    journal_params = {p["name"] for p in spec["paths"]["/api/v1/sandboxes/{sandbox_id}/journal"]["get"]["parameters"]}
    assert journal_params == {
        "action", "record", "record_type", "record_search", "code", "date_from", "date_to", "page", "per_page"
    }
    patch_params = spec["paths"]["/api/v1/sandboxes/{sandbox_id}/clients/{client_id}"]["patch"]["parameters"]
    assert [p["name"] for p in patch_params] == ["If-Match"]


def test_response_schemas_never_expose_passwords(spec):
    user_out = spec["components"]["schemas"]["UserOut"]["properties"]
    assert "password" not in user_out and "password_hash" not in user_out
    error = spec["components"]["schemas"]["ErrorOut"]["properties"]
    assert set(error) == {"code", "status", "message", "errors"}


def test_every_reference_resolves(spec):
    refs = all_refs(spec)
    assert refs
    for ref in refs:
        assert resolve(spec, ref) is not None


def test_spec_passes_the_openapi_validator_when_installed(spec):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))


def test_reference_page_is_french_offline_and_complete(client, app, spec):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    page = _Page()
    page.feed(html)
    assert ("html", {"lang": "fr"}) in page.tags
    assert "Référence de l'API" in html and "Authentification" in html
    # No script, stylesheet or font from elsewhere: the page works without internet.
    assert not [attrs for tag, attrs in page.tags if tag == "script"]
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            assert not str(attrs.get(name) or "").startswith(("http:", "https:", "//")), (tag, attrs)
    # Every operation is there, every in-page link has its target, headings are in order.
    for method, path in api_rules(app):
        assert f"<code>{path}</code>" in html
        assert method.upper() in html
    for tag, attrs in page.tags:
        href = str(attrs.get("href") or "")
        if tag == "a" and href.startswith("#"):
            assert href[1:] in page.ids, href
    levels = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    text = unescape(html)
    assert "Fiches clients d'un bac à sable" in text
    assert "Obtenir un jeton d'accès" in text and "(sans jeton)" in text
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html


def test_documentation_needs_no_token(client):
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/sandboxes/abc", "/api/v2/me", "/api/"])
def test_unknown_api_addresses_answer_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"code": 404, "status": "Not Found", "message": "Ressource introuvable."}


def test_wrong_method_answers_json_405_with_allow(api, world):
    response = api.post("/api/v1/me", user="candidat1", json={})
    assert response.status_code == 405
    assert response.get_json()["message"] == "Méthode non autorisée pour cette adresse."
    assert "GET" in response.headers["Allow"]
    assert api.request("PUT", "/api/v1/docs").status_code == 405


def test_web_pages_keep_their_own_errors(client):
    response = client.get("/ceci-n-existe-pas")
    assert response.status_code == 404
    assert response.mimetype != "application/json"


def test_an_unexpected_failure_is_a_json_500_and_is_logged(api, world, monkeypatch, caplog):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(sandboxes, "list_sandboxes", broken)
    response = api.get("/api/v1/sandboxes", user="admin")
    assert response.status_code == 500
    assert response.get_json()["message"].startswith("Erreur interne du serveur")
    assert "panne simulée" not in response.get_data(as_text=True)
    assert "panne simulée" in caplog.text


def test_oversized_body_is_413_in_json(api, world, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = api.post(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients", user="candidat1", json={"specific_needs": "x" * 4096}
    )
    assert response.status_code == 413
    assert response.get_json()["message"] == "Requête trop volumineuse."


def test_malformed_json_on_a_patch_is_400_and_writes_nothing(api, world, client_record, journal_count):
    before = journal_count()
    response = api.patch(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients/{client_record['id']}",
        user="candidat1",
        data="{city: Brest}",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert journal_count() == before


def test_deeply_nested_json_is_not_a_500(api, world):
    response = api.post(
        f"/api/v1/sandboxes/{world.sandbox_id}/clients",
        user="candidat1",
        data="[" * 100_000 + "]" * 100_000,
        content_type="application/json",
    )
    assert response.status_code in (400, 413)


def test_every_schema_has_a_name_of_its_own():
    """Two schemas with one class name are renamed « …1 » by apispec with a warning: the document's
    component names would then depend on the order the blueprints are registered."""
    import warnings

    from polyadmin.app import create_app

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spec = create_app().test_client().get("/api/v1/openapi.json").get_json()
    clashes = [str(w.message) for w in caught if "Multiple schemas resolved" in str(w.message)]
    assert clashes == []
    assert not [name for name in spec["components"]["schemas"] if re.search(r"\d$", name)]
