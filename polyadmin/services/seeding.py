"""Seeding a sandbox from a scenario (ensemencement du portefeuille), reading it back, resetting it.

The one door that writes a generated portfolio:

1. the scenario file is validated against the catalogue snapshot the sandbox is pinned to
   (`polyadmin.scenarios.load_scenario`, then the pricing of its contracts by the generator,
   `require_priced`; `ScenarioInvalid` lists every problem before anything is written);
2. the generator turns it into a `Portfolio` (`polyadmin.seeding.generate.generate_portfolio`): rows
   per table that refer to each other by natural keys (client number, registration, `key`…), so the
   same scenario and seed give the same portfolio in any sandbox, on SQLite and PostgreSQL;
3. one transaction inserts it table by table in `TABLE_ORDER` with SQLAlchemy Core bulk inserts
   (`INSERT … RETURNING id` in parameter order maps each natural key to its new id), advances the
   sandbox's number sequences past the seeded numbers, sets the sandbox clock to the scenario's start
   date, stores a `SandboxSeeding` row (what to reset to) and appends ONE journal entry
   `sandbox.seed` (scenario code and hash, seed, counts, digest) — not one per row. Any failure
   rolls all of it back: the sandbox is left as it was.

The digest (`polyadmin.seeding.portfolio.portfolio_digest`) is a SHA-256 over the natural-key rows;
`sandbox_digest` reads a sandbox back into that form, so a seeding can be checked against its
generator and two sandboxes compared, across databases.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from polyadmin.catalogue import load_directory
from polyadmin.domain.canonical import canonical_json
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.domain.identifiers import record_number
from polyadmin.domain.roles import Actor, Permission, allowed, holds
from polyadmin.journal.changes import capture_baseline
from polyadmin.journal.writer import append_entry
from polyadmin.scenarios import (
    LoadedScenario,
    ScenarioInvalid,
    ScenarioProblem,
    load_scenario,
    locate_problems,
    read_source,
    scenario_from_document,
)
from polyadmin.seeding.generate import generate_portfolio, generation_problems
from polyadmin.seeding.portfolio import TABLE_ORDER, Portfolio, portfolio_digest
from polyadmin.services.access import readable_sandbox
from polyadmin.services.casework import delete_casework
from polyadmin.services.catalogue import latest_snapshot, rebuild_catalogue
from polyadmin.services.clients import _search_name
from polyadmin.services.clock import wall_now
from polyadmin.services.contracts import delete_issued
from polyadmin.services.endorsements import delete_endorsements
from polyadmin.services.offers import delete_offers
from polyadmin.services.payments import delete_payments
from polyadmin.services.terminations import delete_terminations
from polyadmin.services.unit import transaction
from polyadmin.store.base import Base
from polyadmin.store.models import CatalogueSnapshot, Client, JournalEntry, Sandbox, SandboxSequence
from polyadmin.store.portfolio import ISSUE_COLUMNS, SandboxSeeding

Progress = Callable[[str, int, int], None]
"""`progress(step, done, total)`: first (GENERATION_STEP, 0, 0) when validation and generation start,
then the table being written with done/total counting rows overall."""
GENERATION_STEP = "generation"

DEFAULT_SEED = 1
EMPTY_SCENARIO = "portefeuille-vide"  # an exam session with no portfolio (the foundation's default)
SCENARIO_SUFFIXES = (".yaml", ".yml")
CHUNK_ROWS = 5000  # rows per executemany: bounds memory and paces the progress bar

# The natural key each referenced table's rows carry (see polyadmin.seeding.portfolio).
NATURAL_KEYS: dict[str, str] = {
    "clients": "number",
    "vehicles": "registration",
    "dwellings": "key",
    "businesses": "key",
    "loans": "key",
    "insurance_histories": "key",
    "contracts": "number",
    "subscription_requests": "number",
}
# Keys that exist only in the portfolio (no column): read back as prefix + position in the table.
POSITIONAL_KEYS: dict[str, str] = {
    "dwellings": "LOG",
    "businesses": "ENT",
    "loans": "PRT",
    "insurance_histories": "HIS",
}
# Human-readable numbers taken from per-sandbox sequences (store.sequences): name and prefix.
SEQUENCES: dict[str, tuple[str, str]] = {
    "clients": ("client", "CL"),
    "contracts": ("contract", "CT"),
    "subscription_requests": ("request", "DS"),
}
# Columns the writer fills itself; they are absent from the natural-key rows.
WRITER_COLUMNS: dict[str, frozenset[str]] = {
    "clients": frozenset({"version", "search_name"}),
    "contracts": frozenset({"snapshot_id"}) | ISSUE_COLUMNS,  # the issue columns stay null on seeded contracts
}
ALWAYS_WRITER_COLUMNS = frozenset({"id", "sandbox_id", "seeded"})
# Portfolio rows whose foreign key names a user (an interaction recorded by a candidate) keep the id.


def portfolio_table(name: str) -> Table:
    table = Base.metadata.tables[name]
    assert isinstance(table, Table)
    return table


def _references(table: Table) -> dict[str, tuple[str, str]]:
    """Foreign-key column → (natural field, referenced table), e.g. `client_id` → (`client`, `clients`)."""
    found: dict[str, tuple[str, str]] = {}
    for column in table.columns:
        for foreign_key in column.foreign_keys:
            target = foreign_key.column.table.name
            if target in NATURAL_KEYS:
                found[column.name] = (column.name.removesuffix("_id"), target)
    return found


@dataclass(frozen=True)
class TableShape:
    """How one table's natural-key rows map onto its columns."""

    name: str
    table: Table
    references: dict[str, tuple[str, str]]  # column → (natural field, referenced table)
    fields: tuple[str, ...]  # the natural-key row's fields, in column order

    @property
    def has_seeded(self) -> bool:
        return "seeded" in self.table.c


