"""Seeding a sandbox (services.seeding): rows, read-back digest, sequences, clock, journal, atomicity,
reset, and exam sessions opened from a scenario — on SQLite and PostgreSQL alike."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from polyadmin.domain.canonical import canonical_json
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import sandbox_stream
from polyadmin.scenarios import load_scenario, scenario_from_document
from polyadmin.seeding.generate import generate_portfolio
from polyadmin.seeding.portfolio import TABLE_ORDER, Portfolio, portfolio_digest
from polyadmin.services import seeding
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.clients import create_client, find_clients
from polyadmin.services.exam_sessions import create_exam_session
from polyadmin.services.sandboxes import move_clock
from polyadmin.store.models import Client, ExamSession, JournalEntry, Sandbox, SandboxSequence
from polyadmin.store.portfolio import Contract, Instalment, SandboxSeeding
from tests.helpers.factories import PersonClientData
from tests.integration.portfolio_sample import sample_portfolio

SCENARIO_START = date(2026, 2, 16)


@dataclass(frozen=True)
class FakeScenario:
    code: str
    start_date: date
    seed: int = 1


@dataclass(frozen=True)
class FakeLoaded:
    """Stands for polyadmin.scenarios.LoadedScenario: the writer only reads these attributes."""

    scenario: FakeScenario
    document: dict[str, Any]
    content_hash: str


@dataclass
class Sample:
    path: Path
    portfolio: Portfolio
    loaded: FakeLoaded
    generated_with: list[int]

    @property
    def digest(self) -> str:
        return portfolio_digest(self.portfolio.rows)


@pytest.fixture
def sample(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Sample]:
    """The hand-built portfolio stands for the generator's output (the writer is tested on its own)."""
    portfolio = sample_portfolio()
    path = tmp_path / "essai.yaml"
    path.write_text("code: essai\n", encoding="utf-8")
    loaded = FakeLoaded(FakeScenario("essai", SCENARIO_START), {"code": "essai", "clients": 5}, "ab" * 32)
    result = Sample(path, portfolio, loaded, [])

    def generate(scenario: Any, catalogue: Any, seed: int) -> Portfolio:
        result.generated_with.append(seed)
        return copy.deepcopy(result.portfolio)

    monkeypatch.setattr(seeding, "load_scenario", lambda path, catalogue: loaded)
    monkeypatch.setattr(seeding, "scenario_from_document", lambda document, catalogue, file: loaded)
    monkeypatch.setattr(seeding, "generate_portfolio", generate)
    monkeypatch.setattr(seeding, "generation_problems", lambda scenario, catalogue: [])  # the pricing check
    seeding.forget_generated()  # the generator is replaced: nothing kept from another test applies
    yield result
    seeding.forget_generated()


def count(session, model, sandbox_id: int) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(model).where(model.sandbox_id == sandbox_id)).scalar_one()


def entries(session, sandbox_id: int, action: str) -> list[JournalEntry]:  # type: ignore[no-untyped-def]
    query = select(JournalEntry).where(JournalEntry.sandbox_id == sandbox_id, JournalEntry.action == action)
    return list(session.execute(query.order_by(JournalEntry.seq)).scalars())


def sequences(session, sandbox_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rows = session.execute(select(SandboxSequence).where(SandboxSequence.sandbox_id == sandbox_id)).scalars()
    return {row.name: row.last_value for row in rows}


# --- seeding -------------------------------------------------------------------------------------


def test_seeding_writes_every_row_and_reads_back_to_the_generator_digest(session, world, sample):
    record = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path, seed=7)
    expected_counts = sample.portfolio.counts()
    assert record.counts == expected_counts
    assert all(expected_counts[name] for name in TABLE_ORDER)  # the sample fills every table
    assert (record.scenario_code, record.scenario_hash, record.seed) == ("essai", "ab" * 32, 7)
    assert (record.digest, record.start_date) == (sample.digest, SCENARIO_START)
    assert seeding.stored_document(record) == {"code": "essai", "clients": 5}
    assert sample.generated_with == [7]
    assert seeding.sandbox_digest(session, world.sandbox_id) == sample.digest
    assert count(session, Client, world.sandbox_id) == expected_counts["clients"]
    assert count(session, Instalment, world.sandbox_id) == expected_counts["instalments"]
    clients = session.execute(select(Client).where(Client.sandbox_id == world.sandbox_id)).scalars().all()
    assert {(client.seeded, client.version) for client in clients} == {(True, 1)}
    assert {client.search_name for client in clients} >= {"martin0 elodie", "boulangerie dupre"}
    sandbox = session.get(Sandbox, world.sandbox_id)
    pinned = sandbox.exam_session.catalogue_snapshot_id
    assert set(session.execute(select(Contract.snapshot_id).where(Contract.sandbox_id == sandbox.id)).scalars()) == {
        pinned
    }
    assert sandbox.business_date == SCENARIO_START
    assert count(session, Client, world.classmate_sandbox_id) == 0  # the other sandbox is untouched


