"""Catalogue snapshots (instantanés du catalogue): load products/ once per version, pin one per exam
session, read products and price them from the snapshot a sandbox is pinned to.

A snapshot is the canonical JSON of the product files, identified by its SHA-256: loading the same
files twice stores nothing new, and an exam session keeps the snapshot it was opened with whatever
happens to products/ afterwards. Rebuilt catalogues are immutable, so they are cached in-process by
hash. Pricing is a simulation: it reads, it never writes nor journals.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from polyadmin.catalogue import (
    CatalogueInvalid,
    LoadedCatalogue,
    catalogue_from_document,
    document_hash,
    load_directory,
)
from polyadmin.domain.canonical import canonical_json, readable_json
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.catalogue_versions import CatalogueChange, diff_documents, label_clashes, labelled_contents
from polyadmin.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from polyadmin.domain.pricing import Pricing, PricingRequest, price
from polyadmin.domain.roles import Actor, Permission, allowed, holds
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import exam_session_access, readable_sandbox
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.models import CatalogueSnapshot, ExamSession, Sandbox
from polyadmin.validation.french import Problems, load_or_raise
from polyadmin.validation.pricing import PricingSchema

NO_CATALOGUE = (
    "Aucun catalogue n'est chargé : chargez les fichiers produits avec « polyadmin catalogue load » "
    "(dossier products/ par défaut)."
)
CACHE_SIZE = 8

_cache: OrderedDict[str, Catalogue] = OrderedDict()
_cache_lock = threading.Lock()


# --- loading -------------------------------------------------------------------------------------


def product_versions(catalogue: Catalogue) -> dict[str, str]:
    return {product.code: product.version for product in catalogue.products}


def check_catalogue(directory: Path, rules_directory: Path | None = None) -> LoadedCatalogue:
    """Validate the files of `directory` (and the acceptance rules beside it, or in `rules_directory`)
    without storing anything (CatalogueInvalid lists every problem)."""
    return load_directory(directory, rules_directory)


@dataclass(frozen=True)
class LoadOutcome:
    snapshot: CatalogueSnapshot
    created: bool
    reinstated: bool = False  # loaded before, and made the current catalogue again


def _stored_labels(session: Session) -> dict[tuple[str, str], tuple[str, CatalogueSnapshot]]:
    """Every (product, version label) of the stored catalogues → (the content it names, a snapshot holding it)."""
    labels: dict[tuple[str, str], tuple[str, CatalogueSnapshot]] = {}
    rows = session.execute(select(CatalogueSnapshot, CatalogueSnapshot.document).order_by(CatalogueSnapshot.id)).all()
    for snapshot, text in rows:
        try:
            document = json.loads(text)
        except ValueError:  # an altered snapshot names nothing (it cannot serve anyway)
            continue
        if isinstance(document, dict):
            for label, content in labelled_contents(document).items():
                labels.setdefault(label, (content, snapshot))
    return labels


def _refuse_reused_labels(session: Session, loaded: LoadedCatalogue) -> None:
    """Conflict if a product's `version:` label already names another content (docs/products.md)."""
    stored = _stored_labels(session)
    clashes = label_clashes(loaded.document, {label: content for label, (content, _s) in stored.items()})
    if not clashes:
        return
    files = {product.code: product.source_file for product in loaded.catalogue.products}
    reasons = [
        f"la version « {clash.version} » du produit {clash.product} ({files.get(clash.product, '?')}) désigne déjà "
        f"un autre contenu (catalogue {stored[(clash.product, clash.version)][1].short_hash})"
        for clash in clashes
    ]
    raise Conflict(
        "Chargement refusé : "
        + " ; ".join(reasons)
        + ". Un libellé de version nomme un seul contenu : donnez un nouveau libellé (champ « version: » du "
        "fichier produit, par exemple « 2026.2 ») au produit modifié ou à celui dont les règles ont changé, "
        "puis chargez à nouveau."
    )


def store_catalogue(session: Session, actor: Actor, directory: Path) -> LoadOutcome:
    """Store the files of `directory` as a new snapshot, which becomes the current catalogue.

    Files loaded before (same fingerprint) store nothing new: that snapshot becomes current again if
    another one was loaded since (journaled `catalogue.reinstate`). A product `version:` label that
    already names another content is refused (Conflict), nothing is stored.
    """
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        raise Forbidden("Seul un formateur ou un administrateur charge le catalogue.")
    loaded = load_directory(directory)  # CatalogueInvalid (every problem) goes to the edge as it is
    return store_loaded(session, actor, loaded, str(directory))