def _shape(name: str) -> TableShape:
    table = portfolio_table(name)
    references = _references(table)
    skipped = ALWAYS_WRITER_COLUMNS | WRITER_COLUMNS.get(name, frozenset())
    fields = [
        references[column.name][0] if column.name in references else column.name
        for column in table.columns
        if column.name not in skipped
    ]
    if name in POSITIONAL_KEYS:
        fields.append("key")
    return TableShape(name, table, references, tuple(fields))


SHAPES: dict[str, TableShape] = {name: _shape(name) for name in TABLE_ORDER}


class PortfolioMismatch(ValueError):
    """A generated row does not follow the natural-key contract (a generator bug, never user input)."""


# --- writing -------------------------------------------------------------------------------------


def _parameters(
    shape: TableShape,
    index: int,
    row: dict[str, Any],
    ids: dict[str, dict[Any, int]],
    sandbox_id: int,
    snapshot_id: int,
) -> dict[str, Any]:
    if row.keys() != set(shape.fields):
        missing = sorted(set(shape.fields) - row.keys())
        unexpected = sorted(row.keys() - set(shape.fields))
        raise PortfolioMismatch(f"{shape.name}[{index}]: champs manquants {missing}, champs inconnus {unexpected}.")
    values = dict(row)
    if shape.name in POSITIONAL_KEYS:
        expected = record_number(POSITIONAL_KEYS[shape.name], index + 1)
        if values.pop("key") != expected:  # sandbox_rows rebuilds it from the position
            raise PortfolioMismatch(f"{shape.name}[{index}].key: « {row['key']} » au lieu de « {expected} ».")
    for column, (field, target) in shape.references.items():
        natural = values.pop(field)
        if natural is None:
            values[column] = None
            continue
        try:
            values[column] = ids[target][natural]
        except KeyError:
            raise PortfolioMismatch(f"{shape.name}[{index}].{field}: « {natural} » absent de {target}.") from None
    values["sandbox_id"] = sandbox_id
    if shape.has_seeded:
        values["seeded"] = True
    if shape.name == "clients":
        values["version"] = 1
        values["search_name"] = _search_name(values)
    elif shape.name == "contracts":
        values["snapshot_id"] = snapshot_id
    return values


