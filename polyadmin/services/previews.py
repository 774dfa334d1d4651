"""Scenario preview (aperçu d'un scénario): the portfolio a scenario generates, before any exam uses it.

The scenario is validated and generated exactly as a session would seed it (same catalogue, same
seed, same rows), but nothing is written: the preview counts in no session, leaves no sandbox to
clean up and no journal entry (a sandbox written for a preview would keep its journal stream, which
is append-only, forever). Its planted cases are shown twice — as the candidate will see them (the
request, the declared data, the supporting documents as the same PDFs) and as the evaluator will (the
expected outcome, missing documents, planted anomalies, the experts' scripted answers) — and each
case whose words contradict the computed figures is flagged (`domain.scenario_checks`).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from polyadmin.catalogue import load_directory
from polyadmin.documents.specimen_kinds import kind_title
from polyadmin.documents.specimens import render_specimen
from polyadmin.domain.catalogue import Catalogue, Product, RiskField
from polyadmin.domain.clients import display_name
from polyadmin.domain.errors import Conflict, Forbidden, NotFound
from polyadmin.domain.french import decimal_text, short_date
from polyadmin.domain.roles import Actor, Permission, allowed
from polyadmin.domain.scenario import CHANNELS, EXPECTED_OUTCOMES, EXPERTS, REPLY_OUTCOMES, VERDICTS
from polyadmin.domain.scenario_checks import crm_contradictions
from polyadmin.services.catalogue import latest_snapshot, rebuild_catalogue
from polyadmin.services.seeding import GeneratedSeeding, chosen_seed, generate_seeding, load_canonical

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d+\.\d+")  # exact decimals as text; digit strings (postcodes) stay as written
# The last previews generated (a page, then its PDFs, read the same portfolio): by file, its state,
# the catalogue and the seed.
CACHE_SIZE = 4
_cache: dict[tuple[Any, ...], GeneratedSeeding] = {}
_cache_lock = threading.Lock()

SUMMARY_LABELS = {
    "clients": "Clients",
    "vehicles": "Véhicules",
    "dwellings": "Logements",
    "businesses": "Établissements",
    "loans": "Prêts",
    "insurance_histories": "Antécédents d'assurance",
    "contracts": "Contrats",
    "claims": "Sinistres",
    "subscription_requests": "Demandes de souscription (cas plantés)",
    "supporting_documents": "Pièces justificatives",
}


@dataclass(frozen=True)
class PreviewDocument:
    index: int  # its place among the scenario's supporting documents (the PDF's address)
    kind_title: str
    title: str
    issued_on: date
    valid_until: date | None
    anomaly: str | None  # for the evaluator's view only


@dataclass(frozen=True)
class PreviewCase:
    """A planted case: what the candidate sees, then what the evaluator sees, then the flags."""

    number: str
    case_code: str
    client_number: str
    client_name: str
    product: str
    received_on: date
    channel: str
    requested: list[tuple[str, str]]
    declared: list[tuple[str, str]]
    message: str
    documents: list[PreviewDocument]
    expected_outcome: str
    notes: str
    missing_documents: list[str]
    experts: list[str]
    replies: list[str]
    computed_crm: Decimal | None
    flags: list[str]


@dataclass(frozen=True)
class ScenarioPreview:
    code: str
    title: str
    seed: int
    start_date: date
    catalogue_hash: str
    catalogue_source: str  # "base" (the current catalogue) or the products folder
    summary: list[tuple[str, int]]
    contracts_by_product: list[tuple[str, int]]
    crm_counts: list[tuple[str, int]]
    cases: list[PreviewCase]

    @property
    def flagged(self) -> int:
        return sum(1 for case in self.cases if case.flags)


def _may_preview(actor: Actor) -> None:
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        raise Forbidden("L'aperçu d'un scénario est réservé aux formateurs et administrateurs.")


def _catalogue(session: Session | None, catalogue_path: Path | None) -> tuple[Catalogue, str, str]:
    if catalogue_path is not None:
        loaded = load_directory(catalogue_path)
        return loaded.catalogue, loaded.content_hash, str(catalogue_path)
    snapshot = latest_snapshot(session) if session is not None else None
    if session is None or snapshot is None:
        raise Conflict("Aucun catalogue chargé : lancez « polyadmin catalogue load » ou donnez --catalogue DOSSIER.")
    return rebuild_catalogue(session, snapshot), snapshot.content_hash, "base"


def _generated(
    session: Session | None, path: Path, catalogue_path: Path | None, seed: int | None
) -> tuple[GeneratedSeeding, Catalogue, str, str]:
    catalogue, content_hash, source = _catalogue(session, catalogue_path)
    try:
        stat = path.stat()
        key: tuple[Any, ...] | None = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, content_hash, seed)
    except OSError:
        key = None  # no such file: the reader reports it
    with _cache_lock:
        cached = _cache.get(key) if key is not None else None
    if cached is not None:
        return cached, catalogue, content_hash, source
    loaded = load_canonical(path, catalogue)  # ScenarioInvalid lists every problem
    generated = generate_seeding(loaded, catalogue, chosen_seed(loaded, seed))
    if key is not None:
        with _cache_lock:
            _cache[key] = generated
            while len(_cache) > CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
    return generated, catalogue, content_hash, source


def _text(value: Any) -> str:
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return short_date(date.fromisoformat(value))
    if isinstance(value, Decimal | int) or (isinstance(value, str) and NUMBER.fullmatch(value)):
        return decimal_text(Decimal(str(value)))
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value) or "—"
    return "—" if value is None or value == "" else str(value)


def _named(product: Product | None, kind: str, code: Any) -> str:
    """The French name of a formula, an option (guarantee or tariff option) or a frequency of the product."""
    if code is None or code == "":
        return "—"
    names: dict[str, str] = {}
    if product is not None:
        if kind == "formula":
            names = {formula.code: formula.name for formula in product.formulas}
        elif kind == "option":
            names = {guarantee.code: guarantee.name for guarantee in product.guarantees}
            names.update((modifier.code, modifier.name) for modifier in product.modifiers)
        else:
            names = {frequency.code: frequency.label for frequency in product.frequencies}
    return names.get(str(code), str(code))


def _declared(field: RiskField | None, value: Any) -> str:
    """A declared risk value as written on a page: a choice's label, a date, an exact number."""
    if field is not None and field.choices:
        labels = {choice.code: choice.label for choice in field.choices}
        if str(value) in labels:
            return labels[str(value)]
    return _text(value)


