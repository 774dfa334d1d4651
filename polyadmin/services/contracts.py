"""The client's agreement on a quote and the issue of its contracts (C2A.4, C1.9); the contracts, their
schedule and mandate; the tasks of the services concerned.

`record_agreement` records the date, channel and signature mode of the client's agreement on the
quote's current version (journal `quote.agreement`). `issue_contracts` issues one contract per line the
client kept, from the pricing frozen on the quote (never priced again), with its schedule, a SEPA mandate
for a direct debit, and the tasks of the collections and archives departments — one transaction, one
journal entry `contract.issue` — after every guard of `domain.contracts.issue_refusals` has passed. An
Idempotency-Key replays the first result; the quote version is locked, so two issues of one quote give
one set of contracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from polyadmin.documents.letters import load_wording
from polyadmin.documents.views import (
    ConditionView,
    ContractView,
    GuaranteeView,
    InstalmentView,
    MandateView,
    Party,
)
from polyadmin.domain.acceptance import CONDITION_LABELS, SpecialConditionKind
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.clients import CIVILITIES
from polyadmin.domain.contracts import (
    CREDITOR_IDENTIFIER,
    SEQUENCE_LABELS,
    AgreementChannel,
    Department,
    FrozenPricing,
    IssueFacts,
    PaymentMethod,
    SignatureMode,
    agreement_problems,
    bank_account_problems,
    compact_bic,
    default_signature,
    issue_refusals,
    mandate_reference,
    missing_mandatory,
    principal_due_date,
    read_frozen_pricing,
    term_end,
    withdrawal_until,
)
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.french import euros, short_date
from polyadmin.domain.identifiers import compact_iban, format_iban, record_number
from polyadmin.domain.offers import QuoteStatus, current_status
from polyadmin.domain.roles import Actor
from polyadmin.domain.scenario import HISTORY_LINES
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.casework import decision_refusals
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.client_documents import DocumentLine, list_for_record, record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.casework import RequestDecision
from polyadmin.store.contracts import Endorsement, IssueKey, SepaMandate, Task
from polyadmin.store.models import CatalogueSnapshot, Client, Sandbox, SandboxSequence
from polyadmin.store.offers import NeedsRecord, Quote, QuoteLine, QuoteVersion
from polyadmin.store.portfolio import Business, Contract, Dwelling, Instalment, Loan, SubscriptionRequest, Vehicle
from polyadmin.store.sequences import next_value
from polyadmin.validation.contracts import IDEMPOTENCY_KEY_MAX, AgreementSchema, IssueSchema, TaskQuery
from polyadmin.validation.french import Problems, load_or_raise

ARCHIVE_DAYS = 7  # the signed documents reach the archives within a week of the issue
MANDATE_SEQUENCE = "mandate"
STATUS_LABELS = {"mandatory": "obligatoire", "formula": "de la formule", "optional": "en option"}


# --- loading ------------------------------------------------------------------------------------------


def _quote_in(session: Session, sandbox: Sandbox, quote_id: int) -> Quote:
    quote = session.execute(
        select(Quote).where(Quote.id == quote_id, Quote.sandbox_id == sandbox.id)
    ).scalar_one_or_none()
    if quote is None:
        raise NotFound("Devis introuvable.")
    return quote


def _current_version(session: Session, quote: Quote, *, lock: bool = False) -> QuoteVersion:
    """The quote's latest version (the one the client is shown), locked for an action."""
    query = select(QuoteVersion).where(QuoteVersion.quote_id == quote.id).order_by(QuoteVersion.version.desc()).limit(1)
    if lock:
        query = query.with_for_update()
    version = session.execute(query).scalar_one_or_none()
    if version is None:
        raise NotFound("Ce devis n'a aucune version.")
    return version


def _lines(session: Session, version: QuoteVersion) -> list[QuoteLine]:
    return list(
        session.execute(
            select(QuoteLine).where(QuoteLine.version_id == version.id).order_by(QuoteLine.position)
        ).scalars()
    )


def _catalogue_of(session: Session, snapshot_id: int) -> Catalogue:
    snapshot = session.get(CatalogueSnapshot, snapshot_id)
    assert snapshot is not None  # a foreign key
    return rebuild_catalogue(session, snapshot)


def _product(session: Session, snapshot_id: int, code: str) -> Product:
    product = _catalogue_of(session, snapshot_id).product(code)
    if product is None:
        raise NotFound(f"Produit {code} absent du catalogue de la session.")
    return product