def _inserted_ids(session: Session, shape: TableShape, sandbox_id: int, rows: list[dict[str, Any]]) -> dict[Any, int]:
    """Natural key → id of the rows just inserted into an empty table of the sandbox: by the key's own
    column where it has one (client, contract and request numbers, registrations), else by position —
    ids grow in insertion order, the order `sandbox_rows` reads them back in."""
    table = shape.table
    natural = NATURAL_KEYS[shape.name]
    scoped = table.c.sandbox_id == sandbox_id
    if natural in table.c:
        found = {key: new_id for key, new_id in session.execute(select(table.c[natural], table.c.id).where(scoped))}
    else:
        new_ids = session.execute(select(table.c.id).where(scoped).order_by(table.c.id)).scalars().all()
        found = {}
        if len(new_ids) == len(rows):
            for row, new_id in zip(rows, new_ids, strict=True):
                found.setdefault(row[natural], new_id)
    if len(found) != len(rows):
        raise PortfolioMismatch(f"{shape.name}: {len(found)} clés distinctes en base pour {len(rows)} lignes écrites.")
    return found


def write_portfolio(
    session: Session, sandbox_id: int, snapshot_id: int, portfolio: Portfolio, progress: Progress | None = None
) -> dict[str, int]:
    """Insert `portfolio` into the sandbox (inside the caller's transaction); returns the counts.

    A Core `executemany` per chunk of rows, table by table in TABLE_ORDER; after a table that others
    refer to, one SELECT maps its natural keys to the new ids (`_inserted_ids`). The sandbox must hold
    no portfolio row (the callers check it, or have just deleted them).

    Why not `INSERT … RETURNING id` in parameter order: it gives the same mapping, but SQLAlchemy then
    sends one long multi-row statement per 1,000 rows, which psycopg re-parses every time (its
    placeholder conversion is cached only for short statements) — three times slower on PostgreSQL,
    no faster on SQLite. A plain executemany reuses one short statement (a pipeline on psycopg).
    """
    counts = portfolio.counts()
    total = sum(counts.values())
    done = 0
    ids: dict[str, dict[Any, int]] = {}
    if progress is not None:
        progress(TABLE_ORDER[0], 0, total)
    for name in TABLE_ORDER:
        shape = SHAPES[name]
        rows = portfolio.rows.get(name, [])
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start : start + CHUNK_ROWS]
            parameters = [
                _parameters(shape, start + offset, row, ids, sandbox_id, snapshot_id)
                for offset, row in enumerate(chunk)
            ]
            session.execute(insert(shape.table), parameters)
            done += len(chunk)
            if progress is not None:
                progress(name, done, total)
        if name in NATURAL_KEYS:
            ids[name] = _inserted_ids(session, shape, sandbox_id, rows) if rows else {}
    return counts


def _highest_number(rows: Iterable[dict[str, Any]], prefix: str) -> int:
    highest = 0
    for row in rows:
        head, _, digits = str(row["number"]).rpartition("-")
        if head == prefix and digits.isdigit():
            highest = max(highest, int(digits))
    return highest


def _advance_sequences(session: Session, sandbox_id: int, portfolio: Portfolio) -> dict[str, int]:
    """Move each number sequence past the highest seeded number, so the candidate's next client is
    CL-000301 after 300 seeded clients (never below where it already was)."""
    advanced: dict[str, int] = {}
    for table, (name, prefix) in SEQUENCES.items():
        highest = _highest_number(portfolio.rows.get(table, []), prefix)
        row = session.execute(
            select(SandboxSequence)
            .where(SandboxSequence.sandbox_id == sandbox_id, SandboxSequence.name == name)
            .with_for_update()
        ).scalar_one_or_none()
        if row is None:
            row = SandboxSequence(sandbox_id=sandbox_id, name=name, last_value=0)
            session.add(row)
        row.last_value = max(row.last_value, highest)
        advanced[name] = row.last_value
    session.flush()
    return advanced


def _reset_sequences(session: Session, sandbox_id: int) -> None:
    session.execute(
        delete(SandboxSequence).where(
            SandboxSequence.sandbox_id == sandbox_id,
            SandboxSequence.name.in_([name for name, _prefix in SEQUENCES.values()]),
        )
    )


# --- reading back --------------------------------------------------------------------------------


