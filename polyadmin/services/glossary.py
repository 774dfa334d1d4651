"""The glossary of the codes trainers write in their files (docs/glossary.md), generated from the code and
the product files so that it never drifts: `python -m polyadmin.services.glossary > docs/glossary.md`
writes it again; tests/unit/test_glossary.py checks that the committed file is up to date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from polyadmin.catalogue import load_directory
from polyadmin.documents.specimen_kinds import SPECIMEN_KINDS
from polyadmin.domain.acceptance import CONDITION_LABELS, EXPERT_LABELS, OUTCOME_LABELS
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.underwriting_facts import FACTS
from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES

STATUS = {"mandatory": "obligatoire", "formula": "de formule", "optional": "optionnelle"}
FACT_KINDS = {
    "integer": "nombre entier",
    "decimal": "nombre",
    "date": "date",
    "boolean": "oui/non",
    "text": "code ou texte",
    "list": "liste de codes",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(headers: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| `" + rows_code + "` | " + " | ".join(_cell(c) for c in rest) + " |" for rows_code, *rest in rows)
    return [*lines, ""]


def _product(product: Product) -> list[str]:
    lines = [f"### {product.code} — {product.name} (`products/{product.source_file}`)", ""]
    lines += ["Garanties (`guarantees[].code`, nommées par `formulas[].guarantees`, `options`, `applies_to`) :", ""]
    lines += _table(("Code", "Garantie", "Statut"), ((g.code, g.name, STATUS[g.status]) for g in product.guarantees))
    lines += ["Tables de tarif (`tables`, nommées par `premium[].factors`) :", ""]
    lines += _table(("Code", "Table", "Type"), ((t.code, t.label, t.kind) for t in product.tables))
    lines += ["Formules (`formulas[].code`) :", ""]
    lines += _table(("Code", "Formule"), ((f.code, f.name) for f in product.formulas))
    if product.modifiers:
        lines += ["Options tarifaires (`modifiers[].code`) :", ""]
        lines += _table(("Code", "Option"), ((m.code, m.name) for m in product.modifiers))
    lines += ["Champs de risque (`risk_fields[].name`, nommés par les tables et les scénarios) :", ""]
    lines += _table(("Nom", "Champ", "Type"), ((f.name, f.label, f.kind) for f in product.risk_fields))
    lines += ["Pièces exigées (`required_documents[].code`, nommées par `rules/` : `documents`) :", ""]
    lines += _table(("Code", "Pièce"), ((d.code, d.label) for d in product.required_documents))
    return lines


def glossary_markdown(catalogue: Catalogue) -> str:
    lines = [
        "# Glossaire des codes",
        "",
        "Les codes que les formateurs écrivent dans `products/`, `rules/` et `scenarios/`, avec leur sens.",
        "Quand un code est inconnu, `polyadmin catalogue check`, `polyadmin rules check` et",
        "`polyadmin scenario check` donnent les codes possibles ; les listes longues renvoient ici.",
        "",
        "Ce fichier est généré à partir du code et des fichiers produits ; ne le modifiez pas à la main :",
        "`python -m polyadmin.services.glossary > docs/glossary.md` (un test vérifie qu'il est à jour).",
        "",
        "## Issues d'une demande (`outcome`)",
        "",
        "Dans `rules/` (`rules[].outcome`, sauf `accept`) et dans les scénarios (`requests[].expected.outcome`).",
        "",
    ]
    lines += _table(("Code", "Issue"), ((str(code), label) for code, label in OUTCOME_LABELS.items()))
    lines += ["## Experts (`expert`)", "", "Dans `rules/` (`rules[].expert`, `delegation[].expert`) et dans les"]
    lines += ["scénarios (`requests[].experts[].expert`).", ""]
    lines += _table(("Code", "Expert"), ((str(code), label) for code, label in EXPERT_LABELS.items()))
    lines += ["## Conditions particulières (`rules[].conditions[].kind`)", ""]
    lines += _table(("Code", "Condition"), ((str(code), label) for code, label in CONDITION_LABELS.items()))
    lines += ["## Pièces justificatives (`documents[].kind` des scénarios)", ""]
    lines += _table(("Code", "Pièce", "Référence"), ((k.code, k.title, k.source) for k in SPECIMEN_KINDS.values()))
    lines += ["## Données des règles (`fact`, dans `rules/`)", ""]
    lines += _table(
        ("Code", "Donnée", "Type"),
        ((f.name, f.label + (f" ({f.unit})" if f.unit else ""), FACT_KINDS[f.kind]) for f in FACTS.values()),
    )
    lines += ["## Compétences du référentiel (`referential`, `competences[].code`)", ""]
    lines += _table(("Code", "Compétence"), REFERENTIAL_CODES.items())
    lines += ["## Actions du journal (`evidence.actions` de `rules/evaluation/grid.yaml`)", ""]
    lines += _table(("Code", "Action"), ((a.name, a.label) for a in ACTIONS.values()))
    lines += ["## Codes de chaque produit", ""]
    for product in catalogue.products:
        lines += _product(product)
    return "\n".join(lines).rstrip("\n") + "\n"


def repository_glossary(root: Path) -> str:
    """The glossary of the product files of the repository at `root`."""
    return glossary_markdown(load_directory(root / "products").catalogue)


if __name__ == "__main__":  # pragma: no cover — the command that writes docs/glossary.md
    print(repository_glossary(Path(__file__).resolve().parents[2]), end="")