def _journal(
    session: Session, actor: Actor, sandbox: Sandbox, action: str, record: tuple[str, int], input: Any, outcome: Any
) -> None:
    append_entry(
        session,
        actor=actor,
        action=action,
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=record,
        input=input,
        outcome=outcome,
    )


# --- agreement ----------------------------------------------------------------------------------------


def record_agreement(
    session: Session, actor: Actor, sandbox_id: int, quote_id: int, data: dict[str, Any]
) -> QuoteVersion:
    """Record the client's agreement on the quote's current version: its date (not after the simulation's,
    within the quote's validity), channel and signature mode; a channel other than the agency is a
    distance sale (withdrawal period of L112-2-1, printed on the contract). The version becomes accepted."""
    loaded = load_or_raise(AgreementSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        quote = _quote_in(session, sandbox, quote_id)
        version = _current_version(session, quote, lock=True)
        label = f"Le devis {quote.number} (version {version.version})"
        if version.status == "issued":
            raise Conflict(f"{label} est déjà émis.")
        if version.status == "accepted" and version.agreed_on is not None:
            raise Conflict(f"{label} est déjà accepté (accord du {short_date(version.agreed_on)}).")
        status = current_status(version.status, version.valid_until, sandbox.business_date)
        if status in (QuoteStatus.SUPERSEDED, QuoteStatus.REFUSED, QuoteStatus.EXPIRED):
            raise InvalidInput(
                {"_schema": [f"{label} n'est plus proposé au client (expiré, remplacé ou refusé) : accord impossible."]}
            )
        problems = agreement_problems(loaded["date"], sandbox.business_date, version.issued_on, version.valid_until)
        if problems:
            raise InvalidInput(problems)
        channel = AgreementChannel(loaded["channel"])
        signature = SignatureMode(loaded["signature_mode"]) if loaded["signature_mode"] else default_signature(channel)
        previous = version.status
        version.agreed_on = loaded["date"]
        version.agreement_channel = channel.value
        version.signature_mode = signature.value
        version.distance_selling = channel.distance
        version.status = "accepted"
        _journal(
            session,
            actor,
            sandbox,
            "quote.agreement",
            ("quote", quote.id),
            {
                "quote_id": quote.id,
                "agreed_on": loaded["date"],
                "agreement_channel": channel.value,
                "signature_mode": signature.value,
            },
            {
                "quote_number": quote.number,
                "quote_version": version.version,
                "previous_status": previous,
                "quote_status": version.status,
                "distance_selling": channel.distance,
            },
        )
    return version


# --- guards -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueCheck:
    """What the « Émettre » page shows before the button: the quote, its kept lines, and why not (if not)."""

    sandbox: Sandbox
    quote: Quote
    version: QuoteVersion
    client: Client
    lines: tuple[QuoteLine, ...]  # the lines the client kept
    refusals: tuple[str, ...]
    contracts: tuple[Contract, ...]  # already issued from this version


def _refusals(
    session: Session, sandbox: Sandbox, quote: Quote, version: QuoteVersion, lines: list[QuoteLine]
) -> tuple[str, ...]:
    newer = session.execute(
        select(func.count())
        .select_from(QuoteVersion)
        .where(QuoteVersion.quote_id == quote.id, QuoteVersion.version > version.version)
    ).scalar_one()
    request = session.get(SubscriptionRequest, quote.request_id) if quote.request_id is not None else None
    decision = (
        session.execute(select(RequestDecision).where(RequestDecision.request_id == request.id)).scalar_one_or_none()
        if request is not None
        else None
    )
    casework: tuple[str, ...] = ()
    if request is not None and decision is not None and decision.outcome != "decline" and lines:
        catalogue = _catalogue_of(session, lines[0].snapshot_id)
        casework = decision_refusals(session, sandbox, catalogue, request, decision)
    missing: list[str] = []
    early: list[str] = []
    for line in lines:
        product = _product(session, line.snapshot_id, line.product_code)
        mandatory = [(g.code, g.name) for g in product.guarantees if g.status == "mandatory"]
        missing.extend(missing_mandatory(mandatory, read_frozen_pricing(line.pricing).guarantee_codes))
        if line.effective_date < sandbox.business_date:
            early.append(
                f"La date d'effet du {short_date(line.effective_date)} ({product.name}) est passée : "
                "établissez une nouvelle version du devis."
            )
    facts = IssueFacts(
        quote_number=quote.number,
        version=version.version,
        status=current_status(version.status, version.valid_until, sandbox.business_date).value,
        valid_until=version.valid_until,
        today=sandbox.business_date,
        agreed_on=version.agreed_on,
        newer_version=newer > 0,
        request_number=request.number if request is not None else None,
        request_status=request.status if request is not None else None,
        decision=decision.outcome if decision is not None else None,
        casework_refusals=casework,
        chosen_lines=len(lines),
        missing_mandatory=tuple(dict.fromkeys(missing)),
    )
    return tuple(dict.fromkeys((*issue_refusals(facts), *early)))


def _issued_from(session: Session, version: QuoteVersion) -> tuple[Contract, ...]:
    return tuple(
        session.execute(
            select(Contract)
            .join(QuoteLine, QuoteLine.id == Contract.quote_line_id)
            .where(QuoteLine.version_id == version.id)
            .order_by(Contract.id)
        ).scalars()
    )


def issue_check(session: Session, actor: Actor, sandbox_id: int, quote_id: int) -> IssueCheck:
    """Read-only: may the quote's current version be issued now, and if not, why (nothing journaled)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    quote = _quote_in(session, sandbox, quote_id)
    version = _current_version(session, quote)
    lines = [line for line in _lines(session, version) if line.chosen]
    client = session.get(Client, quote.client_id)
    assert client is not None
    issued = _issued_from(session, version)
    refusals = () if issued else _refusals(session, sandbox, quote, version, lines)
    return IssueCheck(sandbox, quote, version, client, tuple(lines), refusals, issued)


# --- issue --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    contracts: tuple[Contract, ...]
    replayed: bool  # the Idempotency-Key had already issued them: nothing new was written


def _client_name(client: Client) -> str:
    if client.kind == "company":
        return client.company_name or client.number
    civility = CIVILITIES.get(client.civility or "", "")
    return " ".join(part for part in (civility, client.first_name, (client.last_name or "").upper()) if part)


def _checked_payment(loaded: dict[str, Any], lines: list[QuoteLine]) -> dict[str, Any]:
    problems = Problems()
    method = PaymentMethod(loaded["payment_method"])
    if method is PaymentMethod.DIRECT_DEBIT:
        if not loaded["iban"]:
            problems.add({"iban": ["IBAN obligatoire pour un prélèvement SEPA."]})
        if not loaded["bic"]:
            problems.add({"bic": ["BIC obligatoire pour un prélèvement SEPA."]})
        if loaded["iban"] and loaded["bic"]:
            problems.add(bank_account_problems(loaded["iban"], loaded["bic"]))
    elif any(line.frequency == "mensuel" for line in lines):
        problems.add({"payment_method": ["Le paiement mensuel se fait par prélèvement SEPA."]})
    problems.raise_if_any()
    return loaded


def _replay(session: Session, sandbox: Sandbox, key: str | None, version: QuoteVersion) -> Issued | None:
    if key is None:
        return None
    row = session.execute(
        select(IssueKey).where(IssueKey.sandbox_id == sandbox.id, IssueKey.key == key)
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.version_id != version.id:
        raise InvalidInput({"idempotency_key": ["Cette clé d'idempotence a déjà servi pour un autre devis."]})
    contracts = tuple(
        session.execute(select(Contract).where(Contract.id.in_(row.contract_ids)).order_by(Contract.id)).scalars()
    )
    return Issued(contracts, replayed=True)


def issue_contracts(
    session: Session, actor: Actor, sandbox_id: int, quote_id: int, data: dict[str, Any], key: str | None = None
) -> Issued:
    """Émettre: one contract per line the client kept, from the frozen pricing, with its schedule; a SEPA
    mandate for a direct debit; the tasks of the departments concerned. Refused with every reason (422)
    when a guard fails; 409 when the version is already issued; the same `key` replays the first result."""
    loaded = load_or_raise(IssueSchema(), data)
    if key is not None and not (0 < len(key) <= IDEMPOTENCY_KEY_MAX):
        raise InvalidInput({"idempotency_key": [f"Clé d'idempotence : entre 1 et {IDEMPOTENCY_KEY_MAX} caractères."]})
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        quote = _quote_in(session, sandbox, quote_id)
        version = _current_version(session, quote, lock=True)
        replayed = _replay(session, sandbox, key, version)
        if replayed is not None:
            return replayed
        if version.status == "issued":
            numbers = ", ".join(contract.number for contract in _issued_from(session, version))
            raise Conflict(f"Le devis {quote.number} (version {version.version}) est déjà émis : {numbers}.")
        lines = [line for line in _lines(session, version) if line.chosen]
        refusals = _refusals(session, sandbox, quote, version, lines)
        if refusals:
            raise InvalidInput({"quote": list(refusals)}, "Émission impossible.")
        _checked_payment(loaded, lines)
        client = session.get(Client, quote.client_id)
        assert client is not None and version.agreed_on is not None
        method = PaymentMethod(loaded["payment_method"])
        today = sandbox.business_date
        mandate = _mandate(session, sandbox, client, loaded) if method is PaymentMethod.DIRECT_DEBIT else None
        contracts = [_contract(session, sandbox, client, version, line, method, mandate) for line in lines]
        tasks = _tasks(session, sandbox, contracts, mandate)
        version.status = "issued"
        session.flush()
        for contract in contracts:
            _edit_documents(session, actor, sandbox, contract)
        if key is not None:
            session.add(
                IssueKey(
                    sandbox_id=sandbox.id,
                    key=key,
                    version_id=version.id,
                    contract_ids=[c.id for c in contracts],
                    created_at=wall_now(),
                )
            )
        session.flush()
        _journal(
            session,
            actor,
            sandbox,
            "contract.issue",
            ("quote", quote.id),
            {
                "quote_id": quote.id,
                "payment_method": method.value,
                "iban": _masked(mandate.iban) if mandate else None,
                "bic": mandate.bic if mandate else None,
            },
            {
                "quote_number": quote.number,
                "quote_version": version.version,
                "contract_numbers": [c.number for c in contracts],
                "contracts": [
                    {
                        "number": c.number,
                        "product": c.product_code,
                        "effective_date": c.start_date,
                        "premium_before_tax": c.premium_before_tax,
                        "total": c.annual_total,
                        "instalments": len(_pricing(c).instalments),
                    }
                    for c in contracts
                ],
                "premium_before_tax": sum((c.premium_before_tax for c in contracts), Decimal(0)),
                "total": sum((c.annual_total for c in contracts), Decimal(0)),
                "mandate_reference": mandate.reference if mandate else None,
                "tasks": [{"department": t.department, "subject": t.subject} for t in tasks],
                "withdrawal_until": contracts[0].withdrawal_until,
                "issued_on": today,
            },
        )
    return Issued(tuple(contracts), replayed=False)


# What each contract's issue edits for the client (kind, title, whether it comes back signed).
CONTRACT_DOCUMENTS = (
    ("conditions_particulieres", "Conditions particulières", True),
    ("attestation", "Attestation d'assurance", False),
    ("echeancier", "Échéancier", False),
    ("mandat_sepa", "Mandat de prélèvement SEPA", True),
    ("welcome_letter", "Lettre de bienvenue", False),
)


def _edit_documents(session: Session, actor: Actor, sandbox: Sandbox, contract: Contract) -> None:
    """The documents of an issued contract, recorded edited in the issue's transaction (the mandate only
    for a direct debit); the conditions particulières and the mandate are to be returned signed."""
    for kind, title, signed in CONTRACT_DOCUMENTS:
        if kind == "mandat_sepa" and contract.mandate_id is None:
            continue
        record_edition(
            session,
            actor,
            sandbox.id,
            client_id=contract.client_id,
            kind=kind,
            record_type="contract",
            record_id=contract.id,
            title=f"{title} — contrat {contract.number}",
            signature_required=signed,
        )


def contract_in(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> ContractView:
    """The printed view of one issued contract of a sandbox the actor may read (its documents' source)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = session.execute(
        select(Contract).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    ).scalar_one_or_none()
    if contract is None or contract.pricing is None:
        raise NotFound("Contrat introuvable.")
    return contract_view(session, contract)


