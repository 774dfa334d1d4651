"""Turn validated product/tax data into domain objects, checking every cross-reference.

Each problem is reported with its path inside the file (`guarantees[2].premium[0].factors`); the loader
adds its line, column and readable path. A file the schema partly refused arrives with holes: an
unusable item is None (skipped, every other keeps its index) and its code is in `Problems.broken`, so a
reference to it is not reported as unknown a second time.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from polyadmin.catalogue.problems import ALL, closest, codes_text
from polyadmin.domain import catalogue as model
from polyadmin.domain.risk_data import read_value


class Problems:
    """Collects (path, problem) pairs for one file."""

    def __init__(self, broken: dict[str, set[str] | None] | None = None) -> None:
        self.items: list[tuple[str, str]] = []
        self.broken = broken or {}

    def add(self, path: str, problem: str) -> None:
        self.items.append((path, problem))

    def skipped(self, section: str, code: str) -> bool:
        """True when `code` names an item of `section` already refused (or the whole section is)."""
        if section not in self.broken:
            return False
        codes = self.broken[section]
        return codes is ALL or code in codes


def _measure(raw: dict[str, str] | None) -> model.Measure | None:
    return model.Measure(field=raw["field"], transform=raw["transform"]) if raw else None  # type: ignore[arg-type]


def build_taxes(data: dict[str, Any], problems: Problems) -> model.TaxSettings:
    def periods(items: list[dict[str, Any]], key: str, path: str) -> tuple[model.RatePeriod, ...]:
        result = []
        for index, item in enumerate(items):
            value = item.get(key)
            if value is None:
                problems.add(f"{path}[{index}].{key}", "Champ obligatoire.")
                continue
            result.append(model.RatePeriod(start=item["from_"], value=value))
        starts = [p.start for p in result]
        if len(set(starts)) != len(starts):
            problems.add(path, "Deux périodes commencent à la même date.")
        return tuple(result)

    categories = tuple(
        model.TaxCategory(code=code, label=item["label"], rate=item["rate"], source=item["source"])
        for code, item in data["categories"].items()
    )
    catnat = data["catnat"]
    settings = model.TaxSettings(
        categories=categories,
        catnat_property=periods(catnat["property"], "rate", "catnat.property"),
        catnat_auto=periods(catnat["auto"], "rate", "catnat.auto"),
        catnat_tax_category=catnat["tax_category"],
        catnat_source=catnat["source"],
        attentats=periods(data["attentats"]["periods"], "amount", "attentats.periods"),
        attentats_source=data["attentats"]["source"],
        fgao_rate=periods(data["fgao"]["periods"], "rate", "fgao.periods"),
        fgao_source=data["fgao"]["source"],
    )
    if settings.category(settings.catnat_tax_category) is None:
        problems.add("catnat.tax_category", f"Catégorie de taxe inconnue « {settings.catnat_tax_category} ».")
    return settings


def _check_unique(codes: list[tuple[int, str]], path: str, what: str, problems: Problems, key: str = "code") -> None:
    seen: set[str] = set()
    for index, code in codes:
        if code in seen:
            problems.add(f"{path}[{index}].{key}", f"{what} « {code} » en double.")
        seen.add(code)


def _build_fields(data: list[dict[str, Any]], problems: Problems) -> tuple[model.RiskField, ...]:
    result = []
    indexes = []
    for index, item in enumerate(data):
        if item is None:
            continue
        path = f"risk_fields[{index}]"
        indexes.append(index)
        kind = item["kind"]
        choices = tuple(model.Choice(code=c["code"], label=c["label"]) for c in item["choices"])
        if kind == "choice" and not choices:
            problems.add(f"{path}.choices", "Un champ « choice » liste ses choix.")
        if kind != "choice" and choices:
            problems.add(f"{path}.choices", "Seul un champ « choice » a des choix.")
        if kind not in ("integer", "decimal") and (item["minimum"] is not None or item["maximum"] is not None):
            problems.add(path, "minimum/maximum ne s'appliquent qu'aux nombres.")
        if kind != "date" and (item["min_years"] is not None or item["max_years"] is not None):
            problems.add(path, "min_years/max_years ne s'appliquent qu'aux dates.")
        if item["minimum"] is not None and item["maximum"] is not None and item["minimum"] > item["maximum"]:
            problems.add(f"{path}.maximum", "maximum inférieur au minimum.")
        result.append(
            model.RiskField(
                name=item["name"],
                label=item["label"],
                kind=kind,
                required=item["required"],
                default=item["default"],
                minimum=item["minimum"],
                maximum=item["maximum"],
                choices=choices,
                unit=item["unit"],
                help=item["help"],
                min_years=item["min_years"],
                max_years=item["max_years"],
            )
        )
    for index, spec in zip(indexes, result, strict=True):
        if spec.default is None:
            continue
        if spec.required:
            problems.add(f"risk_fields[{index}].default", "Un champ obligatoire n'a pas de valeur par défaut.")
            continue
        if spec.kind == "date":
            problems.add(f"risk_fields[{index}].default", "Pas de valeur par défaut pour une date.")
            continue
        try:
            read_value(spec, spec.default, date(2000, 1, 1))
        except ValueError as exc:
            problems.add(f"risk_fields[{index}].default", f"Valeur par défaut refusée par le champ : {exc}")
    _check_unique(list(zip(indexes, [f.name for f in result], strict=True)), "risk_fields", "Champ", problems, "name")
    return tuple(result)


def _measure_problems(
    measure: model.Measure, fields: dict[str, model.RiskField], path: str, problems: Problems, numeric: bool
) -> None:
    risk_field = fields.get(measure.field)
    if risk_field is None:
        if not problems.skipped("risk_fields", measure.field):
            problems.add(
                path,
                f"Champ de risque inconnu « {measure.field} » ; "
                f"{codes_text(fields, 'champs possibles', measure.field)}.",
            )
        return
    if measure.transform == "departement" and risk_field.kind != "postcode":
        problems.add(path, "La transformation « departement » s'applique à un code postal.")
    if measure.transform == "years_elapsed" and risk_field.kind != "date":
        problems.add(path, "La transformation « years_elapsed » s'applique à une date.")
    if numeric and measure.transform == "none" and risk_field.kind not in ("integer", "decimal"):
        problems.add(path, f"Le champ « {measure.field} » n'est pas un nombre.")


def _build_tables(
    data: dict[str, dict[str, Any]], fields: dict[str, model.RiskField], problems: Problems
) -> tuple[model.RatingTable, ...]:
    result = []
    for code, item in data.items():
        path = f"tables.{code}"
        kind = item["kind"]
        measure = _measure(item["input"])
        if measure is not None:
            _measure_problems(
                measure, fields, f"{path}.input", problems, numeric=kind in ("bands", "input", "per_unit")
            )
        entries = tuple((str(k), v) for k, v in (item["entries"] or {}).items())
        if kind == "lookup" and measure is not None and item["other"] is None:
            risk_field = fields.get(measure.field)
            if risk_field is not None and risk_field.kind == "choice" and measure.transform == "none":
                missing = [c.code for c in risk_field.choices if c.code not in dict(entries)]
                if missing:
                    problems.add(
                        f"{path}.entries", f"Choix sans coefficient : {', '.join(missing)} (ou indiquez other)."
                    )
            if risk_field is not None and risk_field.kind == "boolean":
                missing = [k for k in ("true", "false") if k not in dict(entries)]
                if missing:
                    problems.add(f"{path}.entries", f"Clés manquantes : {', '.join(missing)}.")
        bands = tuple(model.Band(minimum=b["min"], maximum=b["max"], value=b["value"]) for b in item["bands"] or [])
        ordered = sorted(bands, key=lambda b: b.minimum)
        for previous, following in itertools.pairwise(ordered):
            if previous.maximum is None or previous.maximum >= following.minimum:
                problems.add(f"{path}.bands", f"Tranches qui se chevauchent à partir de {following.minimum}.")
        novice = None
        if kind == "novice_surcharge":
            years = _measure(item["years_licensed"])
            assert years is not None
            _measure_problems(years, fields, f"{path}.years_licensed", problems, numeric=True)
            for key, expected in (("accompanied_driving", "boolean"), ("claim_free_years", "integer")):
                name = item[key]
                if name not in fields:
                    if not problems.skipped("risk_fields", name):
                        problems.add(
                            f"{path}.{key}",
                            f"Champ de risque inconnu « {name} » ; {codes_text(fields, 'champs possibles', name)}.",
                        )
                elif fields[name].kind != expected:
                    problems.add(f"{path}.{key}", f"Le champ « {name} » doit être de type {expected}.")
            novice = model.NoviceInputs(years, item["accompanied_driving"], item["claim_free_years"])
        result.append(
            model.RatingTable(
                code=code,
                label=item["label"],
                kind=kind,
                source=item["source"],
                measure=measure,
                entries=entries,
                other=item["other"],
                bands=tuple(ordered),
                per=item["per"],
                novice=novice,
                eco=item["eco"],
            )
        )
    return tuple(result)


def _build_guarantees(
    data: list[dict[str, Any]],
    fields: dict[str, model.RiskField],
    tables: dict[str, model.RatingTable],
    tax_categories: set[str] | None,
    problems: Problems,
) -> tuple[model.Guarantee, ...]:
    result = []
    indexes = []
    for index, item in enumerate(data):
        if item is None:
            continue
        indexes.append(index)
        path = f"guarantees[{index}]"
        components = []
        for c_index, component in enumerate(item["premium"]):
            c_path = f"{path}.premium[{c_index}]"
            for f_index, factor in enumerate(component["factors"]):
                if factor not in tables and not problems.skipped("tables", factor):
                    problems.add(
                        f"{c_path}.factors[{f_index}]",
                        f"Table inconnue « {factor} » ; {codes_text(tables, 'tables possibles', factor)}.",
                    )
            when = None
            if component["when"]:
                condition = component["when"]
                if condition["field"] not in fields and not problems.skipped("risk_fields", condition["field"]):
                    problems.add(
                        f"{c_path}.when.field",
                        f"Champ de risque inconnu « {condition['field']} » ; "
                        f"{codes_text(fields, 'champs possibles', condition['field'])}.",
                    )
                values = (condition["equals"],) if condition["in_"] is None else tuple(condition["in_"])
                when = model.Condition(field=condition["field"], values=values)
            components.append(
                model.Component(
                    label=component["label"], base=component["base"], factors=tuple(component["factors"]), when=when
                )
            )
        deductibles = tuple(
            model.Deductible(code=d["code"], label=d["label"], factor=d["factor"], amount=d["amount"])
            for d in item["deductibles"]
        )
        defaults = [d["code"] for d in item["deductibles"] if d["default"]]
        if deductibles and len(defaults) != 1:
            problems.add(f"{path}.deductibles", "Exactement une franchise doit porter default: true.")
        _check_unique(list(enumerate(d.code for d in deductibles)), f"{path}.deductibles", "Franchise", problems)
        tax = item["tax"]
        if tax_categories is not None and tax["category"] not in tax_categories:
            problems.add(
                f"{path}.tax.category",
                f"Catégorie de taxe inconnue « {tax['category']} » ; "
                f"{codes_text(sorted(tax_categories), 'catégories possibles', tax['category'])}.",
            )
        result.append(
            model.Guarantee(
                code=item["code"],
                name=item["name"],
                description=item["description"],
                status=item["status"],
                tax=model.TaxProfile(tax["category"], tax["catnat"], tax["fgao"], tax["property_cover"]),
                components=tuple(components),
                limits=tuple(model.Limit(label=x["label"], amount=x["amount"], text=x["text"]) for x in item["limits"]),
                deductibles=deductibles,
                default_deductible=defaults[0] if len(defaults) == 1 else None,
                exclusions=tuple(item["exclusions"]),
                waiting_period_days=item["waiting_period_days"],
                eco=item["eco"],
                legal_basis=item["legal_basis"],
            )
        )
    _check_unique(list(zip(indexes, [g.code for g in result], strict=True)), "guarantees", "Garantie", problems)
    return tuple(result)


_STATUS_TEXT = {"mandatory": "obligatoire (status: mandatory)", "optional": "optionnelle (status: optional)"}


def build_product(data: dict[str, Any], tax_categories: set[str] | None, problems: Problems) -> model.Product:
    fields = _build_fields(data["risk_fields"], problems)
    by_name = {f.name: f for f in fields}
    tables = _build_tables(data["tables"], by_name, problems)
    by_code = {t.code: t for t in tables}
    guarantees = _build_guarantees(data["guarantees"], by_name, by_code, tax_categories, problems)
    status = {g.code: g.status for g in guarantees}
    modifiers = tuple(
        model.Modifier(
            code=m["code"],
            name=m["name"],
            description=m["description"],
            factor=m["factor"],
            applies_to=tuple(m["applies_to"]),
            eco=m["eco"],
        )
        for m in data["modifiers"]
        if m is not None
    )
    modifier_indexes = [index for index, m in enumerate(data["modifiers"]) if m is not None]
    for index, modifier in zip(modifier_indexes, modifiers, strict=True):
        for t_index, target in enumerate(modifier.applies_to):
            if target not in status and not problems.skipped("guarantees", target):
                problems.add(
                    f"modifiers[{index}].applies_to[{t_index}]",
                    f"Garantie inconnue « {target} » ; {codes_text(status, 'garanties possibles', target)}.",
                )
    modifier_codes = {m.code for m in modifiers}
    clash = modifier_codes & set(status)
    if clash:
        problems.add(
            "modifiers",
            f"Codes utilisés à la fois par une garantie et une option tarifaire : {', '.join(sorted(clash))}.",
        )
    formulas = []
    listed: set[str] = set()
    formula_indexes = []
    for index, item in enumerate(data["formulas"]):
        if item is None:
            continue
        formula_indexes.append(index)
        path = f"formulas[{index}]"
        for g_index, code in enumerate(item["guarantees"]):
            if code not in status:
                typo = closest(code, status)
                if typo is not None:  # the guarantee it misspells is not « offered by no formula » as well
                    listed.add(typo)
                if not problems.skipped("guarantees", code):
                    problems.add(
                        f"{path}.guarantees[{g_index}]",
                        f"Garantie inconnue « {code} » ; {codes_text(status, 'garanties possibles', code)}.",
                    )
            elif status[code] != "formula":
                problems.add(
                    f"{path}.guarantees[{g_index}]",
                    f"« {code} » est une garantie {_STATUS_TEXT[status[code]]} : seules les garanties de formule "
                    "(status: formula) sont listées ici.",
                )
            listed.add(code)
        for o_index, code in enumerate(item["options"]):
            if code in status:
                if status[code] != "optional":
                    problems.add(f"{path}.options[{o_index}]", f"« {code} » n'est pas une garantie optionnelle.")
                listed.add(code)
            elif code not in modifier_codes and not (
                problems.skipped("guarantees", code) or problems.skipped("modifiers", code)
            ):
                optional = [g for g, kind in status.items() if kind == "optional"] + sorted(modifier_codes)
                problems.add(
                    f"{path}.options[{o_index}]",
                    f"Option inconnue « {code} » ; {codes_text(optional, 'options possibles', code)}.",
                )
        formulas.append(
            model.Formula(
                code=item["code"],
                name=item["name"],
                description=item["description"],
                guarantees=tuple(item["guarantees"]),
                options=tuple(item["options"]),
            )
        )
    _check_unique(list(zip(formula_indexes, [f.code for f in formulas], strict=True)), "formulas", "Formule", problems)
    places = {item["code"]: index for index, item in enumerate(data["guarantees"]) if item is not None}
    for code, kind in status.items():
        if kind != "mandatory" and code not in listed and "formulas" not in problems.broken:
            problems.add(f"guarantees[{places[code]}]", f"La garantie « {code} » n'est proposée par aucune formule.")
    frequencies = tuple(
        model.Frequency(
            code=f["code"], label=f["label"], instalments=f["instalments"], surcharge_percent=f["surcharge_percent"]
        )
        for f in data["payment_frequencies"]
        if f is not None
    )
    _check_unique(
        [(i, f["code"]) for i, f in enumerate(data["payment_frequencies"]) if f is not None],
        "payment_frequencies",
        "Fréquence",
        problems,
    )
    fees = tuple(
        model.Fee(code=f["code"], label=f["label"], amount=f["amount"], tax_category=f["tax_category"])
        for f in data["fees"]
        if f is not None
    )
    fee_indexes = [index for index, f in enumerate(data["fees"]) if f is not None]
    for index, fee in zip(fee_indexes, fees, strict=True):
        if tax_categories is not None and fee.tax_category not in tax_categories:
            problems.add(
                f"fees[{index}].tax_category",
                f"Catégorie de taxe inconnue « {fee.tax_category} » ; "
                f"{codes_text(sorted(tax_categories), 'catégories possibles', fee.tax_category)}.",
            )
    discounts = tuple(
        model.DiscountBand(d["min"], d["max"], d["percent"]) for d in data["multi_product_discount"] if d is not None
    )
    ordered = sorted(discounts, key=lambda d: d.minimum)
    for previous, following in itertools.pairwise(ordered):
        if previous.maximum is None or previous.maximum >= following.minimum:
            problems.add("multi_product_discount", f"Tranches qui se chevauchent à partir de {following.minimum}.")
    ipid = data["ipid"]
    return model.Product(
        code=data["code"],
        name=data["name"],
        line=data["line"],
        version=data["version"],
        effective_date=data["effective_date"],
        summary=data["summary"],
        target=model.Target(tuple(data["target"]["client_kinds"]), data["target"]["description"]),
        referential=tuple(data["referential"]),
        risk_fields=fields,
        tables=tables,
        guarantees=guarantees,
        formulas=tuple(formulas),
        modifiers=modifiers,
        frequencies=frequencies,
        fees=fees,
        multi_product_discount=tuple(ordered),
        required_documents=tuple(
            model.RequiredDocument(d["code"], d["label"], d["when"])
            for d in data["required_documents"]
            if d is not None
        ),
        general_exclusions=tuple(data["general_exclusions"]),
        eco_features=tuple(
            model.EcoFeature(e["label"], e["description"]) for e in data["eco_features"] if e is not None
        ),
        ipid=model.Ipid(
            insurer=ipid["insurer"],
            product_type=ipid["product_type"],
            covered=tuple(ipid["covered"]),
            not_covered=tuple(ipid["not_covered"]),
            restrictions=tuple(ipid["restrictions"]),
            territory=ipid["territory"],
            obligations=tuple(ipid["obligations"]),
            payment=ipid["payment"],
            term=ipid["term"],
            cancellation=ipid["cancellation"],
        ),
        endorsements=model.EndorsementSettings(**data["endorsements"])
        if data.get("endorsements")
        else model.EndorsementSettings(),
    )