def sandbox_rows(session: Session, sandbox_id: int) -> dict[str, list[dict[str, Any]]]:
    """The sandbox's portfolio as natural-key rows (what the generator produces), each table in id order.

    Every row of the sandbox is read, seeded or made by the candidate, so the digest tells whether
    the portfolio is still exactly as seeded.
    """
    rows: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, dict[int, Any]] = {}
    for name in TABLE_ORDER:
        shape = SHAPES[name]
        table = shape.table
        natural = NATURAL_KEYS.get(name)
        skipped = ALWAYS_WRITER_COLUMNS | WRITER_COLUMNS.get(name, frozenset())
        columns = [column for column in table.columns if column.name not in skipped]
        result = session.execute(
            select(table.c.id, *columns).where(table.c.sandbox_id == sandbox_id).order_by(table.c.id)
        )
        table_rows: list[dict[str, Any]] = []
        table_keys = keys.setdefault(name, {})
        for position, record in enumerate(result.mappings(), start=1):
            row: dict[str, Any] = {}
            for column in columns:
                value = record[column.name]
                if column.name in shape.references:
                    field, target = shape.references[column.name]
                    row[field] = None if value is None else keys[target][value]
                else:
                    row[column.name] = value
            if name in POSITIONAL_KEYS:
                row["key"] = record_number(POSITIONAL_KEYS[name], position)
            if natural is not None:
                table_keys[record["id"]] = row[natural]
            table_rows.append(row)
        rows[name] = table_rows
    return rows


def sandbox_digest(session: Session, sandbox_id: int) -> str:
    """`portfolio_digest` of the sandbox as it is in the database: equal to the generator's digest
    right after seeding (and after a reset), on SQLite and PostgreSQL alike."""
    return portfolio_digest(sandbox_rows(session, sandbox_id))


def portfolio_row_count(session: Session, sandbox_id: int) -> int:
    """How many portfolio rows (clients included) the sandbox holds."""
    total = 0
    for name in TABLE_ORDER:
        table = portfolio_table(name)
        total += session.execute(
            select(func.count()).select_from(table).where(table.c.sandbox_id == sandbox_id)
        ).scalar_one()
    return total


def _delete_portfolio(session: Session, sandbox_id: int) -> None:
    """Remove every portfolio row of the sandbox, dependants first (reverse TABLE_ORDER), and forget
    the session's objects for them (Core deletes bypass the identity map; SQLite may reuse ids)."""
    delete_payments(session, sandbox_id)
    delete_endorsements(session, sandbox_id)
    delete_terminations(session, sandbox_id)
    delete_issued(session, sandbox_id)
    delete_offers(session, sandbox_id)
    delete_casework(session, sandbox_id)
    tables = {portfolio_table(name) for name in TABLE_ORDER}
    for instance in list(session.identity_map.values()):
        table = getattr(type(instance), "__table__", None)
        if table in tables and getattr(instance, "sandbox_id", None) == sandbox_id:
            session.expunge(instance)
    for name in reversed(TABLE_ORDER):
        table = portfolio_table(name)
        session.execute(delete(table).where(table.c.sandbox_id == sandbox_id))


# --- scenarios -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioFile:
    code: str
    title: str
    path: Path


