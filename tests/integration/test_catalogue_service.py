"""services.catalogue: who loads, which snapshot each actor reads, hash checks, pricing without journal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, update

from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.services import catalogue as service
from polyadmin.services.exam_sessions import create_exam_session, get_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import CatalogueSnapshot, ExamSession, JournalEntry
from tests.helpers.databases import TEST_CATALOGUE

RISK = {"postcode": "44000", "rooms": 3, "occupant": "locataire", "surface": "62.5"}
CONFORT = {"formula": "confort", "frequency": "annuel", "risk": RISK}


@pytest.fixture
def essai(session, world):  # type: ignore[no-untyped-def]
    """The small test catalogue loaded now, and a session of candidat1 pinned to it (its sandbox id)."""
    snapshot = service.load_catalogue(session, world.trainer, TEST_CATALOGUE)
    exam = create_exam_session(
        session,
        world.trainer,
        {
            "name": "Session d'essai",
            "starts_on": "2026-03-02",
            "candidates": ["candidat1"],
            "evaluators": ["evaluateur"],
            "catalogue": snapshot.content_hash[:12],
        },
    )
    return exam.sandboxes[0].id


def journal_size(session) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()


@pytest.mark.parametrize("who", ["evaluator", "candidate"])
def test_only_trainers_and_admins_load_or_list(session, world, who):
    with pytest.raises(Forbidden):
        service.load_catalogue(session, world.actor(who), TEST_CATALOGUE)
    with pytest.raises(Forbidden):
        service.list_snapshots(session, world.actor(who))


def test_loading_the_same_files_again_returns_the_stored_snapshot(session, world):
    first = service.load_catalogue(session, world.admin, TEST_CATALOGUE)
    size = journal_size(session)
    again = service.load_catalogue(session, world.trainer, TEST_CATALOGUE)
    assert again.id == first.id and journal_size(session) == size
    assert service.list_snapshots(session, world.admin)[0].id == first.id


def test_a_session_records_its_pinned_catalogue_in_the_journal(session, world, essai):
    pinned = session.execute(select(ExamSession).where(ExamSession.name == "Session d'essai")).scalar_one()
    assert pinned.catalogue_snapshot is not None
    entry = (
        session.execute(
            select(JournalEntry).where(
                JournalEntry.action == "exam_session.create", JournalEntry.record_id == str(pinned.id)
            )
        )
        .scalars()
        .one()
    )
    assert entry.input["catalogue"] == pinned.catalogue_snapshot.content_hash[:12]
    assert entry.outcome["catalogue"] == pinned.catalogue_snapshot.content_hash
    assert entry.outcome["products"] == {"HAB_ESSAI": "2026.1"}


def test_an_unknown_or_malformed_catalogue_hash_is_refused(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(session, world.trainer, {"name": "S", "catalogue": "0000000000ff"})
    assert caught.value.field_errors == {"catalogue": ["Aucun catalogue chargé n'a l'empreinte « 0000000000ff »."]}
    with pytest.raises(InvalidInput) as malformed:
        create_exam_session(session, world.trainer, {"name": "S", "catalogue": "abc"})
    assert list(malformed.value.field_errors) == ["catalogue"]


def test_without_any_catalogue_sessions_and_reads_say_how_to_load_one(session, world):
    session.execute(update(ExamSession).values(catalogue_snapshot_id=None))
    session.execute(delete(CatalogueSnapshot))
    session.commit()
    with pytest.raises(Conflict) as caught:
        create_exam_session(session, world.trainer, {"name": "Sans catalogue"})
    assert "polyadmin catalogue load" in caught.value.message and caught.value.status == 409
    with pytest.raises(Conflict):
        service.catalogue_for(session, world.trainer)
    assert service.latest_snapshot(session) is None


def test_each_actor_reads_the_right_snapshot(session, world, essai):
    latest = service.latest_snapshot(session)
    assert latest is not None and latest.product_versions == {"HAB_ESSAI": "2026.1"}
    world_hash = get_exam_session(session, world.trainer, world.exam_session_id).catalogue_snapshot.content_hash
    # A sandbox: its session's snapshot, for whoever may read it.
    assert service.catalogue_for(session, world.evaluator, world.sandbox_id).content_hash == world_hash
    assert service.catalogue_for(session, world.candidate, essai).content_hash == latest.content_hash
    # Without a sandbox: a candidate gets their most recent sandbox's, the others the latest.
    assert service.catalogue_for(session, world.candidate).content_hash == latest.content_hash
    assert service.catalogue_for(session, world.classmate).content_hash == world_hash
    assert service.catalogue_for(session, world.other_trainer).content_hash == latest.content_hash
    # Someone else's sandbox does not exist for you.
    with pytest.raises(NotFound):
        service.catalogue_for(session, world.classmate, essai)
    with pytest.raises(NotFound):
        service.catalogue_for(session, world.other_evaluator, essai)


def test_unknown_product_lists_the_valid_codes(session, world, essai):
    assert service.get_product(session, world.candidate, "HAB_ESSAI", essai).name == "Habitation d'essai"
    with pytest.raises(NotFound) as caught:
        service.get_product(session, world.candidate, "MRH", essai)
    assert caught.value.message == "Produit inconnu « MRH » ; produits du catalogue : HAB_ESSAI."
    with pytest.raises(InvalidInput) as pricing:
        service.price_product(session, world.candidate, "MRH", CONFORT, essai)
    assert pricing.value.field_errors == {"product": ["Produit inconnu « MRH » ; produits du catalogue : HAB_ESSAI."]}


def test_a_tampered_snapshot_is_a_conflict(session, world, essai):
    pinned = service.snapshot_for(session, world.candidate, essai)
    text = session.execute(select(CatalogueSnapshot.document).where(CatalogueSnapshot.id == pinned.id)).scalar_one()
    session.execute(
        update(CatalogueSnapshot)
        .where(CatalogueSnapshot.id == pinned.id)
        .values(document=text.replace('"base":"80.00"', '"base":"8.00"'))
    )
    session.commit()
    service.forget_cached_catalogues()
    try:
        with pytest.raises(Conflict) as caught:
            service.catalogue_for(session, world.candidate, essai)
        assert "est altéré" in caught.value.message and pinned.short_hash in caught.value.message
    finally:
        service.forget_cached_catalogues()


def test_rebuilt_catalogues_are_cached_by_hash_and_bounded(session, world, essai):
    service.forget_cached_catalogues()
    first = service.catalogue_for(session, world.candidate, essai)
    assert service.catalogue_for(session, world.evaluator, essai) is first
    for index in range(service.CACHE_SIZE + 2):
        service._remember(f"{index:064x}", first)
    assert len(service._cache) == service.CACHE_SIZE
    assert service.catalogue_for(session, world.candidate, essai) is not first  # evicted, rebuilt, equal
    assert service.catalogue_for(session, world.candidate, essai) == first


def test_pricing_follows_the_hand_computed_figures_and_writes_nothing(session, world, essai):
    before = journal_size(session)
    pricing = service.price_product(session, world.candidate, "HAB_ESSAI", CONFORT, essai)
    assert journal_size(session) == before, "a simulation is not journaled"
    assert pricing.effective_date == date(2026, 3, 2)  # the sandbox clock
    lines = {line.code: line for line in pricing.lines}
    assert [line.code for line in pricing.lines] == ["incendie", "rc_vie_privee", "degats_eaux"]
    # incendie: 80 × zone 44 (1.00) × 3 pièces (1.00) × locataire (1.00) × franchise 150 € (1.00)
    assert lines["incendie"].premium_before_tax == Decimal("80.00")
    assert [(t.code, t.amount) for t in lines["incendie"].taxes] == [
        ("tsca", Decimal("24.00")),  # 30 %
        ("catnat", Decimal("16.00")),  # 20 % since 2025
        ("catnat_tax", Decimal("1.44")),  # 9 % of the surcharge
    ]
    assert lines["rc_vie_privee"].total == Decimal("27.80")  # 25.50 + 9 % (2.295 → 2.30)
    assert lines["degats_eaux"].total == Decimal("78.48")  # 60 + 5.40 + 12.00 + 1.08
    assert [(c.code, c.total) for c in pricing.charges] == [
        ("frais_dossier", Decimal("13.08")),
        ("attentats", Decimal("6.50")),
    ]
    assert pricing.premium_before_tax == Decimal("165.50")
    assert pricing.taxes == Decimal("63.30")
    assert pricing.total == Decimal("247.30")
    assert [(i.number, i.due_date, i.amount) for i in pricing.instalments] == [(1, date(2026, 3, 2), Decimal("247.30"))]


def test_the_effective_date_follows_the_sandbox_clock_or_is_required_outside(session, world, essai):
    move_clock(session, world.trainer, essai, {"date": "2026-04-15"})
    assert service.price_product(session, world.evaluator, "HAB_ESSAI", CONFORT, essai).effective_date == date(
        2026, 4, 15
    )
    explicit = service.price_product(session, world.trainer, "HAB_ESSAI", {**CONFORT, "effective_date": "2026-06-01"})
    assert explicit.effective_date == date(2026, 6, 1)
    with pytest.raises(InvalidInput) as caught:
        service.price_product(session, world.trainer, "HAB_ESSAI", CONFORT)
    assert list(caught.value.field_errors) == ["effective_date"]


def test_request_shape_and_product_choices_are_checked_in_french(session, world, essai):
    with pytest.raises(InvalidInput) as shape:
        service.price_product(session, world.candidate, "HAB_ESSAI", {"risk": [], "other_contracts": -1}, essai)
    assert shape.value.field_errors == {
        "formula": ["Champ obligatoire."],
        "frequency": ["Champ obligatoire."],
        "risk": ["Objet attendu."],
        "other_contracts": ["Nombre de contrats entre 0 et 99."],
    }
    with pytest.raises(InvalidInput) as choices:
        service.price_product(
            session,
            world.candidate,
            "HAB_ESSAI",
            {**CONFORT, "formula": "luxe", "options": ["piscine"], "deductibles": {}},
            essai,
        )
    assert choices.value.field_errors["formula"] == [
        "Formule inconnue « luxe » ; valeurs possibles : essentielle, confort."
    ]