def test_the_seeded_portfolio_is_searchable_by_name_and_registration(session, world, sample):
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    by_name = find_clients(session, world.candidate, world.sandbox_id, "dupré")
    assert [client.company_name for client in by_name.items] == ["Boulangerie Dupré"]
    by_plate = find_clients(session, world.candidate, world.sandbox_id, "ab-101-cd")
    assert [client.number for client in by_plate.items] == ["CL-000003"]


def test_two_sandboxes_seeded_alike_have_equal_digests(session, world, sample):
    first = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    second = seeding.seed_sandbox(session, world.trainer, world.classmate_sandbox_id, sample.path)
    assert first.seed == second.seed == seeding.DEFAULT_SEED
    assert seeding.sandbox_digest(session, world.sandbox_id) == seeding.sandbox_digest(
        session, world.classmate_sandbox_id
    )
    assert seeding.sandbox_digest(session, world.stranger_sandbox_id) == portfolio_digest({})


def test_seeding_is_journaled_as_one_trainer_entry_with_scenario_seed_counts_and_digest(session, world, sample):
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path, seed=3)
    sandbox_entries = session.execute(
        select(JournalEntry.action).where(JournalEntry.sandbox_id == world.sandbox_id).order_by(JournalEntry.seq)
    ).scalars()
    assert list(sandbox_entries) == ["sandbox.create", "sandbox.seed"]
    (entry,) = entries(session, world.sandbox_id, "sandbox.seed")
    assert (entry.actor_username, entry.actor_role, entry.codes) == ("formatrice", "trainer", [])
    assert entry.sandbox_date == SCENARIO_START
    assert entry.input == {"scenario": "essai", "scenario_hash": "ab" * 32, "seed": 3}
    assert entry.outcome["counts"] == sample.portfolio.counts()
    assert entry.outcome["digest"] == sample.digest
    assert entry.outcome["business_date"] == {"from": "2026-03-02", "to": "2026-02-16"}
    assert entry.outcome["sequences"] == {"client": 5, "contract": 4, "request": 2}
    assert verify_stream(session, sandbox_stream(world.sandbox_id)).intact


def test_numbers_continue_after_the_seeded_ones(session, world, sample):
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert sequences(session, world.sandbox_id) == {"client": 5, "contract": 4, "request": 2}
    client = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert client.number == "CL-000006"
    assert client.created_on == SCENARIO_START


def test_an_admin_may_seed_but_not_candidates_evaluators_or_other_trainers(session, world, sample):
    with pytest.raises(Forbidden):
        seeding.seed_sandbox(session, world.candidate, world.sandbox_id, sample.path)
    with pytest.raises(Forbidden):
        seeding.seed_sandbox(session, world.evaluator, world.sandbox_id, sample.path)
    with pytest.raises(NotFound):
        seeding.seed_sandbox(session, world.other_trainer, world.sandbox_id, sample.path)
    assert sample.generated_with == []  # refused before any generation
    record = seeding.seed_sandbox(session, world.admin, world.sandbox_id, sample.path)
    assert record.digest == sample.digest


def test_a_sandbox_that_holds_a_portfolio_is_not_seeded_again_but_reset(session, world, sample):
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    with pytest.raises(Conflict) as caught:
        seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert "contient déjà un portefeuille (scénario « essai »)" in caught.value.message
    assert f"polyadmin sandbox reset {world.sandbox_id}" in caught.value.message
    assert len(entries(session, world.sandbox_id, "sandbox.seed")) == 1