def contract_documents(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, reminder_days: int
) -> list[DocumentLine]:
    """The documents edited for one contract of the sandbox (NotFound for another sandbox's contract)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    found = session.execute(
        select(Contract.id).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    ).scalar_one_or_none()
    if found is None:
        raise NotFound("Contrat introuvable.")
    lines = list_for_record(session, actor, sandbox_id, "contract", contract_id, reminder_days)
    endorsed = session.execute(
        select(Endorsement.id).where(Endorsement.contract_id == contract_id).order_by(Endorsement.version)
    ).scalars()
    for endorsement_id in endorsed:  # the avenants, edited for their endorsement (issue 13 §1)
        lines += list_for_record(session, actor, sandbox_id, "endorsement", endorsement_id, reminder_days)
    return lines


def _masked(iban: str) -> str:
    """The journal keeps the country and the last four characters of an IBAN, not the account."""
    return f"{iban[:4]}{'*' * (len(iban) - 8)}{iban[-4:]}"


def _pricing(contract: Contract) -> FrozenPricing:
    assert contract.pricing is not None
    return read_frozen_pricing(contract.pricing)


def _mandate(session: Session, sandbox: Sandbox, client: Client, loaded: dict[str, Any]) -> SepaMandate:
    today = sandbox.business_date
    mandate = SepaMandate(
        sandbox_id=sandbox.id,
        client_id=client.id,
        reference=mandate_reference(today.year, next_value(session, sandbox.id, MANDATE_SEQUENCE)),
        iban=compact_iban(loaded["iban"]),
        bic=compact_bic(loaded["bic"]),
        debtor_name=loaded["debtor_name"] or _client_name(client),
        signed_on=today,
        sequence="FRST",
    )
    session.add(mandate)
    session.flush()
    return mandate


def _contract(
    session: Session,
    sandbox: Sandbox,
    client: Client,
    version: QuoteVersion,
    line: QuoteLine,
    method: PaymentMethod,
    mandate: SepaMandate | None,
) -> Contract:
    today = sandbox.business_date
    frozen = read_frozen_pricing(line.pricing)
    contract = Contract(
        sandbox_id=sandbox.id,
        client_id=client.id,
        number=record_number("CT", next_value(session, sandbox.id, "contract")),
        snapshot_id=line.snapshot_id,
        product_code=line.product_code,
        product_version=line.product_version,
        formula=line.formula,
        options=list(line.options),
        deductibles=dict(line.deductibles),
        frequency=line.frequency,
        risk=dict(line.risk),
        vehicle_id=line.vehicle_id,
        dwelling_id=line.dwelling_id,
        business_id=line.business_id,
        loan_id=line.loan_id,
        start_date=line.effective_date,
        next_due_date=principal_due_date(line.effective_date),
        status="active",
        premium_before_tax=frozen.premium_before_tax,
        annual_total=frozen.total,
        iban=mandate.iban if mandate else None,
        created_on=today,
        seeded=False,
        quote_line_id=line.id,
        term_end=term_end(line.effective_date),
        tacit_renewal=True,
        payment_method=method.value,
        withdrawal_until=withdrawal_until(today, version.distance_selling),
        agreed_on=version.agreed_on,
        agreement_channel=version.agreement_channel,
        signature_mode=version.signature_mode,
        distance_selling=version.distance_selling,
        pricing=dict(line.pricing),
        mandate_id=mandate.id if mandate else None,
    )
    session.add(contract)
    session.flush()
    for item in frozen.instalments:
        session.add(
            Instalment(
                sandbox_id=sandbox.id,
                contract_id=contract.id,
                period_start=line.effective_date,
                number=item.number,
                due_date=item.due_date,
                amount=item.amount,
                status="due",
                method=method.value,
            )
        )
    return contract


def _tasks(session: Session, sandbox: Sandbox, contracts: list[Contract], mandate: SepaMandate | None) -> list[Task]:
    today = sandbox.business_date
    tasks = []
    for contract in contracts:
        first = min(item.due_date for item in _pricing(contract).instalments)
        if mandate is not None:
            tasks.append(
                Task(
                    sandbox_id=sandbox.id,
                    department=Department.COLLECTIONS.value,
                    subject=(
                        f"Mettre en place le prélèvement SEPA du contrat {contract.number} "
                        f"(mandat {mandate.reference}) : "
                        f"premier prélèvement le {short_date(first)}, {euros(contract.annual_total)} par an."
                    ),
                    record_type="contract",
                    record_id=contract.id,
                    status="open",
                    created_on=today,
                    due_on=max(today, first),
                )
            )
        tasks.append(
            Task(
                sandbox_id=sandbox.id,
                department=Department.ARCHIVES.value,
                subject=(
                    f"Archiver le dossier du contrat {contract.number} : conditions particulières signées, "
                    + ("mandat SEPA, " if mandate is not None else "")
                    + "pièces justificatives."
                ),
                record_type="contract",
                record_id=contract.id,
                status="open",
                created_on=today,
                due_on=today + timedelta(days=ARCHIVE_DAYS),
            )
        )
    session.add_all(tasks)
    session.flush()
    return tasks


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractPage:
    items: tuple[Contract, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_contracts(
    session: Session, actor: Actor, sandbox_id: int, page: int = 1, per_page: int = 50, issued_only: bool = False
) -> ContractPage:
    """The sandbox's contracts, the latest first; `issued_only`: those issued from a quote (by the candidate)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    where = [Contract.sandbox_id == sandbox.id]
    if issued_only:
        where.append(Contract.quote_line_id.is_not(None))
    total = session.execute(select(func.count()).select_from(Contract).where(*where)).scalar_one()
    items = session.execute(
        select(Contract).where(*where).order_by(Contract.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).scalars()
    return ContractPage(tuple(items), int(total), page, per_page)


@dataclass(frozen=True)
class ContractDetail:
    contract: Contract
    client: Client
    instalments: tuple[Instalment, ...]
    mandate: SepaMandate | None
    quote: Quote | None
    version: QuoteVersion | None
    view: ContractView | None  # None for a seeded contract (no frozen pricing)


def get_contract(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> ContractDetail:
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = session.execute(
        select(Contract).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    ).scalar_one_or_none()
    if contract is None:
        raise NotFound("Contrat introuvable.")
    client = session.get(Client, contract.client_id)
    assert client is not None
    instalments = tuple(
        session.execute(
            select(Instalment)
            .where(Instalment.contract_id == contract.id)
            .order_by(Instalment.period_start, Instalment.number)
        ).scalars()
    )
    mandate = session.get(SepaMandate, contract.mandate_id) if contract.mandate_id is not None else None
    quote, version = _quote_of(session, contract)
    view = contract_view(session, contract) if contract.pricing is not None else None
    return ContractDetail(contract, client, instalments, mandate, quote, version, view)


def _quote_of(session: Session, contract: Contract) -> tuple[Quote | None, QuoteVersion | None]:
    if contract.quote_line_id is None:
        return None, None
    line = session.get(QuoteLine, contract.quote_line_id)
    version = session.get(QuoteVersion, line.version_id) if line is not None else None
    quote = session.get(Quote, version.quote_id) if version is not None else None
    return quote, version


# --- the documents' data ------------------------------------------------------------------------------


def party_of(client: Client) -> Party:
    """The policyholder as the documents print them."""
    if client.kind == "company":
        salutation = "Madame, Monsieur,"
    else:
        civility = CIVILITIES.get(client.civility or "", "")
        salutation = f"{civility}," if civility else "Madame, Monsieur,"
    address = tuple(
        line
        for line in (client.address_line1, client.address_line2, f"{client.postcode or ''} {client.city or ''}".strip())
        if line
    )
    return Party(
        client_number=client.number,
        name=_client_name(client),
        address_lines=address,
        salutation=salutation,
        email=client.email,
        accessible_formats=bool(client.accessible_formats),
    )


def _limit_text(product: Product, code: str) -> str:
    guarantee = product.guarantee(code)
    if guarantee is None or not guarantee.limits:
        return "Selon les conditions générales"
    return " ; ".join(
        f"{limit.label} : {euros(limit.amount)}" if limit.amount is not None else f"{limit.label} : {limit.text}"
        for limit in guarantee.limits
    )


def _deductible_text(product: Product, code: str, chosen: str | None) -> str:
    guarantee = product.guarantee(code)
    if guarantee is None or chosen is None:
        return "Aucune"
    for deductible in guarantee.deductibles:
        if deductible.code == chosen:
            return deductible.label
    return "Aucune"


def _option_name(product: Product, code: str) -> str:
    guarantee = product.guarantee(code)
    if guarantee is not None:
        return guarantee.name
    modifier = product.modifier(code)
    return modifier.name if modifier is not None else code


def _eco(product: Product, code: str) -> bool:
    guarantee = product.guarantee(code)
    modifier = product.modifier(code)
    return bool((guarantee and guarantee.eco) or (modifier and modifier.eco))


def _risk_summary(session: Session, contract: Contract) -> tuple[str, ...]:
    lines: list[str] = []
    vehicle = session.get(Vehicle, contract.vehicle_id) if contract.vehicle_id else None
    if vehicle is not None:
        lines.append(f"Véhicule : {vehicle.make} {vehicle.model}, immatriculé {vehicle.registration}")
    dwelling = session.get(Dwelling, contract.dwelling_id) if contract.dwelling_id else None
    if dwelling is not None:
        lines.append(f"Logement : {dwelling.address_line1}, {dwelling.postcode} {dwelling.city}")
    business = session.get(Business, contract.business_id) if contract.business_id else None
    if business is not None:
        lines.append(
            f"Établissement : {business.activity}, {business.address_line1}, {business.postcode} {business.city}"
        )
    loan = session.get(Loan, contract.loan_id) if contract.loan_id else None
    if loan is not None:
        lines.append(f"Prêt : {loan.lender}, {euros(loan.capital)} sur {loan.duration_months} mois")
    return tuple(lines)


def _conditions(line: QuoteLine | None) -> tuple[ConditionView, ...]:
    if line is None:
        return ()
    views = []
    for condition in line.conditions or ():
        try:
            kind_label = CONDITION_LABELS[SpecialConditionKind(str(condition.get("kind")))]
        except ValueError:
            kind_label = "Condition"
        views.append(ConditionView(kind_label, str(condition.get("label") or condition.get("text") or "")))
    return tuple(views)


def contract_view(session: Session, contract: Contract) -> ContractView:
    """Everything the contract's documents print (conditions particulières, attestation, échéancier, SEPA
    mandate, welcome letter), from the pricing frozen at issue: amounts exactly as priced."""
    frozen = _pricing(contract)
    product = _product(session, contract.snapshot_id, contract.product_code)
    client = session.get(Client, contract.client_id)
    assert client is not None
    party = party_of(client)
    quote, _version = _quote_of(session, contract)
    line = session.get(QuoteLine, contract.quote_line_id) if contract.quote_line_id is not None else None
    instalments = session.execute(
        select(Instalment)
        .where(Instalment.contract_id == contract.id, Instalment.period_start == contract.start_date)
        .order_by(Instalment.number)
    ).scalars()
    mandate = session.get(SepaMandate, contract.mandate_id) if contract.mandate_id is not None else None
    insurer = load_wording()["insurer"]
    guarantees = tuple(
        GuaranteeView(
            name=item.name,
            status_label=STATUS_LABELS.get(item.status, item.status),
            limit=_limit_text(product, item.code),
            deductible=_deductible_text(product, item.code, item.deductible),
            premium_before_tax=item.premium_before_tax,
            taxes=item.taxes,
            total=item.total,
        )
        for item in frozen.guarantees
    )
    conditions = _conditions(line)
    exclusions = list(product.general_exclusions)
    for item in frozen.guarantees:
        guarantee = product.guarantee(item.code)
        exclusions.extend(guarantee.exclusions if guarantee is not None else ())
    exclusion_label = CONDITION_LABELS[SpecialConditionKind.EXCLUSION]
    exclusions.extend(c.text for c in conditions if c.kind_label == exclusion_label)
    frequency = product.frequency(contract.frequency)
    formula = product.formula(contract.formula)
    channel = AgreementChannel(contract.agreement_channel) if contract.agreement_channel else None
    vehicle = session.get(Vehicle, contract.vehicle_id) if contract.vehicle_id else None
    return ContractView(
        party=party,
        number=contract.number,
        product_code=product.code,
        product_name=product.name,
        product_version=contract.product_version,
        line_label=HISTORY_LINES.get(product.line, product.line),
        formula_label=formula.name if formula is not None else contract.formula,
        options=tuple(_option_name(product, code) for code in contract.options),
        eco_options=tuple(_option_name(product, code) for code in contract.options if _eco(product, code)),
        issued_on=contract.created_on,
        effective_date=contract.start_date,
        term_end=contract.term_end or term_end(contract.start_date),
        principal_due_date=contract.next_due_date,
        tacit_renewal=contract.tacit_renewal,
        risk_summary=_risk_summary(session, contract),
        guarantees=guarantees,
        conditions=conditions,
        exclusions=tuple(dict.fromkeys(exclusions)),
        premium_before_tax=frozen.premium_before_tax,
        taxes=frozen.taxes,
        total=frozen.total,
        frequency_label=frequency.label if frequency else contract.frequency,
        payment_method_label=PaymentMethod(contract.payment_method).label if contract.payment_method else "",
        instalments=tuple(InstalmentView(row.number, row.due_date, row.amount) for row in instalments),
        quote_number=quote.number if quote is not None else "",
        agreement_on=contract.agreed_on or contract.created_on,
        agreement_channel_label=channel.label if channel is not None else "",
        distance_selling=bool(contract.distance_selling),
        withdrawal_until=contract.withdrawal_until,
        mandate=_mandate_view(mandate, party) if mandate is not None else None,
        vehicle_registration=vehicle.registration if vehicle is not None else None,
        vehicle_label=f"{vehicle.make} {vehicle.model}" if vehicle is not None else None,
        insurer_lines=(str(insurer["name"]), *(str(line) for line in insurer.get("address") or ())),
    )


def _mandate_view(mandate: SepaMandate, party: Party) -> MandateView:
    return MandateView(
        reference=mandate.reference,
        creditor_name=str(load_wording()["insurer"]["name"]),
        creditor_identifier=CREDITOR_IDENTIFIER,
        debtor_name=mandate.debtor_name,
        debtor_address_lines=party.address_lines,
        iban=format_iban(mandate.iban),
        bic=mandate.bic,
        signed_on=mandate.signed_on,
        sequence_label=SEQUENCE_LABELS[mandate.sequence],
    )


# --- tasks --------------------------------------------------------------------------------------------


def list_tasks(session: Session, actor: Actor, sandbox_id: int, query: dict[str, Any] | None = None) -> list[Task]:
    """The departments' tasks of the sandbox, open ones first, by due date."""
    loaded = load_or_raise(TaskQuery(), query or {})
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    where = [Task.sandbox_id == sandbox.id]
    if loaded["status"]:
        where.append(Task.status == loaded["status"])
    return list(
        session.execute(select(Task).where(*where).order_by(Task.status.desc(), Task.due_on, Task.id)).scalars()
    )


def close_task(session: Session, actor: Actor, sandbox_id: int, task_id: int) -> Task:
    """Mark a task done (the department has done it); closing it twice is a conflict."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        task = session.execute(
            select(Task).where(Task.id == task_id, Task.sandbox_id == sandbox.id).with_for_update()
        ).scalar_one_or_none()
        if task is None:
            raise NotFound("Tâche introuvable.")
        if task.status == "done":
            raise Conflict(f"Cette tâche est déjà faite (le {short_date(task.closed_on or sandbox.business_date)}).")
        task.status = "done"
        task.closed_on = sandbox.business_date
        task.closed_by_id = actor.user_id
        _journal(
            session,
            actor,
            sandbox,
            "task.close",
            ("task", task.id),
            {"task_id": task.id},
            {
                "department": task.department,
                "subject": task.subject,
                "due_on": task.due_on,
                "contract_number": contract.number if (contract := task_link(session, task)) else None,
            },
        )
    return task


def task_link(session: Session, task: Task) -> Contract | None:
    """The contract a task is about (its number for the list)."""
    if task.record_type != "contract":
        return None
    return session.get(Contract, task.record_id)


# --- reset --------------------------------------------------------------------------------------------


def delete_issued(session: Session, sandbox_id: int) -> None:
    """A reset removes what issuing wrote — keys, tasks, the issued contracts with their schedules, the
    mandates — then the quotes and needs records, before the portfolio they refer to."""
    issued = select(Contract.id).where(Contract.sandbox_id == sandbox_id, Contract.quote_line_id.is_not(None))
    for instance in list(session.identity_map.values()):
        if (
            isinstance(instance, (IssueKey, Task, SepaMandate, Contract, Instalment))
            and instance.sandbox_id == sandbox_id
        ):
            session.expunge(instance)
    session.execute(delete(IssueKey).where(IssueKey.sandbox_id == sandbox_id))
    session.execute(delete(Task).where(Task.sandbox_id == sandbox_id))
    session.execute(delete(Instalment).where(Instalment.contract_id.in_(issued)))
    session.execute(delete(Contract).where(Contract.sandbox_id == sandbox_id, Contract.quote_line_id.is_not(None)))
    session.execute(delete(SepaMandate).where(SepaMandate.sandbox_id == sandbox_id))
    # The offers the contracts came from refer to the clients the reset deletes: remove them too (the
    # offers service may delete its own rows as well; a second delete finds nothing).
    for model in (QuoteLine, QuoteVersion, Quote, NeedsRecord):
        session.execute(delete(model).where(model.sandbox_id == sandbox_id))
    session.execute(
        delete(SandboxSequence).where(
            SandboxSequence.sandbox_id == sandbox_id, SandboxSequence.name == MANDATE_SEQUENCE
        )
    )
