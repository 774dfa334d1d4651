"""The shell in English on ?lang=en (catalog compiled from the .po, as `make` does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from polyadmin.app import create_app
from tests.helpers.web import login, text

PO = Path(__file__).resolve().parents[2] / "polyadmin" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def english_client(db, database_url, tmp_path):
    catalog_dir = tmp_path / "translations" / "en" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    with PO.open("rb") as source, (catalog_dir / "messages.mo").open("wb") as target:
        write_mo(target, read_po(source))
    app = create_app(
        {
            "POLYADMIN_ENV": "test",
            "DATABASE": db,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "clé-de-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations"),
        }
    )
    return app.test_client()


def test_english_catalog_has_no_untranslated_or_fuzzy_entry():
    with PO.open("rb") as source:
        catalog = read_po(source)
    untranslated = [message.id for message in catalog if message.id and not message.string]
    assert untranslated == []
    assert not any(message.fuzzy for message in catalog if message.id)


def test_language_switch_translates_the_shell_and_is_remembered(english_client, world):
    page = text(english_client.get("/login?lang=en"))
    assert '<html lang="en">' in page
    assert "<h1>Sign in</h1>" in page and '<label for="f-username">Username</label>' in page
    assert "Skip to main content" in page
    response = login(english_client, "candidat1")
    assert response.status_code == 302
    home = text(english_client.get(f"/sandboxes/{world.sandbox_id}/"))
    assert '<html lang="en">' in home  # remembered in the session, across sign-in
    assert "Sign out" in home and "Main navigation" in home and ">Clients</a>" in home
    assert "Monday, March 2, 2026" in home
    assert ">Collections</a>" in home and "Candidate</span>" in home  # the sandbox areas in English
    french = text(english_client.get(f"/sandboxes/{world.sandbox_id}/?lang=fr"))
    assert '<html lang="fr">' in french and "lundi 2 mars 2026" in french and "Se déconnecter" in french


def test_footer_offers_both_languages(client, world):
    page = text(client.get("/login"))
    assert 'href="/login?lang=en" hreflang="en" lang="en"' in page
    assert 'href="/login?lang=fr" hreflang="fr" lang="fr" aria-current="true"' in page
