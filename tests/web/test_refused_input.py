"""`refused_input`: the one place where a refused input goes back to its form."""

from __future__ import annotations

import pytest

from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.web.forms import Refusal, refused_input


def test_messages_go_to_the_whole_field_with_a_422() -> None:
    with refused_input() as refused:
        raise InvalidInput({"accessible_formats.0": ["Choix invalide."], "postcode": ["5 chiffres."]})
    assert refused.errors == {"accessible_formats": ["Choix invalide."], "postcode": ["5 chiffres."]}
    assert refused.status == 422
    assert refused


def test_an_input_refused_as_a_whole_is_reported_on_the_form() -> None:
    with refused_input() as refused:
        raise InvalidInput({}, message="Données incohérentes.")
    assert refused.errors == {"_schema": ["Données incohérentes."]}


def test_the_page_chooses_how_paths_become_fields() -> None:
    with refused_input(dict) as refused:
        raise InvalidInput({"candidates.0": ["Inconnu."]})
    assert refused.errors == {"candidates.0": ["Inconnu."]}


def test_nothing_refused_leaves_an_empty_refusal() -> None:
    with refused_input() as refused:
        pass
    assert refused == Refusal()
    assert not refused


def test_a_listed_refusal_keeps_its_message_and_status() -> None:
    with refused_input(also=(Conflict,)) as refused:
        raise Conflict("La fiche a été modifiée entre-temps.")
    assert (refused.errors, refused.status, refused.message) == ({}, 409, "La fiche a été modifiée entre-temps.")


@pytest.mark.parametrize("error", [Conflict("Conflit."), NotFound()])
def test_other_refusals_reach_the_error_pages(error: Exception) -> None:
    with pytest.raises(type(error)), refused_input():
        raise error
