from __future__ import annotations

from datetime import date

import pytest

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services.clients import client_view, create_client, find_clients, get_client, update_client
from polyadmin.services.sandboxes import move_clock
from tests.helpers.factories import CompanyClientData, PersonClientData


def test_a_person_is_recorded_normalised_with_its_needs_and_consent_dated_by_the_sandbox(session, world):
    client = create_client(
        session,
        world.candidate,
        world.sandbox_id,
        PersonClientData(
            first_name=" Élodie ",
            last_name="Martin",
            phone="+33 6 12 34 56 78",
            city="Lyon",
            postcode="69003",
            accessible_formats=["gros_caracteres", "audio", "audio"],
            specific_needs="Malvoyante : documents en corps 18.",
            gdpr_consent=True,
            gdpr_purposes=["prospection"],
        ),
    )
    view = client_view(client)
    assert view["number"] == "CL-000001"
    assert (view["first_name"], view["phone"], view["city"]) == ("Élodie", "06 12 34 56 78", "LYON")
    assert view["accessible_formats"] == ["audio", "gros_caracteres"]
    assert view["gdpr_consent_on"] == date(2026, 3, 2)
    assert (view["created_on"], view["version"]) == (date(2026, 3, 2), 1)
    assert view["display_name"].startswith("M")


def test_a_company_needs_a_valid_siren_and_no_person_fields(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_client(session, world.candidate, world.sandbox_id, CompanyClientData(birth_date="1980-01-01"))
    assert caught.value.field_errors == {"birth_date": ["Ce champ ne s'applique pas à une entreprise."]}
    company = create_client(session, world.candidate, world.sandbox_id, CompanyClientData(siren="552 032 534"))
    assert company.siren == "552032534"


def test_unknown_fields_and_bad_values_are_named_in_french(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_client(
            session,
            world.candidate,
            world.sandbox_id,
            {
                "kind": "person",
                "civility": "DR",
                "email": "pas-un-courriel",
                "postcode": "7500",
                "colour": "bleu",
            },
        )
    errors = caught.value.field_errors
    assert errors["civility"] == ["Valeur inconnue ; valeurs possibles : M, MME."]
    assert errors["email"] == ["Adresse électronique invalide."]
    assert errors["postcode"] == ["Code postal à 5 chiffres attendu."]
    assert errors["colour"] == ["Champ inconnu."]


def test_consent_date_follows_the_sandbox_clock_when_consent_is_given_later(session, world):
    client = create_client(
        session, world.candidate, world.sandbox_id, PersonClientData(gdpr_consent=False, gdpr_purposes=[])
    )
    assert client.gdpr_consent_on is None
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-03-20"})
    client = update_client(session, world.candidate, world.sandbox_id, client.id, {"gdpr_consent": True})
    assert (client.gdpr_consent_on, client.updated_on, client.version) == (date(2026, 3, 20), date(2026, 3, 20), 2)


def test_the_kind_of_a_client_cannot_change(session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    with pytest.raises(InvalidInput) as caught:
        update_client(session, world.candidate, world.sandbox_id, client.id, {"kind": "company"})
    assert list(caught.value.field_errors) == ["kind"]


def test_an_outdated_version_is_a_conflict(session, world):
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    update_client(session, world.candidate, world.sandbox_id, client.id, {"profession": "Plombier"}, expected_version=1)
    with pytest.raises(Conflict):
        update_client(
            session, world.candidate, world.sandbox_id, client.id, {"profession": "Maçon"}, expected_version=1
        )
    assert get_client(session, world.candidate, world.sandbox_id, client.id).profession == "Plombier"


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("evaluator", Forbidden),
        ("trainer", Forbidden),
        ("admin", Forbidden),
        ("classmate", NotFound),
        ("stranger", NotFound),
        ("other_evaluator", NotFound),
        ("other_trainer", NotFound),
    ],
)
def test_only_the_sandbox_candidate_writes_clients(session, world, who, error):
    with pytest.raises(error):
        create_client(session, world.actor(who), world.sandbox_id, PersonClientData())


def test_a_client_of_another_sandbox_is_not_found_even_through_ones_own_sandbox(session, world):
    theirs = create_client(session, world.classmate, world.classmate_sandbox_id, PersonClientData())
    with pytest.raises(NotFound):
        get_client(session, world.candidate, world.sandbox_id, theirs.id)
    with pytest.raises(NotFound):
        update_client(session, world.candidate, world.sandbox_id, theirs.id, {"profession": "X"})


def test_search_by_accent_free_name_number_postcode_and_siren(session, world):
    elodie = create_client(
        session,
        world.candidate,
        world.sandbox_id,
        PersonClientData(last_name="Élie", first_name="Paul", postcode="69003", email="p.e@exemple.fr"),
    )
    company = create_client(
        session,
        world.candidate,
        world.sandbox_id,
        CompanyClientData(
            siren="552032534", postcode="75009", company_name="Boulangerie Dupain", email="contact@dupain.fr"
        ),
    )
    for index in range(30):
        create_client(
            session,
            world.candidate,
            world.sandbox_id,
            PersonClientData(
                last_name=f"Zed{index:02d}", first_name="Paul", postcode="13001", email=f"zed{index}@exemple.fr"
            ),
        )

    def numbers(text: str, page: int = 1) -> list[str]:
        return [client.number for client in find_clients(session, world.evaluator, world.sandbox_id, text, page).items]

    assert numbers("elie") == [elodie.number]
    assert numbers("CL-000002") == [company.number]
    assert numbers("75009") == [company.number]
    assert numbers("552032534") == [company.number]
    result = find_clients(session, world.candidate, world.sandbox_id, "zed", 2)
    assert (result.total, result.pages, len(result.items)) == (30, 2, 5)
