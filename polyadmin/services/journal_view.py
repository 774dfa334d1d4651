"""The journal as people read it: the records' names looked up in one batch per record type for a
page of entries, the catalogue's words, and the readable exports (JSON Lines, CSV) of a filtered
journal. Reading only: nothing here writes or journals (an export changes nothing, as the CLI's)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import Select, String, cast, literal, select, true
from sqlalchemy.orm import Session

from polyadmin.documents.specimen_kinds import SPECIMEN_KINDS
from polyadmin.domain import french
from polyadmin.domain.canonical import readable_json
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.errors import DomainError
from polyadmin.domain.roles import Actor
from polyadmin.journal.export import CSV_COLUMNS, sealed_fields
from polyadmin.journal.reader import JournalFilter, journal_query
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import catalogue_for
from polyadmin.services.journal_readable import (
    CLIENT_DOCUMENT_ACTIONS,
    NOTHING,
    RECORD_KINDS,
    ReadableEntry,
    Vocabulary,
    code_label,
    readable_entries,
)
from polyadmin.store.casework import Referral
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.contracts import Task
from polyadmin.store.evaluation import CommitteeDecision, EvaluationMark
from polyadmin.store.models import Client, ExamSession, JournalEntry, Sandbox, User
from polyadmin.store.offers import Quote
from polyadmin.store.portfolio import Contract, Interaction, SubscriptionRequest, SupportingDocument
from polyadmin.store.queries import Page, paginate, search_clients
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.sessions import JournalFilterSchema

# Keys of an entry's input or outcome that name another record, by record type.
REFERENCES = {"client_id": "client", "document_id": "document", "elements": "document"}
# The readable columns of the CSV export, then the sealed fields (to verify the export).
READABLE_COLUMNS = (
    "n°",
    "date de la simulation",
    "heure réelle",
    "acteur",
    "rôle",
    "action réalisée",
    "codes du référentiel",
    "enregistrement",
    "saisie",
    "résultat",
    "modifications",
)


def client_name(client: Client) -> str:
    if client.kind == "company":
        return client.company_name or ""
    return " ".join(part for part in (client.last_name, client.first_name) if part)


def _ids(wanted: Mapping[str, set[str]], record_type: str) -> list[int]:
    return sorted(int(value) for value in wanted.get(record_type, ()) if str(value).isdigit())


def _wanted(entries: Iterable[JournalEntry]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.record_type and entry.record_id:
            wanted[entry.record_type].add(entry.record_id)
        for data in (entry.input or {}, entry.outcome or {}):
            for key, record_type in REFERENCES.items():
                if key == "document_id" and entry.action in CLIENT_DOCUMENT_ACTIONS:
                    continue  # a client document's own id (the entry's record), not a supporting document
                value = data.get(key)
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, int) and not isinstance(item, bool):
                        wanted[record_type].add(str(item))
    return wanted


def record_names(
    session: Session, sandbox_id: int | None, entries: Sequence[JournalEntry]
) -> dict[tuple[str, str], str]:
    """The label of every record the entries name: one query per record type, whatever their number."""
    return labels_of(session, sandbox_id, _wanted(entries))


def record_filter_label(session: Session, sandbox_id: int, record: str) -> str:
    """The label of a record given as « client:12 » (the client page's link to its journal)."""
    record_type, _, record_id = record.partition(":")
    found = labels_of(session, sandbox_id, {record_type: {record_id}}) if record_id else {}
    return found.get((record_type, record_id)) or RECORD_KINDS.get(record_type, "Enregistrement inconnu")


def labels_of(session: Session, sandbox_id: int | None, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """The labels of the records wanted, by type: one query per record type."""
    wanted = defaultdict(set, {kind: set(ids) for kind, ids in wanted.items()})
    names: dict[tuple[str, str], str] = {}

    def scoped(model: Any) -> Any:
        if sandbox_id is None:
            return true()
        return model.id == sandbox_id if model is Sandbox else model.sandbox_id == sandbox_id

    def rows(model: Any, record_type: str) -> list[Any]:
        ids = _ids(wanted, record_type)
        if not ids:
            return []
        return list(session.execute(select(model).where(model.id.in_(ids), scoped(model))).scalars())

    requests = rows(SubscriptionRequest, "request")
    interactions = rows(Interaction, "interaction")
    documents = rows(SupportingDocument, "document")
    tasks = rows(Task, "task")
    for task in tasks:  # a task reads with the number of the contract it is about
        if task.record_type == "contract":
            wanted["contract"].add(str(task.record_id))
    contracts = rows(Contract, "contract")
    quotes = rows(Quote, "quote")
    client_documents = rows(ClientDocument, "client_document")
    for row in (*requests, *interactions, *contracts, *quotes, *client_documents):
        wanted["client"].add(str(row.client_id))
    clients = {client.id: client for client in rows(Client, "client")}

    def whose(client_id: int) -> str:
        client = clients.get(client_id)
        return f"{client.number} {client_name(client)}".strip() if client else ""

    for client in clients.values():
        names[("client", str(client.id))] = f"Client {client.number} {client_name(client)}".strip()
    for request in requests:
        names[("request", str(request.id))] = f"Demande {request.number}"
    for contract in contracts:
        names[("contract", str(contract.id))] = f"Contrat {contract.number} — client {whose(contract.client_id)}"
    for quote in quotes:
        names[("quote", str(quote.id))] = f"Devis {quote.number} — client {whose(quote.client_id)}"
    for contact in interactions:
        names[("interaction", str(contact.id))] = (
            f"Contact du {french.date_text(contact.occurred_on, 'long')} — client {whose(contact.client_id)}"
        )
    for document in documents:
        kind = SPECIMEN_KINDS.get(document.kind)
        title = kind.title if kind else "Pièce"
        names[("document", str(document.id))] = f"{title} « {document.title} »"
    for letter in client_documents:
        client = clients.get(letter.client_id)
        names[("client_document", str(letter.id))] = (
            f"Document « {code_label('kind', letter.kind)} » — client {client.number if client else NOTHING}"
        )
    numbers = {contract.id: contract.number for contract in contracts}
    for task in tasks:
        about = (
            f" — contrat {numbers[task.record_id]}"
            if task.record_type == "contract" and task.record_id in numbers
            else ""
        )
        names[("task", str(task.id))] = f"Tâche du service {code_label('department', task.department)}{about}"
    for mark in rows(EvaluationMark, "evaluation_mark"):
        names[("evaluation_mark", str(mark.id))] = f"Appréciation du critère {mark.criterion}"
    for decision in rows(CommitteeDecision, "committee_decision"):
        names[("committee_decision", str(decision.id))] = f"Décision du jury — {code_label('block', decision.block)}"
    for referral in rows(Referral, "referral"):
        names[("referral", str(referral.id))] = f"Transmission {referral.number}"
    for box in rows(Sandbox, "sandbox"):
        names[("sandbox", str(box.id))] = f"Bac à sable de {box.candidate.display_name}"
    unscoped_ids = {kind: _ids(wanted, kind) for kind in ("user", "exam_session")}
    if unscoped_ids["user"]:
        for user in session.execute(select(User).where(User.id.in_(unscoped_ids["user"]))).scalars():
            names[("user", str(user.id))] = f"Compte {user.username} ({user.display_name})"
    if unscoped_ids["exam_session"]:
        query = select(ExamSession).where(ExamSession.id.in_(unscoped_ids["exam_session"]))
        for exam in session.execute(query).scalars():
            names[("exam_session", str(exam.id))] = f"Session d'examen « {exam.name} »"
    return names


def catalogue_terms(catalogue: Catalogue | None) -> tuple[dict[str, str], dict[str, str]]:
    """The catalogue's words by code (products, formulas, guarantees, options, deductibles,
    frequencies, risk data, documents) and the acceptance rules' labels by code."""
    terms: dict[str, str] = {code: kind.title for code, kind in SPECIMEN_KINDS.items()}
    rules: dict[str, str] = {}
    if catalogue is None:
        return terms, rules
    for product in catalogue.products:
        terms[product.code] = product.name
        for formula in product.formulas:
            terms.setdefault(formula.code, formula.name)
        for guarantee in product.guarantees:
            terms.setdefault(guarantee.code, guarantee.name)
            for deductible in guarantee.deductibles:
                terms.setdefault(deductible.code, deductible.label)
        for modifier in product.modifiers:
            terms.setdefault(modifier.code, modifier.name)
        for frequency in product.frequencies:
            terms.setdefault(frequency.code, frequency.label)
        for risk in product.risk_fields:
            terms.setdefault(risk.name, risk.label)
            for choice in risk.choices:  # a risk datum's value, read as « name:code »
                terms.setdefault(f"{risk.name}:{choice.code}", choice.label)
        for document in product.required_documents:
            terms.setdefault(document.code, document.label)
    for product_rules in catalogue.acceptance:
        for rule in product_rules.rules:
            rules[rule.code] = rule.label
    return terms, rules


def vocabulary_for(
    session: Session, sandbox_id: int | None, entries: Sequence[JournalEntry], catalogue: Catalogue | None
) -> Vocabulary:
    terms, rules = catalogue_terms(catalogue)
    return Vocabulary(records=record_names(session, sandbox_id, entries), terms=terms, rules=rules)


def _sandbox_catalogue(session: Session, actor: Actor, sandbox_id: int) -> Catalogue | None:
    try:
        return catalogue_for(session, actor, sandbox_id)
    except DomainError:
        return None  # no catalogue pinned yet: codes read as words


# --- the page ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadableJournal:
    page: Page[JournalEntry]
    entries: list[ReadableEntry]


def journal_filter(sandbox_id: int, loaded: Mapping[str, Any]) -> JournalFilter:
    """The reader's filter of the validated parameters: a record given as « client:12 », or a record
    type with a number or name to search."""
    record = loaded.get("record") or None
    record_ids = None
    record_type = loaded.get("record_type") or None
    search = (loaded.get("record_search") or "").strip()
    if record_type and not record:
        record = record_type
        if search:
            record_ids = find_records(sandbox_id, record_type, search)
    return JournalFilter(
        action=loaded["action"] or None,
        record=record,
        record_ids=record_ids,
        code=loaded["code"] or None,
        date_from=loaded["date_from"],
        date_to=loaded["date_to"],
    )


def find_records(sandbox_id: int, record_type: str, search: str) -> Select[Any]:
    """The ids (as the journal writes them) of the sandbox's records of `record_type` whose number
    or name matches `search` (a client's name, number, postcode…; a request's, contract's or quote's
    number; a contact by its client)."""
    clients = search_clients(sandbox_id, search).with_only_columns(Client.id).order_by(None)
    numbered: dict[str, Any] = {"request": SubscriptionRequest, "contract": Contract, "quote": Quote}
    if record_type == "client":
        ids: Select[Any] = clients
    elif record_type in numbered:
        model = numbered[record_type]
        ids = select(model.id).where(model.sandbox_id == sandbox_id, model.number.icontains(search, autoescape=True))
    elif record_type == "interaction":
        ids = select(Interaction.id).where(Interaction.sandbox_id == sandbox_id, Interaction.client_id.in_(clients))
    else:
        return select(literal(search.strip()))
    return select(cast(ids.subquery().c[0], String))


def readable_journal(session: Session, actor: Actor, sandbox_id: int, params: Mapping[str, Any]) -> ReadableJournal:
    """A page of the sandbox's journal (filters as `services.journal.sandbox_journal`), each entry readable."""
    loaded = load_or_raise(JournalFilterSchema(), params)
    readable_sandbox(session, actor, sandbox_id)
    filters = journal_filter(sandbox_id, loaded)
    page = paginate(session, journal_query(sandbox_id, filters), int(loaded["page"]), int(loaded["per_page"]))
    vocabulary = vocabulary_for(session, sandbox_id, page.items, _sandbox_catalogue(session, actor, sandbox_id))
    return ReadableJournal(page, readable_entries(page.items, vocabulary))


# --- the exports ---------------------------------------------------------------------------------------

EXPORT_BATCH = 500


def batches(session: Session, sandbox_id: int, filters: JournalFilter) -> Iterator[list[JournalEntry]]:
    rows = session.execute(journal_query(sandbox_id, filters).execution_options(yield_per=EXPORT_BATCH)).scalars()
    batch: list[JournalEntry] = []
    for entry in rows:
        batch.append(entry)
        if len(batch) == EXPORT_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def readable_row(readable: ReadableEntry) -> dict[str, str]:
    return {
        "n°": str(readable.seq),
        "date de la simulation": readable.sandbox_date,
        "heure réelle": readable.recorded_at,
        "acteur": readable.actor,
        "rôle": readable.actor_role,
        "action réalisée": readable.action_label,
        "codes du référentiel": ", ".join(code for code, _title in readable.codes),
        "enregistrement": readable.record_label,
        "saisie": " ; ".join(f"{label} : {value}" for label, value in readable.input),
        "résultat": " ; ".join(f"{label} : {value}" for label, value in readable.outcome),
        "modifications": " ; ".join(change.text() for change in readable.changes),
    }


def readable_csv(
    session: Session, actor: Actor, sandbox_id: int, batches: Iterable[list[JournalEntry]], out: TextIO
) -> None:
    """A CSV a French spreadsheet opens (UTF-8 with BOM, « ; »): the readable columns, then every
    sealed field (as the CLI's CSV writes them) to verify the entries."""
    catalogue = _sandbox_catalogue(session, actor, sandbox_id)
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow((*READABLE_COLUMNS, *CSV_COLUMNS))
    for batch in batches:
        vocabulary = vocabulary_for(session, sandbox_id, batch, catalogue)
        for entry, readable in zip(batch, readable_entries(batch, vocabulary), strict=True):
            sealed = sealed_fields(entry)
            for key in ("codes", "input", "outcome"):
                sealed[key] = readable_json(sealed[key])
            row = readable_row(readable)
            writer.writerow([row[column] for column in READABLE_COLUMNS] + [_cell(sealed[c]) for c in CSV_COLUMNS])


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