def _header(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return document if isinstance(document, dict) else {}


def list_scenarios(directory: Path) -> list[ScenarioFile]:
    """The scenario files of `directory` (code, title, path), by file name; nothing is validated."""
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if path.suffix not in SCENARIO_SUFFIXES or not path.is_file():
            continue
        header = _header(path)
        code = str(header.get("code") or path.stem)
        found.append(ScenarioFile(code=code, title=str(header.get("title") or code), path=path))
    return found


def scenario_file(directory: Path, name: str) -> Path | None:
    """The file of `directory` a session's scenario name designates (`examen-souscription`, with or
    without its suffix, or the code written in the file), else None."""
    name = name.strip()
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for candidate in (name, *(name + suffix for suffix in SCENARIO_SUFFIXES)):
        path = directory / candidate
        if path.suffix in SCENARIO_SUFFIXES and path.is_file():
            return path
    for listed in list_scenarios(directory):
        if listed.code == name:
            return listed.path
    return None


def scenario_code(loaded: LoadedScenario) -> str:
    return loaded.scenario.code


def scenario_start(loaded: LoadedScenario) -> date:
    return loaded.scenario.start_date


def chosen_seed(loaded: LoadedScenario, seed: int | None) -> int:
    """The seed asked for, else the scenario's own (`seed:` in the file, 1 by default)."""
    return loaded.scenario.seed if seed is None else seed


def canonical_scenario(loaded: LoadedScenario, catalogue: Catalogue, file: str) -> LoadedScenario:
    """The scenario as read back from its canonical document (keys sorted): what a sandbox stores and
    what a reset reads. Seeding always generates from this form, so the portfolio depends only on the
    content hash and the seed — never on the order in which the trainer wrote the keys of a mapping
    (the generator draws in mapping order: `segments: {person: 50, company: 10}` and
    `{company: 10, person: 50}` would otherwise give two portfolios for one hash)."""
    text = canonical_json(loaded.document)
    if json.dumps(loaded.document, separators=(",", ":"), ensure_ascii=False) == text:
        return loaded
    return scenario_from_document(json.loads(text), catalogue, file)


def require_priced(loaded: LoadedScenario, catalogue: Catalogue, file: str) -> LoadedScenario:
    """`loaded` once the engine prices its planted contracts and a sample of its population as the
    generator will (`generation_problems`); else ScenarioInvalid naming the file's paths. The reader
    (polyadmin.scenarios) checks the file alone: pricing needs the generator, joined here so that
    neither package imports the other."""
    problems = generation_problems(loaded.scenario, catalogue)
    if problems:
        raise ScenarioInvalid([ScenarioProblem(file, path, message) for path, message in problems])
    return loaded


class _Recent:
    """The last few results of a deterministic computation over an immutable catalogue, by a key and the
    catalogue itself (`rebuild_catalogue` returns one object per content hash): reading and checking a
    scenario, and generating its portfolio, give the same result every time for the same text,
    catalogue and seed (the golden digests pin it), so a second session, a preview or a reset of the
    same scenario reuse them. Only a portfolio of `GENERATION_ROWS_KEPT` rows or fewer is kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], tuple[Catalogue, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...], catalogue: Catalogue) -> Any | None:
        with self.lock:
            found = self.items.get(key)
            if found is None or found[0] is not catalogue:
                return None
            self.items.move_to_end(key)
            return found[1]

    def put(self, key: tuple[Any, ...], catalogue: Catalogue, value: Any) -> None:
        with self.lock:
            self.items[key] = (catalogue, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_SCENARIOS = _Recent(8)
_GENERATIONS = _Recent(2)
GENERATION_ROWS_KEPT = 20_000  # an exam scenario's portfolio (~6,000 rows), not a 10,000-client load test


def forget_generated() -> None:
    """Drop the scenarios read and the portfolios generated that are kept (`_Recent`)."""
    for recent in (_SCENARIOS, _GENERATIONS):
        with recent.lock:
            recent.items.clear()


def load_canonical(path: Path, catalogue: Catalogue) -> LoadedScenario:
    """`load_scenario` (ScenarioInvalid names the file's own paths), then its canonical form, priced
    (`require_priced`): what a check, a seeding and a new exam session start from."""
    try:
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        key = None  # unreadable: load_scenario says why
    if key is not None and (known := _SCENARIOS.get(key, catalogue)) is not None:
        return known
    loaded = canonical_scenario(load_scenario(path, catalogue), catalogue, path.name)
    try:
        priced = require_priced(loaded, catalogue, path.name)
    except ScenarioInvalid as invalid:  # the generator's problems too, with their lines in the file
        raise ScenarioInvalid(locate_problems(invalid.problems, read_source(path)[1])) from None
    if key is not None:
        _SCENARIOS.put(key, catalogue, priced)
    return priced


@dataclass(frozen=True)
class ScenarioCheck:
    """A scenario validated (and generated once) against a catalogue, for `polyadmin scenario check`."""

    loaded: LoadedScenario
    catalogue_hash: str
    catalogue_source: str
    seed: int
    counts: dict[str, int]
    digest: str

    @property
    def start_date(self) -> date:
        return scenario_start(self.loaded)


def check_scenario(
    session: Session | None, path: Path, catalogue_path: Path | None = None, seed: int | None = None
) -> ScenarioCheck:
    """Validate `path` against the catalogue folder `catalogue_path`, else the latest stored snapshot,
    and generate it once for its counts; writes nothing. `ScenarioInvalid` lists every problem."""
    if catalogue_path is not None:
        from_files = load_directory(catalogue_path)
        catalogue, catalogue_hash, source = from_files.catalogue, from_files.content_hash, str(catalogue_path)
    else:
        snapshot = latest_snapshot(session) if session is not None else None
        if session is None or snapshot is None:
            raise Conflict(
                "Aucun catalogue chargé : lancez « polyadmin catalogue load » ou donnez --catalogue DOSSIER."
            )
        catalogue, catalogue_hash, source = rebuild_catalogue(session, snapshot), snapshot.content_hash, "base"
    loaded = load_canonical(path, catalogue)
    used_seed = chosen_seed(loaded, seed)
    portfolio = generate_portfolio(loaded.scenario, catalogue, used_seed)
    return ScenarioCheck(
        loaded, catalogue_hash, source, used_seed, portfolio.counts(), portfolio_digest(portfolio.rows)
    )


def _load_stored(document_text: str, code: str, catalogue: Catalogue) -> LoadedScenario:
    """The scenario a sandbox was seeded with, read again from its stored canonical document."""
    document = json.loads(document_text)
    return scenario_from_document(document, catalogue, f"{code} (enregistré)")


# --- seeding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedSeeding:
    """A scenario validated and generated: what every sandbox of a session receives identically."""

    loaded: LoadedScenario
    seed: int
    portfolio: Portfolio
    digest: str

    @property
    def code(self) -> str:
        return scenario_code(self.loaded)

    @property
    def start_date(self) -> date:
        return scenario_start(self.loaded)


def generate_seeding(loaded: LoadedScenario, catalogue: Catalogue, seed: int) -> GeneratedSeeding:
    """The portfolio of `loaded` with `seed` (rows never modified afterwards: the writer copies them)."""
    key = (loaded.content_hash, seed)
    known = _GENERATIONS.get(key, catalogue)
    if known is not None and known.loaded.document == loaded.document:
        return GeneratedSeeding(loaded, seed, known.portfolio, known.digest)
    portfolio = generate_portfolio(loaded.scenario, catalogue, seed)
    generated = GeneratedSeeding(loaded, seed, portfolio, portfolio_digest(portfolio.rows))
    if sum(portfolio.counts().values()) <= GENERATION_ROWS_KEPT:
        _GENERATIONS.put(key, catalogue, generated)
    return generated


def _pinned_snapshot(sandbox: Sandbox) -> CatalogueSnapshot:
    snapshot = sandbox.exam_session.catalogue_snapshot
    if snapshot is None:
        raise Conflict(
            f"La session d'examen n° {sandbox.exam_session_id} n'a pas de catalogue : associez-lui-en un "
            f"(« polyadmin catalogue pin {sandbox.exam_session_id} ») avant de l'ensemencer."
        )
    return snapshot


def _managed_sandbox(session: Session, actor: Actor, sandbox_id: int) -> Sandbox:
    """The sandbox, locked, if the actor may seed or reset it: the session's trainer, or an admin."""
    if not holds(actor, Permission.RESET_SANDBOX):
        raise Forbidden("Seul le formateur de la session (ou un administrateur) ensemence un bac à sable.")
    sandbox, access = readable_sandbox(session, actor, sandbox_id, lock=True)
    if not allowed(actor, Permission.RESET_SANDBOX, access):
        raise Forbidden("Seul le formateur de la session (ou un administrateur) ensemence un bac à sable.")
    return sandbox


def _require_empty(session: Session, sandbox: Sandbox) -> None:
    seeded = session.get(SandboxSeeding, sandbox.id)
    if seeded is not None or portfolio_row_count(session, sandbox.id):
        origin = f" (scénario « {seeded.scenario_code} »)" if seeded is not None else ""
        raise Conflict(
            f"Le bac à sable n° {sandbox.id} contient déjà un portefeuille{origin} : réinitialisez-le "
            f"(« polyadmin sandbox reset {sandbox.id} ») au lieu de l'ensemencer à nouveau."
        )


def _require_untouched(session: Session, sandbox: Sandbox) -> None:
    activity = session.execute(
        select(func.count())
        .select_from(JournalEntry)
        .where(JournalEntry.sandbox_id == sandbox.id, JournalEntry.action != "sandbox.create")
    ).scalar_one()
    if activity:
        raise Conflict(
            f"Le bac à sable n° {sandbox.id} a déjà servi ({activity} action(s) au journal) : sa date de "
            "simulation ne peut plus être ramenée au début du scénario. Ensemencez un bac à sable neuf."
        )


def _record_seeding(
    session: Session, actor: Actor, sandbox: Sandbox, generated: GeneratedSeeding, counts: dict[str, int]
) -> tuple[SandboxSeeding, date]:
    """Clock to the scenario's start, the SandboxSeeding row (created or replaced); returns the old date."""
    previous = sandbox.business_date
    sandbox.business_date = generated.start_date
    record = session.get(SandboxSeeding, sandbox.id)
    if record is None:
        record = SandboxSeeding(sandbox_id=sandbox.id)
        session.add(record)
    record.scenario_code = generated.code
    record.scenario_hash = generated.loaded.content_hash
    record.scenario_document = canonical_json(generated.loaded.document)
    record.seed = generated.seed
    record.counts = counts
    record.digest = generated.digest
    record.start_date = generated.start_date
    record.seeded_at = wall_now()
    session.flush()
    return record, previous


def seed_generated(
    session: Session,
    actor: Actor,
    sandbox: Sandbox,
    generated: GeneratedSeeding,
    progress: Progress | None = None,
) -> SandboxSeeding:
    """Write an already generated portfolio into an empty, unused sandbox (inside the caller's
    transaction, the sandbox already locked and its access checked): rows, sequences, clock,
    SandboxSeeding and the one `sandbox.seed` journal entry."""
    _require_empty(session, sandbox)
    _require_untouched(session, sandbox)
    snapshot = _pinned_snapshot(sandbox)
    counts = write_portfolio(session, sandbox.id, snapshot.id, generated.portfolio, progress)
    sequences = _advance_sequences(session, sandbox.id, generated.portfolio)
    record, previous = _record_seeding(session, actor, sandbox, generated, counts)
    entry = append_entry(
        session,
        actor=actor,
        action="sandbox.seed",
        recorded_at=record.seeded_at,
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("sandbox", sandbox.id),
        input={"scenario": generated.code, "scenario_hash": record.scenario_hash, "seed": generated.seed},
        outcome={
            "counts": counts,
            "digest": generated.digest,
            "catalogue": snapshot.content_hash,
            "business_date": {"from": previous, "to": sandbox.business_date},
            "sequences": sequences,
        },
    )
    capture_baseline(session, entry)  # the replay of the sandbox starts from this state
    return record


def seed_sandbox(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    scenario_path: Path,
    seed: int | None = None,
    progress: Progress | None = None,
) -> SandboxSeeding:
    """Seed an empty sandbox with the portfolio of `scenario_path` and `seed` (the scenario's own
    `seed`, 1 by default, if None).

    Trainer of the session or admin only. The scenario is validated against the sandbox's pinned
    catalogue (`ScenarioInvalid` with every problem, nothing written) and generated before the
    writing transaction opens, so other writers are not kept waiting while it is generated. Conflict
    if the sandbox already holds portfolio rows (reset it instead) or has been used (journal entries
    other than its creation: its clock can no longer go back to the scenario's start date).
    """
    with transaction(session):  # checks first, so a refused seeding costs no generation
        sandbox = _managed_sandbox(session, actor, sandbox_id)
        snapshot = _pinned_snapshot(sandbox)
        _require_empty(session, sandbox)
        _require_untouched(session, sandbox)
        catalogue = rebuild_catalogue(session, snapshot)
    if progress is not None:
        progress(GENERATION_STEP, 0, 0)
    loaded = load_canonical(scenario_path, catalogue)
    generated = generate_seeding(loaded, catalogue, chosen_seed(loaded, seed))
    with transaction(session):
        sandbox = _managed_sandbox(session, actor, sandbox_id)
        return seed_generated(session, actor, sandbox, generated, progress)


def reset_sandbox(session: Session, actor: Actor, sandbox_id: int, progress: Progress | None = None) -> SandboxSeeding:
    """Réinitialiser: put a seeded sandbox back exactly in its seeded state.

    DESTRUCTIVE for the candidate's work: every portfolio row of the sandbox is deleted — the seeded
    ones and those the candidate made (clients created, interactions recorded…) — then the stored
    scenario document is generated again with the stored seed and written; the number sequences and
    the clock go back to the scenario's start (the clock exceptionally moves backwards: the reset
    is journaled, so a replay knows where the sandbox restarted). Ask for confirmation before
    calling it. The journal itself is append-only and is NOT reset: it keeps the candidate's actions
    and gains one `sandbox.reset` entry. The digest afterwards equals the seeding's digest.
    """
    with transaction(session):
        sandbox = _managed_sandbox(session, actor, sandbox_id)
        stored = session.get(SandboxSeeding, sandbox.id)
        if stored is None:
            raise NotFound(f"Le bac à sable n° {sandbox.id} n'a jamais été ensemencé : rien à réinitialiser.")
        snapshot = _pinned_snapshot(sandbox)
        catalogue = rebuild_catalogue(session, snapshot)
        document, code, seed = stored.scenario_document, stored.scenario_code, stored.seed
    if progress is not None:
        progress(GENERATION_STEP, 0, 0)
    try:
        loaded = _load_stored(document, code, catalogue)
        generated = generate_seeding(loaded, catalogue, seed)
    except (ScenarioInvalid, ValueError) as invalid:  # only if the stored document was altered
        problems = len(invalid.problems) if isinstance(invalid, ScenarioInvalid) else 1
        raise Conflict(
            f"Le scénario enregistré pour le bac à sable n° {sandbox_id} ne se relit plus "
            f"({problems} erreur(s)) : ensemencez un bac à sable neuf."
        ) from None
    with transaction(session):
        sandbox = _managed_sandbox(session, actor, sandbox_id)
        removed = portfolio_row_count(session, sandbox.id)
        candidate_clients = session.execute(
            select(func.count()).select_from(Client).where(Client.sandbox_id == sandbox.id, Client.seeded.is_(False))
        ).scalar_one()
        _delete_portfolio(session, sandbox.id)
        _reset_sequences(session, sandbox.id)
        snapshot = _pinned_snapshot(sandbox)
        counts = write_portfolio(session, sandbox.id, snapshot.id, generated.portfolio, progress)
        sequences = _advance_sequences(session, sandbox.id, generated.portfolio)
        record, previous = _record_seeding(session, actor, sandbox, generated, counts)
        entry = append_entry(
            session,
            actor=actor,
            action="sandbox.reset",
            recorded_at=record.seeded_at,
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("sandbox", sandbox.id),
            input={"scenario": generated.code, "scenario_hash": record.scenario_hash, "seed": seed},
            outcome={
                "removed_rows": removed,
                "removed_candidate_clients": candidate_clients,
                "counts": counts,
                "digest": generated.digest,
                "business_date": {"from": previous, "to": sandbox.business_date},
                "sequences": sequences,
            },
        )
        capture_baseline(session, entry)  # a reset starts a new baseline for the replay
    return record


def seeding_of(session: Session, actor: Actor, sandbox_id: int) -> SandboxSeeding | None:
    """What a sandbox was seeded with (None if never), for whoever may read the sandbox."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    return session.get(SandboxSeeding, sandbox.id)


def scenario_problems(invalid: ScenarioInvalid) -> InvalidInput:
    """A scenario refused at an edge that speaks field errors (session creation): 422, every problem."""
    problems = [str(problem) for problem in invalid.problems]
    return InvalidInput({"scenario": problems}, f"Scénario invalide : {len(problems)} erreur(s).")


def stored_document(record: SandboxSeeding) -> dict[str, Any]:
    document = json.loads(record.scenario_document)
    assert isinstance(document, dict)
    return document