def test_a_sandbox_already_used_by_its_candidate_is_not_seeded(session, world, sample):
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    with pytest.raises(Conflict) as caught:
        seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert "contient déjà un portefeuille" in caught.value.message
    move_clock(session, world.trainer, world.classmate_sandbox_id, {"date": "2026-03-10"})
    with pytest.raises(Conflict) as caught:
        seeding.seed_sandbox(session, world.trainer, world.classmate_sandbox_id, sample.path)
    assert "a déjà servi (1 action(s) au journal)" in caught.value.message
    assert sample.generated_with == []


def test_a_failure_midway_leaves_the_sandbox_exactly_as_it_was(session, world, sample):
    """The instalments come after clients, risks and contracts: make one of them violate a check
    constraint, so the database refuses it after thousands of rows were already inserted."""
    sample.portfolio.rows["instalments"][-1]["status"] = "perdue"
    before_date = session.get(Sandbox, world.sandbox_id).business_date
    before_entries = session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()
    seen: list[tuple[str, int, int]] = []
    with pytest.raises(Exception) as caught:
        seeding.seed_sandbox(
            session, world.trainer, world.sandbox_id, sample.path, progress=lambda *step: seen.append(step)
        )
    assert "ck_instalments_status" in str(caught.value) or "CHECK constraint failed" in str(caught.value)
    steps = list(dict.fromkeys(step for step, _done, _total in seen))
    assert steps[:9] == [seeding.GENERATION_STEP, *TABLE_ORDER[:8]]  # it got that far
    assert seeding.portfolio_row_count(session, world.sandbox_id) == 0
    assert session.get(SandboxSeeding, world.sandbox_id) is None
    assert session.get(Sandbox, world.sandbox_id).business_date == before_date
    assert sequences(session, world.sandbox_id) == {}
    assert session.execute(select(func.count()).select_from(JournalEntry)).scalar_one() == before_entries
    # … and the sandbox can be seeded once the scenario is right.
    sample.portfolio.rows["instalments"][-1]["status"] = "due"
    seeding.forget_generated()  # the generator's output changed under the test
    assert seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path).digest == sample.digest


def test_a_row_off_the_natural_key_contract_is_named_and_nothing_is_written(session, world, sample):
    sample.portfolio.rows["claims"][0]["history"] = "HIS-999999"
    with pytest.raises(seeding.PortfolioMismatch) as caught:
        seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert str(caught.value) == "claims[0].history: « HIS-999999 » absent de insurance_histories."
    del sample.portfolio.rows["claims"][0]["history"]
    seeding.forget_generated()  # the generator's output changes under the test
    with pytest.raises(seeding.PortfolioMismatch) as caught:
        seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert str(caught.value) == "claims[0]: champs manquants ['history'], champs inconnus []."
    sample.portfolio.rows["claims"][0]["history"] = None
    sample.portfolio.rows["dwellings"][1]["key"] = "LOG-dupont"  # not its position: could not be read back
    seeding.forget_generated()
    with pytest.raises(seeding.PortfolioMismatch) as caught:
        seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    assert str(caught.value) == "dwellings[1].key: « LOG-dupont » au lieu de « LOG-000002 »."
    assert seeding.portfolio_row_count(session, world.sandbox_id) == 0


# --- reset ---------------------------------------------------------------------------------------


