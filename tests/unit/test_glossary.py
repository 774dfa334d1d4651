"""docs/glossary.md is generated from the code and the product files: it must say what they say."""

from __future__ import annotations

from pathlib import Path

from polyadmin.services.glossary import repository_glossary

ROOT = Path(__file__).resolve().parents[2]


def test_the_glossary_of_codes_is_up_to_date():
    committed = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert committed == repository_glossary(ROOT), (
        "docs/glossary.md est périmé : python -m polyadmin.services.glossary > docs/glossary.md"
    )


def test_the_glossary_names_every_kind_of_code_trainers_write():
    text = repository_glossary(ROOT)
    for heading in ("Issues d'une demande", "Experts", "Conditions particulières", "Pièces justificatives"):
        assert f"## {heading}" in text
    assert "| `medecin_conseil` | Médecin-conseil |" in text
    assert "### AUTO — " in text and "| `rc` | " in text
