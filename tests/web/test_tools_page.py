"""The « Outils » page: bonus-malus and novice-surcharge calculators, for every signed-in role."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from polyadmin.store.models import JournalEntry
from tests.helpers.web import login, post_form, text

USERS = ("admin", "formatrice", "formateur2", "evaluateur", "evaluateur2", "candidat1", "candidat2", "candidat3")
READERS = {"admin", "formatrice", "evaluateur", "candidat1"}  # who sees candidat1's sandbox


def bm_form(crm: str = "1,00", rows: list[tuple[str, str]] | None = None, **extra: str) -> dict[str, str]:
    data = {"calculator": "bonus_malus", "crm": crm, "usage": "standard", "years_at_floor": "0"}
    for index, (at_fault, partial) in enumerate(rows or []):
        data[f"at_fault_{index}"] = at_fault
        data[f"partial_{index}"] = partial
    data.update(extra)
    return data


def plain(response) -> str:
    """The page text without tags, entities decoded (the rule sentences hold « × » and « , »)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text(response))))


@pytest.mark.parametrize("user", USERS)
def test_every_role_opens_the_tools_page(client, world, user):
    assert login(client, user).status_code == 302
    response = client.get("/outils")
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="fr">' in body and "<h1>Outils de calcul</h1>" in body
    assert 'name="csrf_token"' in body


@pytest.mark.parametrize("user", USERS)
def test_the_sandbox_tools_page_follows_the_sandbox_visibility(client, world, user):
    login(client, user)
    response = client.get(f"/sandboxes/{world.sandbox_id}/outils")
    assert response.status_code == (200 if user in READERS else 404)
    if user in READERS:
        body = text(response)
        assert f'href="/sandboxes/{world.sandbox_id}/outils" aria-current="page">Outils</a>' in body
        assert "Date de la simulation" in body  # inside the sandbox layout


def test_the_sandbox_navigation_links_to_the_tools(login_as, world):
    client = login_as("candidat1")
    home = text(client.get(f"/sandboxes/{world.sandbox_id}/"))
    assert f'<a href="/sandboxes/{world.sandbox_id}/outils">Outils</a>' in home


