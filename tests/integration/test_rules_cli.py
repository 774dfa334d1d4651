"""`polyadmin rules check`: the shipped rules pass; a broken file is refused with its name (exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from polyadmin.cli import cli
from tests.helpers.databases import CATALOGUE

RULES = CATALOGUE.parent / "rules"


def run(app, *args):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def test_the_shipped_rules_are_valid_and_summarised_per_product(app):
    result = run(app, "rules", "check", str(RULES), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 0, result.output
    assert "Règles valides" in result.output
    auto = "AUTO         10 règle(s), 7 pièce(s), 2 limite(s) de délégation, score d'aide à la décision"
    assert auto in result.output
    assert "SANTE        2 règle(s), 5 pièce(s), 0 limite(s) de délégation\n" in result.output


def test_a_broken_rules_file_is_named_with_each_problem_and_exits_2(app, tmp_path: Path):
    broken = tmp_path / "rules"
    shutil.copytree(RULES, broken)
    text = (broken / "pro.yaml").read_text(encoding="utf-8")
    (broken / "pro.yaml").write_text(
        text.replace("{fact: activity, eq: restauration}", "{fact: activity, eq: brasserie}").replace(
            "expert: service_technique\n    blocking: false", "expert: pompiers\n    blocking: false"
        ),
        encoding="utf-8",
    )
    result = run(app, "rules", "check", str(broken), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    # In file order, each with its line, column and readable path.
    assert lines[0].startswith(
        "rules/pro.yaml:53:28 — règle n° 2 `PRO-CUISINE`, champ `when`, condition n° 1 `activity`, champ `eq` — "
        "« brasserie » inconnu pour « activity » ; codes possibles : artisan_batiment,"
    )
    assert lines[1].startswith(
        "rules/pro.yaml:56:5 — règle n° 2 `PRO-CUISINE`, champ `expert` — Valeur inconnue ; valeurs possibles : "
        "souscripteur"
    )
    # The unknown expert also leaves the referral without an expert, said once more in plain words.
    assert lines[2] == (
        "rules/pro.yaml:56:5 — règle n° 2 `PRO-CUISINE`, champ `expert` — "
        "Une règle de transmission nomme l'expert à consulter."
    )
    assert lines[-1] == "Catalogue invalide : 3 erreur(s)."


def test_a_missing_rules_folder_is_one_line_and_exit_2(app, tmp_path: Path):
    result = run(app, "rules", "check", str(tmp_path / "nowhere"), "--catalogue", str(CATALOGUE))
    assert result.exit_code == 2
    assert result.output.strip() == f"Dossier de règles introuvable : {tmp_path / 'nowhere'}"