def store_loaded(session: Session, actor: Actor, loaded: LoadedCatalogue, source: str) -> LoadOutcome:
    """`store_catalogue` of an already validated catalogue (`source` says where its files came from)."""
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        raise Forbidden("Seul un formateur ou un administrateur charge le catalogue.")
    text = canonical_json(loaded.document)
    existing = snapshot_by_hash(session, loaded.content_hash)
    if existing is not None:
        return _reinstate(session, actor, existing, source)
    _refuse_reused_labels(session, loaded)
    versions = product_versions(loaded.catalogue)
    try:
        with transaction(session):
            now = wall_now()
            snapshot = CatalogueSnapshot(
                content_hash=loaded.content_hash,
                document=text,
                products=readable_json(versions),
                loaded_at=now,
                loaded_by_id=actor.user_id,
                source=source[:500],
            )
            session.add(snapshot)
            session.flush()
            append_entry(
                session,
                actor=actor,
                action="catalogue.load",
                recorded_at=now,
                record=("catalogue_snapshot", snapshot.id),
                input={"source": source},
                outcome={"snapshot_id": snapshot.id, "content_hash": loaded.content_hash, "products": versions},
            )
    except IntegrityError:
        # The same files loaded at the same moment by someone else: theirs is the snapshot.
        concurrent = snapshot_by_hash(session, loaded.content_hash)
        if concurrent is None:
            raise
        return LoadOutcome(concurrent, False)
    _remember(loaded.content_hash, loaded.catalogue)
    return LoadOutcome(snapshot, True)


def _reinstate(session: Session, actor: Actor, existing: CatalogueSnapshot, source: str) -> LoadOutcome:
    """Files loaded before: current again (journaled) unless they already are the current catalogue."""
    current = latest_snapshot(session)
    if current is not None and current.id == existing.id:
        return LoadOutcome(existing, False)
    with transaction(session):
        now = wall_now()
        existing.reinstated_at = now
        append_entry(
            session,
            actor=actor,
            action="catalogue.reinstate",
            recorded_at=now,
            record=("catalogue_snapshot", existing.id),
            input={"source": source},
            outcome={
                "snapshot_id": existing.id,
                "content_hash": existing.content_hash,
                "products": existing.product_versions,
                "replaces": current.content_hash if current is not None else None,
            },
        )
    return LoadOutcome(existing, False, reinstated=True)


def load_catalogue(session: Session, actor: Actor, directory: Path) -> CatalogueSnapshot:
    """Validate `directory` and store it as a snapshot (trainers and admins); idempotent by content hash."""
    return store_catalogue(session, actor, directory).snapshot


# --- finding snapshots ---------------------------------------------------------------------------


def snapshot_by_hash(session: Session, content_hash: str) -> CatalogueSnapshot | None:
    return session.execute(
        select(CatalogueSnapshot).where(CatalogueSnapshot.content_hash == content_hash)
    ).scalar_one_or_none()


def list_snapshots(session: Session, actor: Actor) -> list[CatalogueSnapshot]:
    """Every snapshot, the latest first (trainers and admins)."""
    if not allowed(actor, Permission.LIST_CATALOGUES):
        raise Forbidden("Liste des catalogues réservée aux formateurs et administrateurs.")
    query = select(CatalogueSnapshot).order_by(CatalogueSnapshot.loaded_at.desc(), CatalogueSnapshot.id.desc())
    return list(session.execute(query).scalars())


def latest_snapshot(session: Session) -> CatalogueSnapshot | None:
    """The current catalogue, which a new exam session pins by default: the last one loaded (or loaded again)."""
    current_since = func.coalesce(CatalogueSnapshot.reinstated_at, CatalogueSnapshot.loaded_at)
    query = select(CatalogueSnapshot).order_by(current_since.desc(), CatalogueSnapshot.id.desc()).limit(1)
    return session.execute(query).scalar_one_or_none()


def resolve_snapshot(session: Session, wanted: str | None, field: str = "catalogue") -> CatalogueSnapshot:
    """The snapshot named by a hash (or a prefix of at least 8 characters), else the latest one."""
    if not wanted:
        latest = latest_snapshot(session)
        if latest is None:
            raise Conflict(NO_CATALOGUE)
        return latest
    wanted = wanted.strip().lower()
    matches = list(
        session.execute(
            select(CatalogueSnapshot).where(CatalogueSnapshot.content_hash.startswith(wanted, autoescape=True)).limit(2)
        ).scalars()
    )
    if not matches:
        raise InvalidInput({field: [f"Aucun catalogue chargé n'a l'empreinte « {wanted} »."]})
    if len(matches) > 1:
        raise InvalidInput(
            {field: [f"Plusieurs catalogues commencent par « {wanted} » : donnez l'empreinte complète."]}
        )
    return matches[0]