def test_reset_brings_back_the_seeded_digest_after_the_candidate_worked(session, world, sample):
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path, seed=5)
    created = create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert created.number == "CL-000006"
    move_clock(session, world.trainer, world.sandbox_id, {"date": "2026-04-01"})
    assert seeding.sandbox_digest(session, world.sandbox_id) != sample.digest

    assert sample.generated_with == [5]
    seeding.forget_generated()  # so that the reset generates again, from the stored document and seed
    record = seeding.reset_sandbox(session, world.trainer, world.sandbox_id)

    assert sample.generated_with == [5, 5]
    assert record.digest == sample.digest
    assert seeding.sandbox_digest(session, world.sandbox_id) == sample.digest
    assert session.get(Sandbox, world.sandbox_id).business_date == SCENARIO_START
    candidate_made = select(func.count()).select_from(Client).where(Client.seeded.is_(False))
    assert session.execute(candidate_made).scalar_one() == 0  # the candidate's client is gone, as documented
    assert create_client(session, world.candidate, world.sandbox_id, PersonClientData()).number == "CL-000006"
    actions = session.execute(
        select(JournalEntry.action).where(JournalEntry.sandbox_id == world.sandbox_id).order_by(JournalEntry.seq)
    ).scalars()
    assert list(actions) == [
        "sandbox.create",
        "sandbox.seed",
        "client.create",
        "sandbox.clock.move",
        "sandbox.reset",
        "client.create",
    ]
    (entry,) = entries(session, world.sandbox_id, "sandbox.reset")
    assert entry.outcome["removed_candidate_clients"] == 1
    assert entry.outcome["digest"] == sample.digest
    assert entry.outcome["business_date"] == {"from": "2026-04-01", "to": "2026-02-16"}
    assert verify_stream(session, sandbox_stream(world.sandbox_id)).intact


def test_reset_needs_a_seeded_sandbox_and_its_trainer(session, world, sample):
    with pytest.raises(NotFound) as caught:
        seeding.reset_sandbox(session, world.trainer, world.sandbox_id)
    assert "jamais été ensemencé" in caught.value.message
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path)
    with pytest.raises(Forbidden):
        seeding.reset_sandbox(session, world.candidate, world.sandbox_id)
    with pytest.raises(NotFound):
        seeding.reset_sandbox(session, world.other_trainer, world.sandbox_id)
    assert seeding.reset_sandbox(session, world.admin, world.sandbox_id).digest == sample.digest


# --- scenario files ------------------------------------------------------------------------------


def test_scenario_files_are_listed_and_found_by_file_name_or_code(tmp_path):
    (tmp_path / "b-examen.yaml").write_text("code: examen-b\ntitle: Examen B\n", encoding="utf-8")
    (tmp_path / "a-demo.yml").write_text("title: Démo\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("pas un scénario", encoding="utf-8")
    assert [(item.code, item.title, item.path.name) for item in seeding.list_scenarios(tmp_path)] == [
        ("a-demo", "Démo", "a-demo.yml"),
        ("examen-b", "Examen B", "b-examen.yaml"),
    ]
    assert seeding.scenario_file(tmp_path, "b-examen") == tmp_path / "b-examen.yaml"
    assert seeding.scenario_file(tmp_path, "b-examen.yaml") == tmp_path / "b-examen.yaml"
    assert seeding.scenario_file(tmp_path, "examen-b") == tmp_path / "b-examen.yaml"
    assert seeding.scenario_file(tmp_path, "../b-examen") is None
    assert seeding.scenario_file(tmp_path, "notes.txt") is None
    assert seeding.list_scenarios(tmp_path / "absent") == []


# --- with the real scenario loader and generator -------------------------------------------------

SCENARIO_DATA = Path(__file__).resolve().parents[1] / "data" / "seeding"
MINI = SCENARIO_DATA / "mini.yaml"


def generated_digest(session, sandbox_id: int, path: Path, seed: int) -> str:  # type: ignore[no-untyped-def]
    """What the generator alone produces for the sandbox's pinned catalogue (from the canonical document)."""
    catalogue = rebuild_catalogue(session, session.get(Sandbox, sandbox_id).exam_session.catalogue_snapshot)
    loaded = load_scenario(path, catalogue)
    canonical = scenario_from_document(json.loads(canonical_json(loaded.document)), catalogue, path.name)
    return portfolio_digest(generate_portfolio(canonical.scenario, catalogue, seed).rows)


def test_a_scenario_file_seeds_to_exactly_the_generator_digest(session, world):
    record = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, MINI)
    assert (record.scenario_code, record.seed, record.start_date) == ("mini", 4, date(2026, 2, 16))  # its own seed
    assert record.counts["clients"] == 20
    assert record.digest == generated_digest(session, world.sandbox_id, MINI, 4)
    assert seeding.sandbox_digest(session, world.sandbox_id) == record.digest
    other = seeding.seed_sandbox(session, world.trainer, world.classmate_sandbox_id, MINI, seed=5)
    assert other.digest == generated_digest(session, world.sandbox_id, MINI, 5) != record.digest
    assert seeding.sandbox_digest(session, world.classmate_sandbox_id) == other.digest


