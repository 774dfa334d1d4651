"""Cross-checks of a scenario that marshmallow cannot see: references, the catalogue, dates, histories.

Each check yields `(path, problem)` in French; paths are those of the file (`clients[2].history[0]
.releve.crm`). Kinds of problems:
- references: unique refs, a relation, claim, request or document naming a record that does not exist;
- catalogue: unknown product, formula, option, frequency, deductible or risk field (with the valid
  values), a product not offered to that kind of client, the catalogue the scenario is pinned to;
- impossible dates: in the future of the start date (a birth, a claim, a contract, a relevé…), a
  licence before the legal age, a contract before the subscriber's majority or before the vehicle
  existed, a claim outside its contract or history, a document issued after the request arrived;
- inconsistent histories: a CRM printed on the relevé that the claims do not give by the A121-1
  annex rules (computed with polyadmin.domain.bonus_malus.crm_after), a termination for claims
  without a claim, a termination reason the other party cannot give, claims older than the relevé's
  five years.
The pricing of the planted contracts and of a sample of the population is the generator's
(polyadmin.seeding.generate.generation_problems), added by the service that checks a scenario.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from polyadmin.documents.specimen_kinds import SPECIMEN_KINDS
from polyadmin.domain import scenario as model
from polyadmin.domain.bonus_malus import CRM_CAP, CRM_FLOOR
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.french import coefficient_text, short_date
from polyadmin.domain.identifiers import (
    iban_is_valid,
    naf_code_is_valid,
    registration_is_valid,
    siren_is_valid,
    siret_is_valid,
)
from polyadmin.domain.risk_data import read_value

Problem = tuple[str, str]
MAX_AGE = 120


def _listed(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(values) if values else "aucune"


def _duplicates(refs: list[tuple[str, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for path, ref in refs:
        if ref in seen:
            yield f"{path}.ref", f"Référence « {ref} » déjà utilisée par {seen[ref]} ({what})."
        else:
            seen[ref] = path


def _pin(scenario: model.Scenario, catalogue: Catalogue) -> Iterator[Problem]:
    if scenario.catalogue is None:
        return
    if not catalogue.content_hash.startswith(scenario.catalogue):
        current = catalogue.content_hash[:12] or "sans empreinte"
        yield (
            "catalogue",
            f"Le scénario est écrit pour le catalogue {scenario.catalogue} ; le catalogue utilisé est "
            f"{current}. Retirez la clé ou mettez-la à jour après avoir vérifié les produits.",
        )


def _product(catalogue: Catalogue, code: str, path: str) -> tuple[Product | None, list[Problem]]:
    product = catalogue.product(code)
    if product is None:
        return None, [(path, f"Produit inconnu « {code} » ; produits du catalogue : {_listed(catalogue.codes())}.")]
    return product, []


def _choices(
    product: Product,
    path: str,
    formula: str | None,
    options: tuple[str, ...],
    frequency: str | None,
    deductibles: dict[str, str] | None = None,
) -> Iterator[Problem]:
    if formula is None:
        return
    chosen = product.formula(formula)
    if chosen is None:
        yield (
            f"{path}.formula",
            f"Formule inconnue « {formula} » pour {product.code} ; "
            f"formules : {_listed([f.code for f in product.formulas])}.",
        )
    else:
        for index, option in enumerate(options):
            if option not in chosen.options:
                yield (
                    f"{path}.options[{index}]",
                    f"Option « {option} » non proposée par la formule {formula} ; options : {_listed(chosen.options)}.",
                )
        included = {g.code for g in product.included_guarantees(chosen)} | set(options)
        for guarantee_code, deductible in (deductibles or {}).items():
            guarantee = product.guarantee(guarantee_code)
            if guarantee is None or guarantee.code not in included or not guarantee.deductibles:
                with_choice = [g.code for g in product.guarantees if g.code in included and g.deductibles]
                yield (
                    f"{path}.deductibles.{guarantee_code}",
                    f"Garantie à franchise inconnue dans cette formule ; garanties : {_listed(with_choice)}.",
                )
            elif guarantee.deductible(deductible) is None:
                yield (
                    f"{path}.deductibles.{guarantee_code}",
                    f"Franchise inconnue « {deductible} » ; "
                    f"franchises : {_listed([d.code for d in guarantee.deductibles])}.",
                )
    if frequency is not None and product.frequency(frequency) is None:
        yield (
            f"{path}.frequency",
            f"Fréquence inconnue « {frequency} » ; fréquences : {_listed([f.code for f in product.frequencies])}.",
        )


def _risk_fields(product: Product, path: str, values: dict[str, object], on: date, strict: bool) -> Iterator[Problem]:
    """Names must be fields of the product; for a request (`strict` off), only kinds are checked, since
    a declaration may be out of the tariff on purpose (a driver of 87 to refer)."""
    for name, value in values.items():
        spec = product.risk_field(name)
        if spec is None:
            known = sorted(f.name for f in product.risk_fields)
            yield f"{path}.{name}", f"Donnée de risque inconnue pour {product.code} ; données : {_listed(known)}."
            continue
        if value is None or strict:
            continue  # the engine judges contracts
        if spec.kind == "choice" and value not in spec.choice_codes():
            yield f"{path}.{name}", f"Valeur inconnue « {value} » ; valeurs possibles : {_listed(spec.choice_codes())}."
        elif spec.kind in ("date", "boolean", "postcode", "integer", "decimal"):
            try:
                read_value(
                    spec.__class__(name=spec.name, label=spec.label, kind=spec.kind, required=spec.required), value, on
                )
            except ValueError as exc:
                yield f"{path}.{name}", str(exc)


# --- clients ----------------------------------------------------------------------------------------------


def _client(
    scenario: model.Scenario, catalogue: Catalogue, index: int, client: model.ClientSpec, refs: set[str]
) -> Iterator[Problem]:
    start = scenario.start_date
    path = f"clients[{index}]"
    birth = client.birth_date
    if birth is not None:
        if birth > start:
            yield (
                f"{path}.birth_date",
                f"Naissance le {short_date(birth)}, après la date de début ({short_date(start)}).",
            )
        elif birth < start - relativedelta(years=MAX_AGE):
            yield f"{path}.birth_date", f"Plus de {MAX_AGE} ans à la date de début : date de naissance impossible."
    if client.siren is not None and not siren_is_valid(client.siren):
        yield f"{path}.siren", f"SIREN invalide « {client.siren} » (9 chiffres et clé de Luhn)."
    if client.iban is not None and not iban_is_valid(client.iban):
        yield f"{path}.iban", f"IBAN invalide « {client.iban} » (clé de contrôle ISO 13616)."
    if client.email is not None and "@" not in client.email:
        yield f"{path}.email", "Adresse électronique invalide."
    if client.gdpr_purposes and not client.gdpr_consent:
        yield f"{path}.gdpr.purposes", "Des finalités sont données sans consentement du client."
    for field, day in (("gdpr.date", client.gdpr_consent_on), ("created_on", client.created_on)):
        if day is not None and day > start:
            yield f"{path}.{field}", f"Date du {short_date(day)} postérieure à la date de début ({short_date(start)})."
        if day is not None and birth is not None and day < birth:
            yield f"{path}.{field}", f"Date du {short_date(day)} antérieure à la naissance du client."
    if client.status == "prospect" and client.contracts:
        yield f"{path}.status", "Un prospect n'a pas de contrat en portefeuille : status « client » ou aucun contrat."
    licence = client.licence_date
    if licence is not None:
        if licence > start:
            yield f"{path}.licence_date", f"Permis obtenu le {short_date(licence)}, après la date de début."
        if birth is not None:
            minimum = model.licence_minimum_age(licence)
            age = model.years_between(birth, licence)
            if age < minimum:
                rule = "17 ans depuis le 1er janvier 2024" if minimum == 17 else "18 ans avant le 1er janvier 2024"
                yield f"{path}.licence_date", f"Permis obtenu à {age} ans : âge minimum {rule} (permis B)."

    for j, relation in enumerate(client.relations):
        if relation.client not in refs:
            yield f"{path}.relations[{j}].client", f"Client inconnu « {relation.client} »."
        elif relation.client == client.ref:
            yield f"{path}.relations[{j}].client", "Un client ne peut pas être lié à lui-même."

    kinds: tuple[tuple[str, Sequence[Any]], ...] = (
        ("vehicles", client.vehicles),
        ("dwellings", client.dwellings),
        ("businesses", client.businesses),
        ("loans", client.loans),
        ("history", client.histories),
        ("contracts", client.contracts),
    )
    for name, items in kinds:
        yield from _duplicates([(f"{path}.{name}[{j}]", item.ref) for j, item in enumerate(items)], name)

    for j, vehicle in enumerate(client.vehicles):
        where = f"{path}.vehicles[{j}]"
        if vehicle.registration is not None and not registration_is_valid(vehicle.registration):
            yield f"{where}.registration", f"Immatriculation « {vehicle.registration} » hors format SIV (AA-123-AA)."
        if vehicle.first_registration > start:
            yield (
                f"{where}.first_registration",
                f"Mise en circulation le {short_date(vehicle.first_registration)}, après la date de début.",
            )
    for j, dwelling in enumerate(client.dwellings):
        if dwelling.construction_year > start.year:
            yield f"{path}.dwellings[{j}].construction_year", "Année de construction postérieure à la date de début."
    for j, business in enumerate(client.businesses):
        where = f"{path}.businesses[{j}]"
        if business.siret is not None:
            if not siret_is_valid(business.siret):
                yield f"{where}.siret", f"SIRET invalide « {business.siret} » (14 chiffres, clé de Luhn)."
            elif client.siren and business.siret[:9] != client.siren:
                yield f"{where}.siret", f"Le SIRET ne commence pas par le SIREN du client ({client.siren})."
        if not naf_code_is_valid(business.naf_code):
            yield f"{where}.naf_code", f"Code NAF « {business.naf_code} » invalide (format 10.71C)."
    for j, loan in enumerate(client.loans):
        if birth is not None and model.years_between(birth, loan.start_date) < model.MIN_SUBSCRIBER_AGE:
            yield f"{path}.loans[{j}].start_date", "Emprunteur mineur au début du prêt."

    yield from _histories(scenario, path, client)
    yield from _contracts(scenario, catalogue, path, client)
    for j, claim in enumerate(client.claims):
        where = f"{path}.claims[{j}]"
        contract = next((c for c in client.contracts if c.ref == claim.contract), None)
        if claim.contract is None:
            yield (
                f"{where}.contract",
                "Un sinistre hors antécédent se rattache à un contrat du portefeuille (contract).",
            )
        elif contract is None:
            yield f"{where}.contract", f"Contrat inconnu « {claim.contract} » pour ce client."
        elif claim.occurred_on < contract.start_date:
            yield (
                f"{where}.occurred_on",
                f"Sinistre du {short_date(claim.occurred_on)} "
                f"avant l'effet du contrat ({short_date(contract.start_date)}).",
            )
        if claim.occurred_on > start:
            yield f"{where}.occurred_on", f"Sinistre du {short_date(claim.occurred_on)} postérieur à la date de début."
    for j, interaction in enumerate(client.interactions):
        if interaction.occurred_on > start:
            yield f"{path}.interactions[{j}].occurred_on", "Contact postérieur à la date de début."
    for j, document in enumerate(client.documents):
        yield from _document(catalogue, f"{path}.documents[{j}]", document, client, None, start)


def _histories(scenario: model.Scenario, path: str, client: model.ClientSpec) -> Iterator[Problem]:
    start = scenario.start_date
    all_claims = [c for h in client.histories for c in h.claims] + list(client.claims)
    try:
        links = model.auto_crm_chain(client.histories, all_claims, start)
    except Exception:
        links = {}
    for j, history in enumerate(client.histories):
        where = f"{path}.history[{j}]"
        end = history.end_date
        if history.start_date > start:
            yield (
                f"{where}.start_date",
                f"Début le {short_date(history.start_date)}, après la date de début du scénario.",
            )
        if end is not None and end < history.start_date:
            yield f"{where}.end_date", "Fin avant le début de l'antécédent."
        if client.birth_date is not None and model.years_between(client.birth_date, history.start_date) < 17:
            yield f"{where}.start_date", "Assuré avant l'âge de 17 ans : date impossible."
        if history.line == "auto" and client.licence_date is not None and history.start_date < client.licence_date:
            yield f"{where}.start_date", f"Assurance automobile avant le permis ({short_date(client.licence_date)})."
        statement = history.statement_date
        if statement is not None:
            if statement > start:
                yield f"{where}.releve.statement_date", "Relevé établi après la date de début du scénario."
            if statement < history.start_date:
                yield f"{where}.releve.statement_date", "Relevé établi avant le début du contrat."
        if history.line != "auto" and (history.crm is not None or history.crm_reference is not None):
            yield (
                f"{where}.releve.crm",
                "Le coefficient bonus-malus ne concerne que l'assurance automobile (line: auto).",
            )
        if history.crm is not None and not CRM_FLOOR <= history.crm <= CRM_CAP:
            yield f"{where}.releve.crm", "Coefficient hors de [0,50 ; 3,50] (A121-1)."
        reference = history.crm_reference
        if reference is not None:
            if not CRM_FLOOR <= reference.crm <= CRM_CAP:
                yield f"{where}.releve.crm_reference.crm", "Coefficient hors de [0,50 ; 3,50] (A121-1)."
            bound = model.history_bound(history, start)
            dues = [history.start_date, *model.annual_due_dates(history.start_date, bound)]
            if reference.on not in dues:
                yield (
                    f"{where}.releve.crm_reference.due_date",
                    f"Le {short_date(reference.on)} n'est ni le début ni une échéance annuelle de l'antécédent.",
                )
        if history.terminated_by is not None and end is None:
            yield f"{where}.end_date", "Un contrat résilié a une date de fin (end_date)."
        if (history.terminated_by is None) != (history.termination_reason is None):
            yield f"{where}.termination_reason", "Indiquez ensemble terminated_by et termination_reason."
        reason = history.termination_reason
        if reason is not None and history.terminated_by is not None:
            if (
                reason in ("non_payment", "claims", "aggravation", "fausse_declaration", "retrait_permis")
                and history.terminated_by != "insurer"
            ):
                yield (
                    f"{where}.terminated_by",
                    f"Seul l'assureur résilie pour ce motif ({model.TERMINATION_REASONS[reason]}).",
                )
            if reason in ("hamon", "vente_vehicule", "demenagement") and history.terminated_by != "insured":
                yield (
                    f"{where}.terminated_by",
                    f"Seul l'assuré résilie pour ce motif ({model.TERMINATION_REASONS[reason]}).",
                )
            if reason == "claims" and not history.claims:
                yield (
                    f"{where}.termination_reason",
                    "Résiliation pour sinistralité sans aucun sinistre dans l'antécédent.",
                )
        last_day = min(end or start, start)
        for k, claim in enumerate(history.claims):
            at = f"{where}.claims[{k}]"
            if claim.contract is not None:
                yield f"{at}.contract", "Un sinistre d'antécédent n'appartient pas à un contrat du portefeuille."
            if claim.occurred_on < history.start_date:
                yield (
                    f"{at}.occurred_on",
                    f"Sinistre du {short_date(claim.occurred_on)} avant le début de l'antécédent.",
                )
            elif claim.occurred_on > start:
                yield (
                    f"{at}.occurred_on",
                    f"Sinistre du {short_date(claim.occurred_on)} postérieur à la date de début ({short_date(start)}).",
                )
            elif claim.occurred_on > last_day:
                yield f"{at}.occurred_on", f"Sinistre du {short_date(claim.occurred_on)} après la fin de l'antécédent."
            if history.line == "auto" and model.CLAIM_KINDS.get(claim.kind) is None:
                yield f"{at}.kind", f"Nature « {claim.kind} » impossible en assurance automobile."
            if statement is not None and claim.occurred_on < statement - relativedelta(years=model.RELEVE_YEARS):
                yield (
                    f"{at}.occurred_on",
                    "Sinistre de plus de cinq ans avant le relevé : le relevé d'information ne mentionne que les "
                    "cinq dernières années (A121-1, annexe art. 12).",
                )
        link = links.get(history.ref)
        if history.line == "auto" and history.crm is not None and link is not None and link.crm != history.crm:
            steps = " ; ".join(coefficient_text(step.crm) for step in link.result.steps) or "aucune échéance"
            origin = history.crm_reference
            since = (
                f"{coefficient_text(origin.crm)} au {short_date(origin.on)}"
                if origin
                else (f"{coefficient_text(link.start_crm)} au {short_date(history.start_date)}")
            )
            yield (
                f"{where}.releve.crm",
                f"Le relevé indique {coefficient_text(history.crm)}, "
                f"mais les sinistres donnent {coefficient_text(link.crm)} "
                f"par les règles de l'annexe à l'article A121-1 (depuis {since}, échéances successives : {steps}). "
                "Corrigez le coefficient ou les sinistres ; une incohérence voulue se plante dans la pièce "
                "justificative (documents[].data.crm), pas dans l'antécédent.",
            )


def _contracts(
    scenario: model.Scenario, catalogue: Catalogue, path: str, client: model.ClientSpec
) -> Iterator[Problem]:
    start = scenario.start_date
    owned: dict[str, dict[str, Any]] = {
        "vehicle": {v.ref: v for v in client.vehicles},
        "dwelling": {d.ref: d for d in client.dwellings},
        "business": {b.ref: b for b in client.businesses},
        "loan": {loan.ref: loan for loan in client.loans},
    }
    for j, contract in enumerate(client.contracts):
        where = f"{path}.contracts[{j}]"
        product, problems = _product(catalogue, contract.product, f"{where}.product")
        yield from problems
        if contract.start_date > start:
            yield (
                f"{where}.start_date",
                f"Effet le {short_date(contract.start_date)}, après la date de début : "
                "un contrat en portefeuille a déjà commencé.",
            )
        if (
            client.birth_date is not None
            and model.years_between(client.birth_date, contract.start_date) < model.MIN_SUBSCRIBER_AGE
        ):
            yield f"{where}.start_date", "Souscripteur mineur à la date d'effet."
        links = {
            "vehicle": contract.vehicle,
            "dwelling": contract.dwelling,
            "business": contract.business,
            "loan": contract.loan,
        }
        for kind, ref in links.items():
            if ref is not None and ref not in owned[kind]:
                yield f"{where}.{kind}", f"Risque inconnu « {ref} » parmi les {kind}s de ce client."
        if contract.vehicle in owned["vehicle"]:
            vehicle = owned["vehicle"][contract.vehicle]
            if contract.start_date < vehicle.first_registration:
                yield (
                    f"{where}.start_date",
                    f"Contrat avant la mise en circulation du véhicule ({short_date(vehicle.first_registration)}).",
                )
        if product is None:
            continue
        if client.kind not in product.target.client_kinds:
            yield f"{where}.product", f"{product.code} ne s'adresse pas à ce type de client ({client.kind})."
        needed = model.RISK_OF_LINE.get(product.line)
        for kind, ref in links.items():
            if ref is not None and kind != needed:
                yield f"{where}.{kind}", f"Un contrat {product.code} ne porte pas sur ce type de risque."
        if needed is not None and links[needed] is None:
            yield f"{where}.{needed}", f"Un contrat {product.code} désigne son risque ({needed}: référence)."
        yield from _choices(
            product, where, contract.formula, contract.options, contract.frequency, dict(contract.deductibles)
        )
        yield from _risk_fields(product, f"{where}.risk", dict(contract.risk), start, strict=True)
        frequency = product.frequency(contract.frequency)
        if contract.unpaid and frequency is not None and contract.start_date <= start:
            period_start, _ = model.current_period(contract.start_date, start)
            step = 12 // frequency.instalments
            past = sum(1 for n in range(frequency.instalments) if period_start + relativedelta(months=n * step) < start)
            if contract.unpaid > past:
                yield (
                    f"{where}.unpaid",
                    f"{contract.unpaid} impayé(s) demandé(s), mais seulement {past} échéance(s) de la période en cours "
                    f"(depuis le {short_date(period_start)}) sont échues à la date de début.",
                )


def _document(
    catalogue: Catalogue,
    path: str,
    document: model.DocumentSpec,
    client: model.ClientSpec,
    request: model.RequestSpec | None,
    start: date,
    *,
    sent_later: bool = False,
) -> Iterator[Problem]:
    """`sent_later`: a document the client sends in answer to a request (issued after it arrived)."""
    known = set(SPECIMEN_KINDS) | {d.code for p in catalogue.products for d in p.required_documents}
    if document.kind not in known:
        yield f"{path}.kind", f"Type de pièce inconnu « {document.kind} » ; types : {_listed(sorted(known))}."
    specimen = SPECIMEN_KINDS.get(document.kind)
    if specimen is not None:
        for key in document.data:
            if key not in specimen.keys:
                yield (
                    f"{path}.data.{key}",
                    f"Rubrique inconnue de « {specimen.title} » ; rubriques : {_listed(specimen.keys)}.",
                )
    limit = request.received_on if request is not None else start
    if document.issued_on > limit and not sent_later:
        what = "la réception de la demande" if request is not None else "la date de début"
        yield (
            f"{path}.issued_on",
            f"Pièce émise le {short_date(document.issued_on)}, après {what} ({short_date(limit)}).",
        )
    if document.valid_until is not None and document.valid_until < document.issued_on:
        yield f"{path}.valid_until", "Fin de validité avant la date d'émission."
    refs = {
        "history": {h.ref for h in client.histories},
        "vehicle": {v.ref for v in client.vehicles},
        "business": {b.ref for b in client.businesses},
        "loan": {loan.ref for loan in client.loans},
    }
    for kind, ref in (("history", document.history), ("vehicle", document.vehicle), ("business", document.business),
                      ("loan", document.loan)):  # fmt: skip
        if ref is not None and ref not in refs[kind]:
            yield f"{path}.{kind}", f"Référence inconnue « {ref} » pour ce client."


# --- requests and population ---------------------------------------------------------------------------------


def _request(
    scenario: model.Scenario, catalogue: Catalogue, index: int, request: model.RequestSpec
) -> Iterator[Problem]:
    start = scenario.start_date
    path = f"requests[{index}]"
    client = scenario.client(request.client)
    if client is None:
        yield (
            f"{path}.client",
            f"Client inconnu « {request.client} » : une demande concerne un client planté (clients[].ref).",
        )
    if request.received_on > start:
        yield (
            f"{path}.received_on",
            f"Reçue le {short_date(request.received_on)}, après la date de début : "
            "elle ne serait pas encore dans la corbeille.",
        )
    if request.effective_date is not None and request.effective_date < request.received_on:
        yield f"{path}.effective_date", "Effet souhaité avant la réception de la demande : pas de garantie rétroactive."
    product, problems = _product(catalogue, request.product, f"{path}.product")
    yield from problems
    if product is not None:
        if client is not None and client.kind not in product.target.client_kinds:
            yield f"{path}.product", f"{product.code} ne s'adresse pas à ce type de client ({client.kind})."
        yield from _choices(product, path, request.formula, request.options, request.frequency)
        yield from _risk_fields(
            product,
            f"{path}.declared",
            dict(request.declared),
            request.effective_date or request.received_on,
            strict=False,
        )
        required = {d.code for d in product.required_documents} | set(SPECIMEN_KINDS)
        for k, code in enumerate(request.expected.missing_documents):
            if code not in required:
                yield (
                    f"{path}.expected.missing_documents[{k}]",
                    f"Pièce inconnue « {code} » ; "
                    f"pièces du produit : {_listed([d.code for d in product.required_documents])}.",
                )
        for reply in request.replies:
            if reply.code not in required:
                yield (
                    f"{path}.client_replies.{reply.code}",
                    f"Pièce inconnue « {reply.code} » ; "
                    f"pièces du produit : {_listed([d.code for d in product.required_documents])}.",
                )
    if client is not None:
        owned = {
            "vehicle": {v.ref for v in client.vehicles},
            "dwelling": {d.ref for d in client.dwellings},
            "business": {b.ref for b in client.businesses},
            "loan": {loan.ref for loan in client.loans},
        }
        for kind, ref in (("vehicle", request.vehicle), ("dwelling", request.dwelling),
                          ("business", request.business), ("loan", request.loan)):  # fmt: skip
            if ref is not None and ref not in owned[kind]:
                yield f"{path}.{kind}", f"Risque inconnu « {ref} » pour ce client."
        for k, document in enumerate(request.documents):
            yield from _document(catalogue, f"{path}.documents[{k}]", document, client, request, start)
        for reply in request.replies:
            if reply.document is not None:
                where = f"{path}.client_replies.{reply.code}.document"
                if reply.document.kind != reply.code:
                    yield f"{where}.kind", f"La pièce envoyée est celle demandée : « {reply.code} » (ou omettez kind)."
                yield from _document(catalogue, where, reply.document, client, request, start, sent_later=True)
    expected = request.expected
    if (
        expected.outcome == "missing_document"
        and not expected.missing_documents
        and not any(d.anomaly for d in request.documents)
    ):
        yield (
            f"{path}.expected.missing_documents",
            "Cas « pièce manquante » : nommez la pièce manquante ou décrivez l'anomalie de la pièce (anomaly).",
        )
    if expected.outcome == "refer" and not request.experts:
        yield f"{path}.experts", "Cas « refer » : scriptez la réponse d'au moins un expert (experts)."


def _population(scenario: model.Scenario, catalogue: Catalogue) -> Iterator[Problem]:
    population = scenario.population
    if population is None:
        return
    path = "population"
    hundred = Decimal(100)

    def total(values: list[Decimal], where: str) -> Iterator[Problem]:
        if values and sum(values, Decimal(0)) != hundred:
            yield where, f"Les pourcentages font {sum(values, Decimal(0))} % au lieu de 100 %."

    if population.count:
        yield from total(list(population.segments.values()), f"{path}.segments")
    for segment, mix in population.products.items():
        kind = "company" if segment == "company" else "person"
        for code in mix:
            product, problems = _product(catalogue, code, f"{path}.products.{segment}.{code}")
            yield from problems
            if product is not None and kind not in product.target.client_kinds:
                yield f"{path}.products.{segment}.{code}", f"{code} ne s'adresse pas à ce segment ({kind})."
    for code, mix in population.formulas.items():
        product, problems = _product(catalogue, code, f"{path}.formulas.{code}")
        yield from problems
        if product is None:
            continue
        for formula in mix:
            if product.formula(formula) is None:
                yield (
                    f"{path}.formulas.{code}.{formula}",
                    f"Formule inconnue ; formules de {code} : {_listed([f.code for f in product.formulas])}.",
                )
        yield from total(list(mix.values()), f"{path}.formulas.{code}")
    used = {code for mix in population.products.values() for code in mix}
    for frequency in population.frequencies:
        lacking = [
            c for c in sorted(used) if (p := catalogue.product(c)) is not None and p.frequency(frequency) is None
        ]
        if lacking:
            yield f"{path}.frequencies.{frequency}", f"Fréquence inconnue de {', '.join(lacking)}."
    yield from total(list(population.frequencies.values()), f"{path}.frequencies")
    for j, share in enumerate(population.ages):
        if (
            share.minimum < 18
            or share.maximum > 99
            or share.minimum != int(share.minimum)
            or share.maximum != int(share.maximum)
        ):
            yield f"{path}.ages[{j}]", "Âges entiers de 18 à 99 ans."
    yield from total([s.percent for s in population.ages], f"{path}.ages")
    for j, share in enumerate(population.crm):
        if share.minimum < CRM_FLOOR or share.maximum > CRM_CAP:
            yield f"{path}.crm[{j}]", "Coefficients de 0,50 à 3,50 (A121-1)."
    yield from total([s.percent for s in population.crm], f"{path}.crm")


def check_model(scenario: model.Scenario, catalogue: Catalogue) -> list[Problem]:
    """Every cross-check problem (the pricing is checked afterwards by polyadmin.services.seeding)."""
    problems: list[Problem] = list(_pin(scenario, catalogue))
    refs = [client.ref for client in scenario.clients]
    problems.extend(_duplicates([(f"clients[{i}]", ref) for i, ref in enumerate(refs)], "clients"))
    problems.extend(_duplicates([(f"requests[{i}]", r.ref) for i, r in enumerate(scenario.requests)], "requests"))
    registrations: dict[str, str] = {}
    for i, client in enumerate(scenario.clients):
        problems.extend(_client(scenario, catalogue, i, client, set(refs)))
        for j, vehicle in enumerate(client.vehicles):
            if vehicle.registration:
                where = f"clients[{i}].vehicles[{j}].registration"
                if vehicle.registration in registrations:
                    problems.append(
                        (where, f"Immatriculation déjà utilisée par {registrations[vehicle.registration]}.")
                    )
                registrations[vehicle.registration] = where
    for i, request in enumerate(scenario.requests):
        problems.extend(_request(scenario, catalogue, i, request))
    problems.extend(_population(scenario, catalogue))
    return problems
