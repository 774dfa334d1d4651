"""Service input data (Faker fr_FR): what a user types into the client form, as a dict."""

from __future__ import annotations

import factory

from polyadmin.domain.identifiers import luhn_is_valid


def valid_siren(seed: int) -> str:
    """A SIREN with a correct Luhn key, derived from `seed` (deterministic)."""
    body = f"{seed % 10**8:08d}"
    for key in range(10):
        if luhn_is_valid(body + str(key)):
            return body + str(key)
    raise AssertionError("unreachable: one Luhn key always exists")


class PersonClientData(factory.DictFactory):
    kind = "person"
    civility = factory.Iterator(["M", "MME"])
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=85)
    profession = factory.Faker("job", locale="fr_FR")
    family_situation = factory.Iterator(["celibataire", "marie", "pacse"])
    address_line1 = factory.Faker("street_address", locale="fr_FR")
    postcode = factory.Faker("postcode", locale="fr_FR")
    city = factory.Faker("city", locale="fr_FR")
    phone = factory.Sequence(lambda n: f"06 12 34 {n // 100 % 100:02d} {n % 100:02d}")
    email = factory.Faker("email", locale="fr_FR")
    preferred_channel = "email"
    gdpr_consent = True
    gdpr_purposes = ["enquetes"]

    @factory.post_generation
    def _dates_as_text(obj, create, extracted, **kwargs):  # noqa: N805
        obj["birth_date"] = obj["birth_date"].isoformat()
        # A few Faker fr_FR job titles exceed the 120 characters the record allows (about 1 in 600).
        obj["profession"] = obj["profession"][:120].rstrip()


class CompanyClientData(factory.DictFactory):
    kind = "company"
    company_name = factory.Faker("company", locale="fr_FR")
    siren = factory.Sequence(lambda n: valid_siren(73282932 + n))
    legal_form = "SARL"
    activity = factory.Faker("catch_phrase", locale="fr_FR")
    address_line1 = factory.Faker("street_address", locale="fr_FR")
    postcode = factory.Faker("postcode", locale="fr_FR")
    city = factory.Faker("city", locale="fr_FR")
    email = factory.Faker("company_email", locale="fr_FR")
    preferred_channel = "email"
