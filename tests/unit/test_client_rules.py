from datetime import date

from polyadmin.domain.clients import changed_fields, client_problems, display_name

TODAY = date(2026, 3, 2)
PERSON = {
    "kind": "person",
    "civility": "MME",
    "first_name": "Élodie",
    "last_name": "Martin",
    "birth_date": date(1985, 6, 15),
    "preferred_channel": "email",
    "email": "elodie.martin@example.fr",
}


def test_a_complete_person_has_no_problem():
    assert client_problems(PERSON, TODAY) == {}


def test_a_person_born_after_the_sandbox_date_is_refused():
    problems = client_problems({**PERSON, "birth_date": date(2026, 3, 3)}, TODAY)
    assert problems == {"birth_date": ["La date de naissance est postérieure à la date de la simulation."]}


def test_birth_date_more_than_120_years_before_the_sandbox_date_is_refused():
    assert "birth_date" in client_problems({**PERSON, "birth_date": date(1906, 3, 1)}, TODAY)
    assert "birth_date" not in client_problems({**PERSON, "birth_date": date(1906, 3, 2)}, TODAY)


def test_company_fields_on_a_person_and_missing_required_fields_are_reported():
    problems = client_problems({"kind": "person", "siren": "732829320", "preferred_channel": "courrier"}, TODAY)
    assert problems["siren"] == ["Ce champ ne s'applique pas à un particulier."]
    for field in ("civility", "first_name", "last_name", "birth_date"):
        assert problems[field] == ["Champ obligatoire pour ce type de client."]
    assert problems["address_line1"] == ["L'adresse postale complète est requise pour un contact par courrier."]


def test_preferred_channel_needs_its_contact_detail():
    assert client_problems({**PERSON, "email": None}, TODAY) == {
        "email": ["Le courriel est requis quand c'est le canal de contact préféré."]
    }
    assert "phone" in client_problems({**PERSON, "preferred_channel": "sms"}, TODAY)


def test_purposes_without_consent_are_refused():
    problems = client_problems({**PERSON, "gdpr_consent": False, "gdpr_purposes": ["prospection"]}, TODAY)
    assert problems == {"gdpr_purposes": ["Des finalités sont cochées sans consentement du client."]}


def test_changed_fields_lists_only_what_differs():
    assert changed_fields(PERSON, {**PERSON, "last_name": "Durand", "email": PERSON["email"]}) == {
        "last_name": {"from": "Martin", "to": "Durand"}
    }


def test_display_names_follow_french_usage():
    assert display_name(PERSON) == "Madame MARTIN Élodie"
    assert display_name({"kind": "company", "company_name": "Boulangerie Dupain SARL"}) == "Boulangerie Dupain SARL"