def test_reset_from_the_stored_document_needs_no_scenario_file(session, world, tmp_path):
    copy_of_mini = tmp_path / "mini.yaml"
    copy_of_mini.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    record = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, copy_of_mini)
    seeded_digest = record.digest
    copy_of_mini.unlink()  # the trainer deleted (or edited) the file since
    create_client(session, world.candidate, world.sandbox_id, PersonClientData())
    assert seeding.reset_sandbox(session, world.trainer, world.sandbox_id).digest == seeded_digest
    assert seeding.sandbox_digest(session, world.sandbox_id) == seeded_digest


def test_the_order_keys_are_written_in_changes_neither_the_hash_nor_the_portfolio(session, world, tmp_path):
    reordered = tmp_path / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    assert "segments: {person: 50, household: 40, company: 10}" in text
    reordered.write_text(
        text.replace("{person: 50, household: 40, company: 10}", "{company: 10, person: 50, household: 40}")
    )
    first = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, MINI)
    first_hash, first_digest = first.scenario_hash, first.digest
    second = seeding.seed_sandbox(session, world.trainer, world.classmate_sandbox_id, reordered)
    assert (second.scenario_hash, second.digest) == (first_hash, first_digest)


def test_a_stored_scenario_that_no_longer_reads_refuses_the_reset_and_changes_nothing(session, world):
    record = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, MINI)
    seeded_digest = record.digest
    record.scenario_document = '{"code": "mini"}'  # altered behind the application's back
    session.commit()
    with pytest.raises(Conflict) as caught:
        seeding.reset_sandbox(session, world.trainer, world.sandbox_id)
    assert "ne se relit plus" in caught.value.message
    assert seeding.sandbox_digest(session, world.sandbox_id) == seeded_digest
    assert entries(session, world.sandbox_id, "sandbox.reset") == []


def exam_data(**extra: Any) -> dict[str, Any]:
    return {"name": "Examen de juin", "candidates": ["candidat1", "candidat2", "candidat3"], **extra}


def test_an_exam_session_on_a_scenario_seeds_every_candidate_sandbox_identically(session, world):
    exam = create_exam_session(session, world.trainer, exam_data(scenario="mini"), SCENARIO_DATA)
    assert exam.scenario == "mini"
    boxes = [box.id for box in exam.sandboxes]
    digests = {seeding.sandbox_digest(session, box) for box in boxes}
    assert digests == {generated_digest(session, boxes[0], MINI, 4)}
    for box in exam.sandboxes:
        assert box.business_date == date(2026, 2, 16)
        actions = [entry.action for entry in entries(session, box.id, "sandbox.create")] + [
            entry.action for entry in entries(session, box.id, "sandbox.seed")
        ]
        assert actions == ["sandbox.create", "sandbox.seed"]
        assert session.get(SandboxSeeding, box.id).seed == 4
    again = create_exam_session(
        session, world.trainer, exam_data(name="Rattrapage", scenario="mini.yaml", seed=11), SCENARIO_DATA
    )
    assert {session.get(SandboxSeeding, box.id).seed for box in again.sandboxes} == {11}
    assert seeding.sandbox_digest(session, again.sandboxes[0].id) not in digests


def test_a_scenario_that_fails_validation_refuses_the_session_and_lists_every_problem(session, world, tmp_path):
    broken = tmp_path / "casse.yaml"
    text = MINI.read_text(encoding="utf-8").replace("code: mini", "code: casse")
    broken.write_text(
        text.replace("{min: 41, max: 75", "{min: 41, max: 30").replace(
            "start_date: 2026-02-16", "start_date: '2026-02-30'"
        )
    )
    before = session.execute(select(func.count()).select_from(ExamSession)).scalar_one()
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(session, world.trainer, exam_data(scenario="casse"), tmp_path)
    assert caught.value.status == 422
    assert caught.value.message.startswith("Scénario invalide : ")
    problems = caught.value.field_errors["scenario"]
    assert len(problems) >= 2 and all(problem.startswith("casse.yaml:") for problem in problems)
    assert any(problem.startswith("casse.yaml:6:1 — champ `start_date` — Date impossible") for problem in problems)
    assert any("champ `population`, tranche d'âge n° 2, champ `max`" in problem for problem in problems)
    broken.write_text(text.replace("AUTO: 70", "VELO: 70"), encoding="utf-8")  # well formed, unknown product
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(session, world.trainer, exam_data(scenario="casse"), tmp_path)
    assert any("VELO" in problem for problem in caught.value.field_errors["scenario"])
    assert session.execute(select(func.count()).select_from(ExamSession)).scalar_one() == before


