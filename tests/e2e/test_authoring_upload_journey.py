"""A trainer without a shell uploads a product file: sees its problems, fixes it, loads it as a new version."""

from __future__ import annotations

from pathlib import Path

import pytest

from polyadmin.catalogue import check_product_text
from polyadmin.domain.roles import Actor
from polyadmin.services.catalogue import latest_snapshot, store_catalogue
from tests.helpers.browser import assert_accessible, sign_in

pytestmark = pytest.mark.e2e


def _upload(page, name: str, content: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/catalogues/envoi")
    page.get_by_label("Type du fichier").select_option("product")
    page.get_by_label("Fichier YAML").set_input_files(
        files=[{"name": name, "mimeType": "application/x-yaml", "buffer": content.encode("utf-8")}]
    )
    page.get_by_role("button", name="Vérifier").click()


def test_a_trainer_uploads_a_product_sees_the_problems_then_loads_it(page, live_server):
    products = Path(live_server.app.config["CATALOGUE_PATH"])
    original = (products / "mrh.yaml").read_text(encoding="utf-8")
    with live_server.session() as session:
        before = latest_snapshot(session)
        assert before is not None
    sign_in(page, "formatrice")
    page.get_by_role("link", name="Conception").click()
    page.get_by_role("link", name="Envoyer un fichier").click()
    assert_accessible(page, "envoi d'un fichier")

    assert original.count("version: ") >= 1
    broken = original.replace('version: "', 'version: ["', 1)
    _upload(page, "mrh.yaml", broken)
    alert = page.get_by_role("alert").filter(has_text="mrh.yaml :")
    alert.wait_for()
    assert "problème(s)" in alert.inner_text()
    # The problems table: the line and column of the mistake, as `polyadmin catalogue check` prints them.
    (expected,) = check_product_text("mrh.yaml", broken)
    assert expected.line == broken[: broken.index('version: ["')].count("\n") + 2  # the unclosed list, next line
    table = page.get_by_role("table", name="Problèmes de mrh.yaml")
    cells = table.get_by_role("row").nth(1).locator("td, th")
    assert cells.all_inner_texts()[:3] == ["mrh.yaml", str(expected.line), str(expected.column)]
    assert page.get_by_role("button", name="Charger dans le catalogue").count() == 0
    assert_accessible(page, "problèmes d'un fichier envoyé")

    relabelled = original.replace('version: "', 'version: "e2e-', 1)
    _upload(page, "mrh.yaml", relabelled)
    page.get_by_role("heading", name="mrh.yaml est valide").wait_for()
    try:
        page.get_by_role("button", name="Charger dans le catalogue").click()
        page.wait_for_url("**/catalogues")
        page.get_by_text("Nouvelle version du catalogue chargée").wait_for()
        with live_server.session() as session:
            current = latest_snapshot(session)
            assert current is not None and current.id != before.id
            assert current.product_versions["MRH"].startswith("e2e-")
    finally:  # the other journeys work with the original catalogue: loading it again makes it current again
        with live_server.session() as session:
            outcome = store_catalogue(session, Actor.system(), products)
            assert outcome.snapshot.id == before.id


def test_a_trainer_saves_an_uploaded_scenario_and_the_session_form_offers_it(page, live_server, tmp_path):
    apercu = Path(__file__).resolve().parents[1] / "data" / "preview" / "apercu.yaml"
    config = live_server.app.config
    configured = config["SCENARIOS_PATH"]
    config["SCENARIOS_PATH"] = tmp_path  # the repository's scenarios/ stays as it is
    try:
        sign_in(page, "formatrice")
        page.goto("/catalogues/envoi")
        page.get_by_label("Type du fichier").select_option("scenario")
        page.get_by_label("Fichier YAML").set_input_files(
            files=[{"name": "cas-e2e.yaml", "mimeType": "application/x-yaml", "buffer": apercu.read_bytes()}]
        )
        page.get_by_role("button", name="Vérifier").click()
        page.get_by_role("heading", name="cas-e2e.yaml est valide").wait_for()
        assert_accessible(page, "scénario envoyé valide")
        page.get_by_role("button", name="Enregistrer le scénario").click()
        page.get_by_text("Scénario cas-e2e.yaml enregistré").wait_for()
        assert (tmp_path / "cas-e2e.yaml").read_bytes() == apercu.read_bytes()
        page.goto("/sessions/new")
        offered = page.get_by_label("Scénario").locator("option", has_text="(cas-e2e.yaml)")
        assert offered.count() == 1
    finally:
        config["SCENARIOS_PATH"] = configured
