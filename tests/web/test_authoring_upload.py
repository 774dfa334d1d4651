"""A trainer without a shell uploads a product, rules or scenario file: the problems, then the load (journaled)."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

from sqlalchemy import select

from polyadmin.cli import cli
from polyadmin.services.catalogue import latest_snapshot
from polyadmin.services.journal_readable import readable_entries
from polyadmin.services.journal_view import vocabulary_for
from polyadmin.store.models import JournalEntry
from tests.helpers.catalogue_samples import PRODUCT as SAMPLE_PRODUCT
from tests.helpers.catalogue_samples import write_catalogue
from tests.helpers.databases import TEST_CATALOGUE
from tests.helpers.web import csrf_token, text
from tests.unit.test_authoring_errors import THREE_MISTAKES, line_of

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = TEST_CATALOGUE / "habitation_essai.yaml"
APERCU = Path(__file__).resolve().parents[1] / "data" / "preview" / "apercu.yaml"
EXACT = 'Nombre exact attendu (ex. 1.25 ou "1.25").'
ROW = re.compile(r"<tr>\s*(<td>.*?)</tr>", re.S)
CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)


def problem_rows(body: str) -> list[list[str]]:
    """The problems table: one [Fichier, Ligne, Colonne, Où, Problème] per problem."""
    table = body[body.index("<caption>") : body.index("</table>")]
    return [[html.unescape(cell).strip() for cell in CELL.findall(row)] for row in ROW.findall(table)]


def as_printed(rows: list[list[str]]) -> list[str]:
    """The rows as the command line prints them: « fichier:ligne:colonne — où — problème »."""
    return [f"{file}:{line}:{column} — {where} — {problem}" for file, line, column, where, problem in rows]


def cli_problems(app, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    result = app.test_cli_runner().invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    return [line for line in result.output.splitlines() if " — " in line]


def configured(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(TEST_CATALOGUE, tmp_path / "products")
    app.config["CATALOGUE_PATH"] = tmp_path / "products"


def send(client, kind: str, name: str, content: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/catalogues/envoi")
    return client.post(
        "/catalogues/envoi",
        data={"csrf_token": token, "action": "check", "kind": kind, "file": (io.BytesIO(content.encode()), name)},
        content_type="multipart/form-data",
    )


def test_a_broken_product_file_shows_every_problem_and_loads_nothing(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    broken = PRODUCT.read_text(encoding="utf-8").replace("factor: 0.95", "factor: 1.2.3")
    response = send(client, "product", "habitation_essai.yaml", broken)
    assert response.status_code == 422
    body = text(response)
    assert "habitation_essai.yaml : 1 problème(s)" in body
    line = broken[: broken.index("factor: 1.2.3")].count("\n") + 1
    assert problem_rows(body) == [
        ["habitation_essai.yaml", str(line), "5", "option tarifaire n° 1 `reemploi`, champ `factor`", EXACT]
    ]
    assert "Charger dans le catalogue" not in body


def test_a_valid_product_file_is_checked_then_loaded_and_journaled(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    content = PRODUCT.read_text(encoding="utf-8").replace('version: "2026.1"', 'version: "2026.9"')
    checked = send(client, "product", "habitation_essai.yaml", content)
    assert checked.status_code == 200
    body = text(checked)
    assert "habitation_essai.yaml est valide" in body and "HAB_ESSAI version 2026.9" in body
    token = csrf_token(client, "/catalogues/envoi")
    loaded = client.post(
        "/catalogues/envoi",
        data={
            "csrf_token": token,
            "action": "load",
            "kind": "product",
            "filename": "habitation_essai.yaml",
            "content": content,
        },
    )
    assert loaded.status_code == 302
    current = latest_snapshot(session)
    assert current.product_versions == {"HAB_ESSAI": "2026.9"}
    entry = session.execute(
        select(JournalEntry).where(JournalEntry.action == "catalogue.load", JournalEntry.record_id == str(current.id))
    ).scalar_one()
    assert entry.stream == "platform" and entry.actor_username == "formatrice"
    assert entry.input == {"source": "envoi web : products/habitation_essai.yaml"}


def test_a_scenario_is_checked_with_the_current_catalogue_and_bad_input_is_refused(app, login_as, world, tmp_path):
    configured(app, tmp_path)
    client = login_as("formatrice")
    checked = send(client, "scenario", "apercu.yaml", APERCU.read_text(encoding="utf-8"))
    assert checked.status_code == 200 and "Scénario apercu (graine 5)" in text(checked)
    assert send(client, "scenario", "../x.yaml", "a: 1").status_code == 422
    empty = send(client, "product", "vide.yaml", "")
    assert empty.status_code == 422 and "Le fichier est vide." in text(empty)


# --- every problem with its line and column, as the command line prints them (issue 15 §5) -------------------


def test_the_three_mistakes_are_listed_at_the_lines_the_command_line_gives(app, login_as, world, tmp_path):
    app.config["CATALOGUE_PATH"] = write_catalogue(tmp_path / "configured" / "products")
    client = login_as("formatrice")
    response = send(client, "product", "test_auto.yaml", THREE_MISTAKES)
    assert response.status_code == 422
    body = text(response)
    assert "test_auto.yaml : 3 problème(s)" in body
    assert "<caption>Problèmes de test_auto.yaml (3)</caption>" in body
    for header in ("Ligne", "Colonne", "Où", "Problème"):
        assert f'<th scope="col">{header}</th>' in body
    rows = problem_rows(body)
    assert [int(row[1]) for row in rows] == [
        line_of(THREE_MISTAKES, "factors: [zonne"),
        line_of(THREE_MISTAKES, "guarantees: [dommages, assistance]"),
        line_of(THREE_MISTAKES, "factor: -0.95"),
    ]
    folder = write_catalogue(tmp_path / "cli" / "products", product=THREE_MISTAKES)
    assert as_printed(rows) == cli_problems(app, "catalogue", "check", str(folder))
    assert "Charger dans le catalogue" not in body
    assert send(client, "product", "test_auto.yaml", SAMPLE_PRODUCT).status_code == 200


def test_a_rules_file_s_problems_are_listed_at_their_lines_as_rules_check_gives_them(app, login_as, world, tmp_path):
    shutil.copytree(ROOT / "products", tmp_path / "products")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    app.config["CATALOGUE_PATH"] = tmp_path / "products"
    text_before = (tmp_path / "rules" / "auto.yaml").read_text(encoding="utf-8")
    broken = text_before.replace("when: {fact: crm, gt: 2.00}", "when: {fact: crmm, gt: 2.00}", 1).replace(
        "    expert: souscripteur_senior\n    blocking: true", "    expert: souscripteur_senior\n    blocking: oui", 1
    )
    client = login_as("formatrice")
    response = send(client, "rules", "auto.yaml", broken)
    assert response.status_code == 422
    rows = problem_rows(text(response))
    assert [(row[0], int(row[1])) for row in rows] == [
        ("rules/auto.yaml", line_of(broken, "{fact: crmm")),
        ("rules/auto.yaml", line_of(broken, "blocking: oui")),
    ]
    assert rows[0][3] == "règle n° 2 `AUTO-CRM-SUP-2`, champ `when.fact`"
    cli_rules = tmp_path / "cli-rules"
    shutil.copytree(tmp_path / "rules", cli_rules)
    (cli_rules / "auto.yaml").write_text(broken, encoding="utf-8")
    printed = cli_problems(app, "rules", "check", str(cli_rules), "--catalogue", str(tmp_path / "products"))
    assert as_printed(rows) == printed
    assert (tmp_path / "rules" / "auto.yaml").read_text(encoding="utf-8") == text_before  # a check writes nothing


def test_a_scenario_s_problems_are_listed_at_their_lines(app, login_as, world, tmp_path):
    configured(app, tmp_path)
    broken = APERCU.read_text(encoding="utf-8").replace("birth_date: 1996-04-09", "birth_date: 1996-02-30")
    client = login_as("formatrice")
    response = send(client, "scenario", "apercu.yaml", broken)
    assert response.status_code == 422
    rows = problem_rows(text(response))
    assert rows == [
        [
            "apercu.yaml",
            str(line_of(broken, "birth_date: 1996-02-30")),
            "5",
            "client n° 1 `julien-ferreira`, champ `birth_date`",
            "Date impossible « 1996-02-30 » : ce jour n'existe pas (jour ou mois inexistant).",
        ]
    ]
    path = tmp_path / "apercu.yaml"
    path.write_text(broken, encoding="utf-8")
    printed = cli_problems(app, "scenario", "check", str(path), "--catalogue", str(ROOT / "products"))
    assert as_printed(rows) == printed
    assert "Enregistrer le scénario" not in text(response)


# --- a valid scenario saved into the scenarios folder, journaled, then offered by the session form -----------


def save(client, name: str, content: str, replace: bool = False):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/catalogues/envoi")
    data = {"csrf_token": token, "action": "save", "kind": "scenario", "filename": name, "content": content}
    if replace:
        data["replace"] = "oui"
    return client.post("/catalogues/envoi", data=data)


def uploads_journaled(session) -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    query = select(JournalEntry).where(JournalEntry.action == "scenario.upload").order_by(JournalEntry.seq)
    return list(session.execute(query).scalars())


def test_a_valid_scenario_is_saved_journaled_and_offered_to_a_new_session(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    app.config["SCENARIOS_PATH"] = tmp_path / "scenarios"
    content = APERCU.read_text(encoding="utf-8")
    client = login_as("formatrice")
    checked = send(client, "scenario", "cas-plante.yaml", content)
    assert checked.status_code == 200 and "Enregistrer le scénario" in text(checked)
    assert "Remplacer le scénario existant" not in text(checked)
    assert "cas-plante.yaml" not in text(client.get("/sessions/new"))

    saved = save(client, "cas-plante.yaml", content)
    assert saved.status_code == 302
    assert (tmp_path / "scenarios" / "cas-plante.yaml").read_text(encoding="utf-8") == content
    followed = text(client.get(saved.headers["Location"]))
    assert "Scénario cas-plante.yaml enregistré" in followed
    assert "Aperçu d&#39;un cas planté (cas-plante.yaml)" in text(client.get("/sessions/new"))
    (entry,) = uploads_journaled(session)
    assert entry.stream == "platform" and entry.actor_username == "formatrice"
    assert entry.input == {"scenario": "cas-plante.yaml", "source": "envoi web : scenarios/cas-plante.yaml"}
    assert entry.outcome["scenario"] == "apercu" and len(entry.outcome["scenario_hash"]) == 64
    (shown,) = readable_entries([entry], vocabulary_for(session, None, [entry], None), strict=True)
    assert shown.action_label == "Enregistrement d'un scénario envoyé par un formateur"
    assert shown.lines()[:3] == [
        "Scénario : cas-plante.yaml",
        "Dossier source : envoi web : scenarios/cas-plante.yaml",
        "Scénario : apercu",
    ]

    # The same file again: nothing written, nothing journaled; the check says it is already there.
    again = send(client, "scenario", "cas-plante.yaml", content)
    assert "déjà enregistré, identique" in text(again) and "Enregistrer le scénario" not in text(again)
    assert save(client, "cas-plante.yaml", content).status_code == 302
    # A browser sends the kept text back with CRLF line ends: still the same file.
    assert save(client, "cas-plante.yaml", content.replace("\n", "\r\n")).status_code == 302
    assert len(uploads_journaled(session)) == 1
    assert (tmp_path / "scenarios" / "cas-plante.yaml").read_bytes() == content.encode("utf-8")


def test_a_different_scenario_of_the_same_name_is_replaced_only_when_confirmed(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    app.config["SCENARIOS_PATH"] = tmp_path / "scenarios"
    (tmp_path / "scenarios").mkdir()
    original = APERCU.read_text(encoding="utf-8")
    (tmp_path / "scenarios" / "apercu.yaml").write_text(original, encoding="utf-8")
    changed = original.replace("title: Aperçu d'un cas planté", "title: Aperçu corrigé")
    client = login_as("formatrice")
    checked = send(client, "scenario", "apercu.yaml", changed)
    assert checked.status_code == 200 and "Remplacer le scénario existant" in text(checked)

    refused = save(client, "apercu.yaml", changed)
    assert refused.status_code == 409
    assert "cochez « Remplacer le scénario existant »" in html.unescape(text(refused))
    assert (tmp_path / "scenarios" / "apercu.yaml").read_text(encoding="utf-8") == original
    assert uploads_journaled(session) == []

    replaced = save(client, "apercu.yaml", changed, replace=True)
    assert replaced.status_code == 302
    assert (tmp_path / "scenarios" / "apercu.yaml").read_text(encoding="utf-8") == changed
    (entry,) = uploads_journaled(session)
    assert entry.input["source"] == "envoi web : scenarios/apercu.yaml (remplace le fichier existant)"


def test_an_invalid_scenario_is_not_saved(app, login_as, world, session, tmp_path):
    configured(app, tmp_path)
    app.config["SCENARIOS_PATH"] = tmp_path / "scenarios"
    broken = APERCU.read_text(encoding="utf-8").replace("birth_date: 1996-04-09", "birth_date: 1996-02-30")
    response = save(login_as("formatrice"), "apercu.yaml", broken)
    assert response.status_code == 422 and "apercu.yaml : 1 problème(s)" in text(response)
    assert not (tmp_path / "scenarios").exists() and uploads_journaled(session) == []