def _unpinned(exam: ExamSession) -> Conflict:
    return Conflict(
        f"La session d'examen n° {exam.id} a été ouverte avant tout chargement du catalogue : son formateur doit "
        f"lui associer un catalogue (« polyadmin catalogue pin {exam.id} »)."
    )


@dataclass(frozen=True)
class CatalogueContext:
    """Which snapshot applies to a request, and the sandbox whose clock dates it (if any)."""

    snapshot: CatalogueSnapshot
    sandbox: Sandbox | None


def catalogue_context(session: Session, actor: Actor, sandbox_id: int | None = None) -> CatalogueContext:
    """A sandbox's pinned snapshot (NotFound if the actor may not read it); without a sandbox, the most
    recent sandbox of one who works in sandboxes (a candidate), anyone else the latest snapshot."""
    sandbox: Sandbox | None = None
    if sandbox_id is not None:
        sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    elif holds(actor, Permission.WORK_IN_SANDBOX):
        sandbox = session.execute(
            select(Sandbox)
            .where(Sandbox.candidate_id == actor.user_id)
            .order_by(Sandbox.created_at.desc(), Sandbox.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    if sandbox is None:
        latest = latest_snapshot(session)
        if latest is None:
            raise Conflict(NO_CATALOGUE)
        return CatalogueContext(latest, None)
    exam = sandbox.exam_session
    if exam.catalogue_snapshot is None:
        raise _unpinned(exam)
    return CatalogueContext(exam.catalogue_snapshot, sandbox)


def snapshot_for(session: Session, actor: Actor, sandbox_id: int | None = None) -> CatalogueSnapshot:
    """The snapshot `catalogue_for` reads (its hash and product versions, for pages and documents)."""
    return catalogue_context(session, actor, sandbox_id).snapshot


# --- rebuilding ----------------------------------------------------------------------------------


def _cached(content_hash: str) -> Catalogue | None:
    with _cache_lock:
        found = _cache.get(content_hash)
        if found is not None:
            _cache.move_to_end(content_hash)
        return found


def _remember(content_hash: str, catalogue: Catalogue) -> None:
    with _cache_lock:
        _cache[content_hash] = catalogue
        _cache.move_to_end(content_hash)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def forget_cached_catalogues() -> None:
    """Empty the in-process cache (tests that alter a stored snapshot)."""
    with _cache_lock:
        _cache.clear()


def _tampered(snapshot: CatalogueSnapshot, detail: str) -> Conflict:
    return Conflict(
        f"L'instantané du catalogue {snapshot.short_hash} est altéré ({detail}) : il ne peut plus servir. "
        "Rechargez le catalogue et ouvrez une nouvelle session d'examen."
    )


def rebuild_catalogue(session: Session, snapshot: CatalogueSnapshot) -> Catalogue:
    """The immutable Catalogue of a stored snapshot, verified against its content hash (cached)."""
    cached = _cached(snapshot.content_hash)
    if cached is not None:
        return cached
    document = snapshot_document(session, snapshot)
    try:
        catalogue = catalogue_from_document(document)
    except CatalogueInvalid as invalid:
        raise _tampered(snapshot, f"{len(invalid.problems)} erreur(s) à la relecture") from None
    _remember(snapshot.content_hash, catalogue)
    return catalogue


def catalogue_for(session: Session, actor: Actor, sandbox_id: int | None = None) -> Catalogue:
    """The catalogue an actor works with: the sandbox's pinned snapshot, or see `catalogue_context`."""
    return rebuild_catalogue(session, snapshot_for(session, actor, sandbox_id))


def _valid_codes(catalogue: Catalogue) -> str:
    return ", ".join(catalogue.codes()) or "aucun"


def get_product(session: Session, actor: Actor, code: str, sandbox_id: int | None = None) -> Product:
    catalogue = catalogue_for(session, actor, sandbox_id)
    product = catalogue.product(code)
    if product is None:
        raise NotFound(f"Produit inconnu « {code} » ; produits du catalogue : {_valid_codes(catalogue)}.")
    return product


# --- pricing -------------------------------------------------------------------------------------


def price_product(
    session: Session, actor: Actor, code: str, data: dict[str, Any], sandbox_id: int | None = None
) -> Pricing:
    """Price a product for the given choices and risk data (a simulation: read-only, not journaled).

    The effective date defaults to the sandbox's business date; outside a sandbox it is required.
    """
    context = catalogue_context(session, actor, sandbox_id)  # access first: another sandbox is 404
    loaded = load_or_raise(PricingSchema(), data)
    catalogue = rebuild_catalogue(session, context.snapshot)
    product = catalogue.product(code)
    if product is None:
        raise InvalidInput(
            {"product": [f"Produit inconnu « {code} » ; produits du catalogue : {_valid_codes(catalogue)}."]},
            "Produit inconnu.",
        )
    effective_date: date | None = loaded["effective_date"]
    if effective_date is None:
        if context.sandbox is None:
            raise InvalidInput({"effective_date": ["Date d'effet obligatoire hors d'un bac à sable (AAAA-MM-JJ)."]})
        effective_date = context.sandbox.business_date
    request = PricingRequest(
        formula=loaded["formula"],
        frequency=loaded["frequency"],
        effective_date=effective_date,
        risk=dict(loaded["risk"]),
        options=tuple(loaded["options"]),
        deductibles=dict(loaded["deductibles"]),
        other_contracts=loaded["other_contracts"],
    )
    return price(product, catalogue.taxes, request)


# --- pinning -------------------------------------------------------------------------------------


def pin_catalogue(session: Session, actor: Actor, exam_session_id: int, wanted: str | None = None) -> ExamSession:
    """Give a session opened before any catalogue its snapshot (the latest, or the one named); once only."""
    if not holds(actor, Permission.PIN_CATALOGUE):
        raise Forbidden("Seul le formateur de la session associe un catalogue.")
    with transaction(session):
        exam = session.execute(
            select(ExamSession).where(ExamSession.id == exam_session_id).with_for_update()
        ).scalar_one_or_none()
        if exam is None or not allowed(actor, Permission.PIN_CATALOGUE, exam_session_access(exam)):
            raise NotFound("Session d'examen introuvable.")
        if exam.catalogue_snapshot is not None:
            raise Conflict(
                f"La session d'examen n° {exam.id} utilise déjà le catalogue {exam.catalogue_snapshot.short_hash} : "
                "un catalogue épinglé ne change jamais."
            )
        snapshot = resolve_snapshot(session, wanted)
        exam.catalogue_snapshot = snapshot
        append_entry(
            session,
            actor=actor,
            action="exam_session.catalogue.pin",
            recorded_at=wall_now(),
            record=("exam_session", exam.id),
            input={"exam_session_id": exam.id, "catalogue": wanted},
            outcome={"catalogue": snapshot.content_hash, "products": snapshot.product_versions},
        )
    return exam


# --- versions ------------------------------------------------------------------------------------


def snapshot_document(session: Session, snapshot: CatalogueSnapshot) -> dict[str, Any]:
    """The stored document of a snapshot (verified against its fingerprint)."""
    text = session.execute(select(CatalogueSnapshot.document).where(CatalogueSnapshot.id == snapshot.id)).scalar_one()
    try:
        document = json.loads(text)
    except ValueError:
        raise _tampered(snapshot, "JSON illisible") from None
    if not isinstance(document, dict) or document_hash(document) != snapshot.content_hash:
        raise _tampered(snapshot, "le contenu ne correspond plus à son empreinte")
    return document


@dataclass(frozen=True)
class CatalogueDiff:
    before: CatalogueSnapshot
    after: CatalogueSnapshot
    changes: list[CatalogueChange]


def diff_snapshots(session: Session, actor: Actor, first: str, second: str) -> CatalogueDiff:
    """What changed from catalogue `first` to catalogue `second` (fingerprints or their first 8+ characters)."""
    if not allowed(actor, Permission.LIST_CATALOGUES):
        raise Forbidden("Comparaison des catalogues réservée aux formateurs et administrateurs.")
    problems = Problems()
    before = problems.check(resolve_snapshot, session, first, "before")
    after = problems.check(resolve_snapshot, session, second, "after")
    problems.raise_if_any()
    assert before is not None and after is not None
    changes = diff_documents(snapshot_document(session, before), snapshot_document(session, after))
    return CatalogueDiff(before, after, changes)