def test_an_unknown_scenario_name_is_refused_with_the_names_available(session, world):
    with pytest.raises(InvalidInput) as caught:
        create_exam_session(session, world.trainer, exam_data(scenario="examen-inconnu"), SCENARIO_DATA)
    assert caught.value.field_errors == {
        "scenario": ["Scénario inconnu « examen-inconnu » ; scénarios disponibles : portefeuille-vide, mini."]
    }


def test_an_empty_portfolio_session_is_still_opened_as_before(session, world):
    exam = create_exam_session(session, world.trainer, exam_data(starts_on="2026-05-04"), SCENARIO_DATA)
    assert exam.scenario == "portefeuille-vide"
    assert {box.business_date for box in exam.sandboxes} == {date(2026, 5, 4)}
    assert all(seeding.portfolio_row_count(session, box.id) == 0 for box in exam.sandboxes)
    assert all(session.get(SandboxSeeding, box.id) is None for box in exam.sandboxes)


# Golden digest of scenarios/demo.yaml with seed 1, on the catalogue of products/: computed once by
# seeding it (`polyadmin seed N --scenario scenarios/demo.yaml --seed 1` prints it) and written here.
# The same constant must pass on SQLite and on PostgreSQL: that is the proof that seeding is
# deterministic across databases (the digest sees natural keys, exact amounts and dates, never ids).
# It changes — legitimately — when demo.yaml, the products or the generator change: seed again and
# update it after checking that the change was intended.
# Updated for issue 10 (simulated clients): the planted cases' `missing_documents` are now stored
# (subscription_requests.expected_missing) and demo-mrh-bail-manquant names two ([bail, mandat_sepa]);
# nothing else changed (a null expected_missing or expert verdict stays out of the digest's rows).
DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo.yaml"
DEMO_SEED_1_DIGEST = "e170d70ebbda2f742c83fb75a6879a42af0d80c0b419cdf8af99603591d51ff0"


def test_the_demo_scenario_with_seed_1_gives_the_golden_digest_on_this_database(session, world):
    record = seeding.seed_sandbox(session, world.trainer, world.sandbox_id, DEMO, seed=1)
    assert record.digest == DEMO_SEED_1_DIGEST
    assert seeding.sandbox_digest(session, world.sandbox_id) == DEMO_SEED_1_DIGEST


def test_an_exam_session_on_the_shipped_exam_scenario_seeds_every_sandbox_with_its_eight_requests(session, world):
    exam = create_exam_session(
        session, world.trainer, exam_data(scenario="examen-souscription", evaluators=["evaluateur"])
    )  # the configured scenarios/ folder
    assert exam.scenario == "examen-souscription"
    digests = set()
    for box in exam.sandboxes:
        record = session.get(SandboxSeeding, box.id)
        assert (record.counts["clients"], record.counts["subscription_requests"]) == (300, 8)
        assert count(session, Client, box.id) == 300
        assert seeding.sandbox_digest(session, box.id) == record.digest
        digests.add(record.digest)
        assert len(entries(session, box.id, "sandbox.seed")) == 1
    assert len(digests) == 1 and len(exam.sandboxes) == 3


def test_a_second_seeding_of_the_same_scenario_reuses_its_generation(session, world, sample):
    """Generation is deterministic: the same text, catalogue and seed give the rows kept from the first."""
    seeding.seed_sandbox(session, world.trainer, world.sandbox_id, sample.path, seed=5)
    seeding.reset_sandbox(session, world.trainer, world.sandbox_id)  # the same document and seed
    assert sample.generated_with == [5]
    assert seeding.sandbox_digest(session, world.sandbox_id) == sample.digest
    seeding.forget_generated()
    seeding.reset_sandbox(session, world.trainer, world.sandbox_id)
    assert sample.generated_with == [5, 5]