def _latest_crm(histories: list[dict[str, Any]]) -> Decimal | None:
    motor = [row for row in histories if row.get("line") == "auto" and row.get("crm") is not None]
    if not motor:
        return None
    latest = max(motor, key=lambda row: (row["start_date"], row["key"]))
    return Decimal(str(latest["crm"]))


def _case(
    request: dict[str, Any],
    rows: dict[str, list[dict[str, Any]]],
    catalogue: Catalogue,
    documents: list[PreviewDocument],
) -> PreviewCase:
    clients = {row["number"]: row for row in rows["clients"]}
    client = clients.get(request["client"], {})
    product = catalogue.product(request["product_code"])
    product_name = product.name if product is not None else request["product_code"]
    wanted = request.get("requested") or {}
    requested = [
        ("Formule", _named(product, "formula", wanted.get("formula"))),
        ("Options", ", ".join(_named(product, "option", code) for code in wanted.get("options") or []) or "—"),
        ("Fractionnement", _named(product, "frequency", wanted.get("frequency"))),
        ("Date d'effet souhaitée", _text(wanted.get("effective_date"))),
    ]
    fields = {field.name: field for field in product.risk_fields} if product is not None else {}
    declared = [
        (fields[name].label if name in fields else name, _declared(fields.get(name), value))
        for name, value in (wanted.get("declared") or {}).items()
    ]
    message = str(wanted.get("message") or "")
    histories = [row for row in rows["insurance_histories"] if row["client"] == request["client"]]
    crm = _latest_crm(histories)
    notes = str(request.get("expected_notes") or "")
    is_motor = product is not None and product.line == "auto"
    flags = crm_contradictions([message, notes], crm) if is_motor or crm is not None else []
    experts = [
        f"{EXPERTS.get(row['expert'], row['expert'])} (sous {row['delay_days']} jour(s)"
        + (f", {VERDICTS[row['verdict']].lower()}" if row.get("verdict") in VERDICTS else "")
        + f") : {row['answer']}"
        for row in rows["expert_scripts"]
        if row["request"] == request["number"]
    ]
    replies = [
        f"{kind_title(row['document_code'])} : {REPLY_OUTCOMES.get(row['outcome'], row['outcome'])}"
        + (f" (sous {row['delay_days']} jour(s))" if row.get("delay_days") is not None else "")
        for row in rows["document_scripts"]
        if row["request"] == request["number"]
    ]
    return PreviewCase(
        number=request["number"],
        case_code=str(request.get("case_code") or ""),
        client_number=request["client"],
        client_name=display_name(client),
        product=product_name,
        received_on=request["received_on"],
        channel=CHANNELS.get(request["channel"], request["channel"]),
        requested=requested,
        declared=declared,
        message=message,
        documents=documents,
        expected_outcome=EXPECTED_OUTCOMES.get(str(request.get("expected_outcome")), "—"),
        notes=notes,
        missing_documents=[kind_title(code) for code in (request.get("expected_missing") or [])],
        experts=experts,
        replies=replies,
        computed_crm=crm,
        flags=flags,
    )