@pytest.mark.parametrize("path", ["/outils", "/sandboxes/{box}/outils"])
def test_anonymous_users_are_sent_to_login(client, world, path):
    response = client.get(path.format(box=world.sandbox_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_form_is_accessible_labels_fieldsets_and_defaults(login_as, world):
    body = text(login_as("evaluateur").get("/outils"))
    for field in ("crm", "years_at_floor", "years_licensed", "claim_free_years", "accompanied_driving"):
        assert f'<label for="f-{field}">' in body, field
    assert '<label for="f-at_fault_9" class="visually-hidden">Période 10 : sinistres responsables</label>' in body
    assert "<legend>Usage du véhicule</legend>" in body
    assert "<legend>Périodes annuelles de référence, de la plus ancienne à la plus récente</legend>" in body
    assert 'id="f-crm" name="crm" value="1,00"' in body
    assert 'id="f-at_fault_0" name="at_fault_0" value="0"' in body


def test_bonus_malus_shows_the_result_and_each_step(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("1,00", [("0", "0"), ("", "0"), ("2", "")]))
    assert response.status_code == 200
    page = plain(response)
    # 1,00 → 0,95 → 0,9025 → 0,90 ; then two claims: 0,90 × 1,25 = 1,125 → 1,12 ; 1,12 × 1,25 = 1,40.
    assert "Coefficient obtenu : 1,40" in page
    assert "Année 1 sans sinistre responsable : 1,00 × 0,95 = 0,95." in page
    assert "0,95 × 0,95 = 0,9025, arrondi par défaut à 0,90" in page
    assert "Année 3 avec 2 sinistres responsables : 0,90 × 1,25 = 1,125, arrondi par défaut à 1,12 ;" in page
    assert 'id="f-at_fault_2" name="at_fault_2" value="2"' in text(response)  # the form keeps what was typed


def test_bonus_malus_first_claim_after_three_years_at_floor(login_as, world):
    client = login_as("formatrice")
    response = post_form(client, "/outils", bm_form("0,50", [("1", "0")], years_at_floor="3"))
    page = plain(response)
    assert "Coefficient obtenu : 0,50" in page and "aucune majoration" in page


def test_bonus_malus_tournees(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("1", [("0", "0"), ("0", "0")], usage="tournees"))
    assert "Coefficient obtenu : 0,86" in plain(response)  # 0,93 then 0,8649 → 0,86


def test_bonus_malus_errors_are_summarised_and_shown_beside_the_fields(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("abc", [("0", "0"), ("-1", "")], usage="taxi"))
    assert response.status_code == 422
    body = text(response)
    assert 'id="error-summary" role="alert"' in body
    assert '<a href="#f-crm">Coefficient actuel (CRM) : Coefficient invalide' in body
    assert 'href="#f-usage">Usage du véhicule : Valeur inconnue' in body
    assert 'href="#f-at_fault_1">Période 2 — sinistres responsables : Nombre entier positif ou nul attendu.' in body
    assert 'aria-invalid="true" aria-describedby="f-at_fault_1-error"' in body
    assert 'id="f-crm" name="crm" value="abc"' in body
    assert "Coefficient obtenu" not in body


def test_bonus_malus_out_of_range_coefficient_is_refused_in_french(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("3,60", [("0", "0")]))
    assert response.status_code == 422
    assert "Le coefficient est compris entre 0,50 et 3,50" in plain(response)


def test_a_blank_period_between_two_filled_ones_is_an_error(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("1,00", [("0", "0"), ("", ""), ("1", "0")]))
    assert response.status_code == 422
    assert "Période vide entre deux périodes saisies" in plain(response)


def test_no_period_keeps_the_coefficient(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", bm_form("1,25", [("", "")]))
    page = plain(response)
    assert response.status_code == 200
    assert "Coefficient obtenu : 1,25" in page and "Aucune période saisie" in page


def test_novice_surcharge_after_one_claim_free_year_is_50(login_as, world):
    client = login_as("candidat1")
    form = {"calculator": "novice", "years_licensed": "1", "claim_free_years": "1"}
    response = post_form(client, "/outils", form)
    assert response.status_code == 200
    page = plain(response)
    assert "Surprime : 50 % de la prime de référence" in page
    assert "article A121-1-1 du Code des assurances" in page


def test_novice_surcharge_with_accompanied_driving(login_as, world):
    client = login_as("evaluateur")
    form = {"calculator": "novice", "years_licensed": "1", "claim_free_years": "1", "accompanied_driving": "oui"}
    response = post_form(client, f"/sandboxes/{world.sandbox_id}/outils", form)
    assert response.status_code == 200
    assert "Surprime : 25 % de la prime de référence" in plain(response)
    assert 'name="accompanied_driving" value="oui" checked' in text(response)


def test_novice_surcharge_errors(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", {"calculator": "novice", "years_licensed": "1", "claim_free_years": "3"})
    assert response.status_code == 422
    body = text(response)
    assert 'href="#f-claim_free_years">Années sans sinistre responsable : ' in body
    response = post_form(client, "/outils", {"calculator": "novice", "years_licensed": "", "claim_free_years": "x"})
    body = text(response)
    assert 'href="#f-years_licensed">Années de permis : Champ obligatoire.' in body
    assert 'href="#f-claim_free_years">Années sans sinistre responsable : Nombre entier positif ou nul attendu.' in body


def test_an_unknown_calculator_is_a_form_error(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", {"calculator": "loterie"})
    assert response.status_code == 422
    assert "Formulaire inconnu" in text(response)


def test_posting_without_the_csrf_token_is_refused(login_as, world):
    client = login_as("candidat1")
    response = client.post("/outils", data={"calculator": "novice", "years_licensed": "0", "claim_free_years": "0"})
    assert response.status_code == 400


def test_calculations_write_nothing_to_the_journal(login_as, world, session):
    def count() -> int:
        return session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()

    client = login_as("candidat1")
    before = count()
    assert post_form(client, "/outils", bm_form("1,00", [("1", "0")])).status_code == 200
    form = {"calculator": "novice", "years_licensed": "0", "claim_free_years": "0"}
    assert post_form(client, "/outils", form).status_code == 200
    session.expire_all()
    assert count() == before


# --- Termination and unpaid-premium calculators (issues 13 and 14) ---------------------------------


def termination_form(**changes: str) -> dict[str, str]:
    data = {
        "calculator": "termination",
        "ground": "hamon",
        "subscribed_on": "2026-03-01",
        "period_start": "2027-03-01",
        "period_end": "2028-02-29",
        "annual_premium": "600,00",
        "notice_received_on": "2027-05-10",
    }
    data.update(changes)
    return data


def test_the_new_calculators_have_labelled_fields_with_unique_ids(login_as, world):
    body = text(login_as("candidat1").get("/outils"))
    for field in (
        "ground",
        "subscribed_on",
        "period_start",
        "period_end",
        "annual_premium",
        "notice_sent_on",
        "notice_received_on",
        "event_on",
        "due_date",
        "notice_of_right_sent_on",
        "professional",
        "up_due_date",
        "up_notice_sent_on",
        "up_paid_on",
    ):
        assert body.count(f'<label for="f-{field}">') == 1, field
        assert body.count(f'id="f-{field}"') == 1, field
    assert '<option value="hamon">Loi Hamon, après un an (art. L113-15-2)</option>' in body


def test_termination_shows_the_date_of_effect_and_the_refund_in_french(login_as, world, session):
    client = login_as("candidat1")
    before = session.scalar(select(func.count()).select_from(JournalEntry))
    response = post_form(client, "/outils", termination_form())
    assert response.status_code == 200
    page = plain(response)
    # L113-15-2: received 10 May 2027 → effect 10 June 2027; 600 × 101 / 366 = 165,57 earned; 434,43 refunded.
    assert "Résiliation possible : fin du contrat le 10 juin 2027" in page
    assert "165,57" in page and "434,43" in page and "10 juillet 2027" in page
    assert session.scalar(select(func.count()).select_from(JournalEntry)) == before


def test_termination_refusal_shows_the_reason(login_as, world):
    form = termination_form(period_start="2026-03-01", period_end="2027-02-28", notice_received_on="2026-12-10")
    page = plain(post_form(login_as("candidat1"), "/outils", form))
    assert "Résiliation refusée sur ce motif" in page and "après un an" in page


def test_termination_errors_are_summarised_beside_their_fields(login_as, world):
    client = login_as("candidat1")
    response = post_form(client, "/outils", termination_form(annual_premium="six cents"))
    assert response.status_code == 422
    body = text(response)
    assert '<a href="#f-annual_premium">Prime de la période (€) : Montant invalide' in body
    assert 'id="f-annual_premium" name="annual_premium" value="six cents"' in body
    # The ground's own dates are checked once the input reads: Hamon needs the date of receipt.
    missing = text(post_form(client, "/outils", termination_form(notice_received_on="")))
    assert 'href="#f-notice_received_on">Réception de la lettre : Obligatoire pour ce motif' in missing


def test_unpaid_premium_payment_during_suspension_resumes_at_noon(login_as, world):
    form = {
        "calculator": "unpaid",
        "up_due_date": "2026-03-01",
        "up_notice_sent_on": "2026-03-12",
        "up_paid_on": "2026-04-13",
    }
    page = plain(post_form(login_as("candidat1"), "/outils", form))
    assert "Mise en demeure valable" in page
    assert "12 avril 2026" in page and "14 avril 2026 à 12h00" in page


def test_unpaid_premium_errors_name_the_unpaid_form_fields(login_as, world):
    response = post_form(
        login_as("candidat1"), "/outils", {"calculator": "unpaid", "up_due_date": "", "up_notice_sent_on": "2026-03-12"}
    )
    assert response.status_code == 422
    assert '<a href="#f-up_due_date">Échéance de la prime impayée : Champ obligatoire.' in text(response)


def test_unpaid_premium_notice_too_early(login_as, world):
    form = {"calculator": "unpaid", "up_due_date": "2026-03-01", "up_notice_sent_on": "2026-03-06", "up_paid_on": ""}
    page = plain(post_form(login_as("candidat1"), "/outils", form))
    assert "Mise en demeure prématurée" in page and "12 mars 2026" in page