def preview_scenario(
    session: Session | None,
    actor: Actor,
    path: Path,
    catalogue_path: Path | None = None,
    seed: int | None = None,
) -> ScenarioPreview:
    """The preview of the scenario file `path`, generated with the current catalogue (or the products of
    `catalogue_path`) and its seed (or `seed`); writes nothing. ScenarioInvalid lists every problem."""
    _may_preview(actor)
    generated, catalogue, content_hash, source = _generated(session, path, catalogue_path, seed)
    rows = generated.portfolio.rows
    documents: dict[str, list[PreviewDocument]] = {}
    for index, row in enumerate(rows["supporting_documents"]):
        if row.get("request") is not None:
            documents.setdefault(row["request"], []).append(
                PreviewDocument(
                    index, kind_title(row["kind"]), row["title"], row["issued_on"], row["valid_until"], row["anomaly"]
                )
            )
    cases = [
        _case(request, rows, catalogue, documents.get(request["number"], []))
        for request in rows["subscription_requests"]
    ]
    products = Counter(row["product_code"] for row in rows["contracts"])
    crms = [Decimal(str(row["crm"])) for row in rows["insurance_histories"] if row.get("crm") is not None]
    crm_counts = [
        ("Bonus (CRM < 1,00)", sum(1 for crm in crms if crm < 1)),
        ("Neutre (CRM = 1,00)", sum(1 for crm in crms if crm == 1)),
        ("Malus (CRM > 1,00)", sum(1 for crm in crms if crm > 1)),
    ]
    return ScenarioPreview(
        code=generated.code,
        title=generated.loaded.scenario.title,
        seed=generated.seed,
        start_date=generated.start_date,
        catalogue_hash=content_hash,
        catalogue_source=source,
        summary=[(label, len(rows[table])) for table, label in SUMMARY_LABELS.items()],
        contracts_by_product=[
            (product.name if (product := catalogue.product(code)) is not None else code, count)
            for code, count in sorted(products.items())
        ],
        crm_counts=crm_counts,
        cases=cases,
    )


def preview_document(
    session: Session | None,
    actor: Actor,
    path: Path,
    index: int,
    catalogue_path: Path | None = None,
    seed: int | None = None,
) -> tuple[str, bytes]:
    """A supporting document of the preview as the candidate receives it: (file name, PDF bytes)."""
    _may_preview(actor)
    generated, _catalogue_used, _hash, _source = _generated(session, path, catalogue_path, seed)
    rows = generated.portfolio.rows["supporting_documents"]
    if not 0 <= index < len(rows):
        raise NotFound("Pièce justificative introuvable dans l'aperçu.")
    row = rows[index]
    pdf = render_specimen(row["kind"], row["title"], row["issued_on"], row["valid_until"], dict(row["data"]))
    return f"apercu-piece-{index}-{row['kind']}.pdf", pdf
