"""Read rules/*.yaml (acceptance rules, document requirements, delegation) into domain objects.

A rules file belongs to one product of the catalogue; it is checked against that product (formulas,
options, guarantees, required documents) and against the facts the engine knows
(`domain.underwriting_facts.FACTS`). Every problem is reported, as `file: path: problem`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import ValidationError, fields, validate

from polyadmin.catalogue.builder import Problems
from polyadmin.catalogue.problems import codes_text, schema_problems
from polyadmin.domain import acceptance as model
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.scoring import ScoreLevel, ScoreModel, ScoreTerm
from polyadmin.domain.underwriting_facts import FACTS, Fact
from polyadmin.validation.french import (
    Boolean,
    FrenchSchema,
    Integer,
    List,
    String,
    one_of,
    pattern,
)

RULE_CODE = pattern(r"^[A-Z][A-Z0-9-]{2,39}$", "Code de règle : majuscules, chiffres et - (ex. AUTO-CRM-TR).")
OUTCOMES = [outcome.value for outcome in model.Outcome if outcome is not model.Outcome.ACCEPT]
EXPERTS = [expert.value for expert in model.ExpertRole]
CONDITION_KINDS = [kind.value for kind in model.SpecialConditionKind]
BASES = ("reglementaire", "interne")
STAGES = ("analyse", "emission")
COMBINATORS = ("all", "any", "none")


class _Reported(Exception):
    """A value was refused and its problem recorded: the caller drops the item."""


class ConditionSchema(FrenchSchema):
    kind = String(required=True, validate=one_of(CONDITION_KINDS))
    label = String(required=True, validate=validate.Length(min=1, max=200))
    guarantee = String(load_default=None)
    deductible = String(load_default=None)
    option = String(load_default=None)
    percent = fields.Raw(load_default=None)
    amount = fields.Raw(load_default=None)


class RuleSchema(FrenchSchema):
    code = String(required=True, validate=RULE_CODE)
    label = String(required=True, validate=validate.Length(min=1, max=160))
    when = fields.Raw(load_default=None)
    outcome = String(required=True, validate=one_of(OUTCOMES))
    blocking = Boolean(required=True)
    basis = String(required=True, validate=one_of(list(BASES)))
    expert = String(load_default=None, validate=one_of(EXPERTS))
    conditions = List(fields.Nested(ConditionSchema), load_default=list)
    documents = List(String(), load_default=list)
    message = String(required=True, validate=validate.Length(min=1))
    reference = String(required=True, validate=validate.Length(min=1))


class DocumentSchema(FrenchSchema):
    code = String(required=True)
    when = fields.Raw(load_default=None)
    max_age_months = Integer(load_default=None, validate=validate.Range(min=1, max=36))
    stage = String(load_default="analyse", validate=one_of(list(STAGES)))


class DelegationSchema(FrenchSchema):
    fact = String(required=True)
    label = String(required=True, validate=validate.Length(min=1, max=200))
    expert = String(required=True, validate=one_of(EXPERTS))
    maximum = fields.Raw(load_default=None)
    values = List(String(), load_default=list)


class ScoreTermSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1, max=160))
    weight = fields.Raw(required=True)
    when = fields.Raw(load_default=None)
    fact = String(load_default=None)
    cap = fields.Raw(load_default=None)


class ScoreLevelSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1, max=60))
    maximum = fields.Raw(load_default=None)


class ScoreSchema(FrenchSchema):
    label = String(required=True, validate=validate.Length(min=1, max=160))
    intercept = fields.Raw(required=True)
    terms = List(fields.Nested(ScoreTermSchema), required=True)
    levels = List(fields.Nested(ScoreLevelSchema), required=True, validate=validate.Length(min=1))


class RulesFileSchema(FrenchSchema):
    product = String(required=True)
    processing_days = Integer(load_default=5, validate=validate.Range(min=1, max=60))
    score = fields.Nested(ScoreSchema, load_default=None)
    documents = List(fields.Nested(DocumentSchema), load_default=list)
    delegation = List(fields.Nested(DelegationSchema), load_default=list)
    rules = List(fields.Nested(RuleSchema), load_default=list)


def build_rules(
    raw: Any, catalogue: Catalogue, problems: Problems, taken: dict[str, str] | None = None
) -> model.ProductRules | None:
    """Validate one rules file against the catalogue; None (with problems) when it cannot be used."""
    try:
        data = RulesFileSchema().load(raw if isinstance(raw, dict) else {"_": raw})
    except ValidationError as exc:
        for path, message in schema_problems(RulesFileSchema(), exc.messages):
            problems.add(path, message)
        # Go on with what did read, so one run reports the reference problems too.
        partial = exc.valid_data if isinstance(exc.valid_data, dict) else {}
        if "product" not in partial:
            return None
        data = {"documents": [], "delegation": [], "rules": [], "score": None, "processing_days": 5, **partial}
        # An item that cannot be built stays as None, so the others keep their index (and their line).
        data["rules"] = [item if _complete(item, RuleSchema) else None for item in data["rules"]]
        data["documents"] = [item if _complete(item, DocumentSchema) else None for item in data["documents"]]
        data["delegation"] = [item if _complete(item, DelegationSchema) else None for item in data["delegation"]]
        if data["score"] is not None and not _complete(data["score"], ScoreSchema):
            data["score"] = None
    product = catalogue.product(data["product"])
    if product is None:
        problems.add(
            "product",
            f"Produit « {data['product']} » absent du catalogue ; "
            f"{codes_text(catalogue.codes(), 'produits possibles', data['product'])}.",
        )
        return None
    builder = _Builder(product, problems)
    codes: set[str] = set()
    rules = []
    for index, item in enumerate(data["rules"]):
        if item is None:
            continue
        path = f"rules[{index}]"
        if item["code"] in codes or (taken is not None and item["code"] in taken):
            problems.add(f"{path}.code", f"Code de règle « {item['code']} » déjà utilisé.")
        codes.add(item["code"])
        rule = builder.rule(item, path)
        if rule is not None:
            rules.append(rule)
    documents = [builder.document(item, f"documents[{i}]") for i, item in enumerate(data["documents"]) if item]
    delegation = [builder.delegation(item, f"delegation[{i}]") for i, item in enumerate(data["delegation"]) if item]
    seen_documents = [d.code for d in documents if d is not None]
    for code in {c for c in seen_documents if seen_documents.count(c) > 1}:
        problems.add("documents", f"Pièce « {code} » exigée deux fois.")
    score = builder.score(data["score"], "score") if data["score"] is not None else None
    return model.ProductRules(
        product=product.code,
        rules=tuple(rules),
        documents=tuple(d for d in documents if d is not None),
        delegation=tuple(d for d in delegation if d is not None),
        score=score,
        processing_days=data["processing_days"],
    )


def _complete(item: Any, schema: type[FrenchSchema]) -> bool:
    """An item of a partly valid file that can still be built: its required fields read; an optional field
    that did not read (already reported) takes its default, so the rest of the item is still checked."""
    if not isinstance(item, dict):
        return False
    for name, declared in schema().fields.items():
        if name in item:
            continue
        if declared.required:
            return False
        default = declared.load_default
        item[name] = default() if callable(default) else default
    return True


class _Builder:
    def __init__(self, product: Product, problems: Problems) -> None:
        self.product = product
        self.problems = problems
        self.document_codes = tuple(document.code for document in product.required_documents)

    def rule(self, item: dict[str, Any], path: str) -> model.AcceptanceRule | None:
        when = self.predicate(item["when"], f"{path}.when")
        outcome = model.Outcome(item["outcome"])
        expert = model.ExpertRole(item["expert"]) if item["expert"] else None
        if outcome is model.Outcome.REFER and expert is None:
            self.problems.add(f"{path}.expert", "Une règle de transmission nomme l'expert à consulter.")
        conditions = tuple(
            c for i, raw in enumerate(item["conditions"]) if (c := self.condition(raw, f"{path}.conditions[{i}]"))
        )
        if outcome is model.Outcome.ACCEPT_CONDITIONS and not item["conditions"]:
            self.problems.add(f"{path}.conditions", "Une acceptation sous conditions énumère ses conditions.")
        if outcome is not model.Outcome.ACCEPT_CONDITIONS and item["conditions"]:
            self.problems.add(f"{path}.conditions", "Seule une acceptation sous conditions porte des conditions.")
        for index, code in enumerate(item["documents"]):
            self.known_document(code, f"{path}.documents[{index}]")
        if outcome is model.Outcome.MISSING_DOCUMENT and not item["documents"]:
            self.problems.add(f"{path}.documents", "Une règle de pièces à réclamer nomme les pièces.")
        if when is None:
            return None
        return model.AcceptanceRule(
            code=item["code"],
            label=item["label"],
            when=when,
            outcome=outcome,
            message=item["message"],
            reference=item["reference"],
            blocking=item["blocking"],
            basis=item["basis"],
            expert=expert,
            conditions=conditions,
            documents=tuple(item["documents"]),
        )

    def condition(self, raw: dict[str, Any], path: str) -> model.SpecialCondition | None:
        kind = model.SpecialConditionKind(raw["kind"])
        ok = True
        guarantee = self.product.guarantee(raw["guarantee"]) if raw["guarantee"] is not None else None
        if raw["guarantee"] is not None and guarantee is None:
            self.problems.add(
                f"{path}.guarantee",
                f"Garantie « {raw['guarantee']} » inconnue du produit ; "
                f"{codes_text((g.code for g in self.product.guarantees), 'garanties possibles', raw['guarantee'])}.",
            )
            ok = False
        if raw["deductible"] is not None:
            if guarantee is None or guarantee.deductible(raw["deductible"]) is None:
                known = (
                    codes_text((d.code for d in guarantee.deductibles), "franchises possibles", raw["deductible"])
                    if guarantee
                    else "nommez aussi la garantie (guarantee)"
                )
                self.problems.add(f"{path}.deductible", f"Franchise « {raw['deductible']} » inconnue ; {known}.")
                ok = False
        elif kind is model.SpecialConditionKind.DEDUCTIBLE:
            self.problems.add(f"{path}.deductible", "Nommez la franchise imposée (garantie et code).")
            ok = False
        if raw["option"] is not None and self.product.guarantee(raw["option"]) is None:
            self.problems.add(
                f"{path}.option",
                f"Option « {raw['option']} » inconnue du produit ; "
                f"{codes_text((g.code for g in self.product.guarantees), 'garanties possibles', raw['option'])}.",
            )
            ok = False
        if kind is model.SpecialConditionKind.OPTION_REMOVED and raw["option"] is None:
            self.problems.add(f"{path}.option", "Nommez l'option retirée.")
            ok = False
        try:
            percent = self.number(raw["percent"], f"{path}.percent")
            amount = self.number(raw["amount"], f"{path}.amount")
        except _Reported:
            return None
        if not ok:
            return None
        return model.SpecialCondition(
            kind=kind,
            label=raw["label"],
            guarantee=raw["guarantee"],
            deductible=raw["deductible"],
            option=raw["option"],
            percent=percent,
            amount=amount,
        )

    def document(self, item: dict[str, Any], path: str) -> model.DocumentRequirement | None:
        known = self.known_document(item["code"], f"{path}.code")
        when = self.predicate(item["when"], f"{path}.when")
        if not known or when is None:
            return None
        return model.DocumentRequirement(
            code=item["code"], when=when, max_age_months=item["max_age_months"], stage=item["stage"]
        )

    def delegation(self, item: dict[str, Any], path: str) -> model.DelegationLimit | None:
        fact = FACTS.get(item["fact"])
        if fact is None:
            self.problems.add(f"{path}.fact", f"Donnée « {item['fact']} » inconnue ; {_fact_names(item['fact'])}.")
            return None
        try:
            maximum = self.number(item["maximum"], f"{path}.maximum")
        except _Reported:
            return None
        if (maximum is None) == (not item["values"]):
            self.problems.add(path, "Une limite de délégation a soit un maximum, soit une liste de valeurs.")
            return None
        if maximum is not None and fact.kind not in ("integer", "decimal"):
            self.problems.add(f"{path}.maximum", f"« {fact.name} » n'est pas un nombre : utilisez values.")
            return None
        return model.DelegationLimit(
            fact=fact.name,
            label=item["label"],
            expert=model.ExpertRole(item["expert"]),
            maximum=maximum,
            values=tuple(item["values"]),
        )

    def score(self, raw: dict[str, Any], path: str) -> ScoreModel | None:
        try:
            intercept = self.signed(raw["intercept"], f"{path}.intercept")
        except _Reported:
            intercept = None
        terms = []
        for index, item in enumerate(raw["terms"]):
            term = self.score_term(item, f"{path}.terms[{index}]")
            if term is not None:
                terms.append(term)
        levels = []
        for index, item in enumerate(raw["levels"]):
            try:
                maximum = self.number(item["maximum"], f"{path}.levels[{index}].maximum")
            except _Reported:
                continue
            if maximum is not None and maximum > 1:
                self.problems.add(f"{path}.levels[{index}].maximum", "Une probabilité est comprise entre 0 et 1.")
            levels.append(ScoreLevel(item["label"], maximum))
        if levels and levels[-1].maximum is not None:
            self.problems.add(f"{path}.levels", "Le dernier niveau n'a pas de maximum (il couvre le reste).")
        bounds = [level.maximum for level in levels if level.maximum is not None]
        if bounds != sorted(bounds):
            self.problems.add(f"{path}.levels", "Les maximums des niveaux vont croissant.")
        if intercept is None or len(terms) != len(raw["terms"]) or len(levels) != len(raw["levels"]):
            return None
        return ScoreModel(raw["label"], intercept, tuple(terms), tuple(levels))

    def score_term(self, item: dict[str, Any], path: str) -> ScoreTerm | None:
        try:
            weight = self.signed(item["weight"], f"{path}.weight")
            cap = self.number(item["cap"], f"{path}.cap")
        except _Reported:
            return None
        if (item["fact"] is None) == (item["when"] is None):
            self.problems.add(path, "Un terme a soit une condition (when), soit une donnée numérique (fact).")
            return None
        if item["fact"] is not None:
            fact = FACTS.get(item["fact"])
            if fact is None or fact.kind not in ("integer", "decimal"):
                self.problems.add(f"{path}.fact", f"Donnée numérique attendue ; {_numeric_facts()}.")
                return None
            return ScoreTerm(item["label"], weight, fact=fact.name, cap=cap)
        when = self.predicate(item["when"], f"{path}.when")
        return None if when is None else ScoreTerm(item["label"], weight, when=when)

    def signed(self, raw: Any, path: str) -> Decimal:
        """A coefficient (possibly negative), written as an exact number."""
        if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
            self.problems.add(path, 'Nombre exact attendu (ex. -0.25 ou "0.40").')
            raise _Reported
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            self.problems.add(path, 'Nombre exact attendu (ex. -0.25 ou "0.40").')
            raise _Reported from None
        if not value.is_finite() or abs(value) > 20:
            self.problems.add(path, "Coefficient entre -20 et 20 attendu.")
            raise _Reported
        return value

    def known_document(self, code: str, path: str) -> bool:
        if code in self.document_codes:
            return True
        self.problems.add(
            path,
            f"Pièce « {code} » absente des pièces du produit (required_documents) ; "
            f"{codes_text(self.document_codes, 'pièces possibles', code)}.",
        )
        return False

    def number(self, raw: Any, path: str) -> Decimal | None:
        """A Decimal, None when absent; _Reported once the problem is recorded."""
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
            self.problems.add(path, 'Nombre exact attendu (ex. 1.25 ou "1.25").')
            raise _Reported
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            self.problems.add(path, 'Nombre exact attendu (ex. 1.25 ou "1.25").')
            raise _Reported from None
        if not value.is_finite() or value < 0:
            self.problems.add(path, "Nombre positif ou nul attendu.")
            raise _Reported
        return value

    # --- predicates -------------------------------------------------------------------------------

    def predicate(self, raw: Any, path: str) -> model.Predicate | None:
        if raw is None:
            return model.Always()
        if not isinstance(raw, dict):
            self.problems.add(path, "Condition attendue : {fact: …, opérateur: valeur} ou all/any/none: [...].")
            return None
        combinators = [key for key in raw if key in COMBINATORS]
        if combinators:
            if len(raw) != 1:
                self.problems.add(path, "Un groupe all/any/none est seul dans sa condition.")
                return None
            key = combinators[0]
            items = raw[key]
            if not isinstance(items, list) or not items:
                self.problems.add(f"{path}.{key}", "Liste de conditions non vide attendue.")
                return None
            built = [self.predicate(item, f"{path}.{key}[{index}]") for index, item in enumerate(items)]
            if any(item is None for item in built):
                return None
            parts = tuple(item for item in built if item is not None)
            return model.AllOf(parts) if key == "all" else model.AnyOf(parts) if key == "any" else model.NoneOf(parts)
        return self.test(raw, path)

    def test(self, raw: dict[str, Any], path: str) -> model.FactTest | None:
        name = raw.get("fact")
        operators = [key for key in raw if key != "fact"]
        if not isinstance(name, str):
            self.problems.add(f"{path}.fact", "Nom de donnée attendu.")
            return None
        fact = FACTS.get(name)
        if fact is None:
            self.problems.add(f"{path}.fact", f"Donnée « {name} » inconnue ; {_fact_names(name)}.")
            return None
        if len(operators) != 1 or operators[0] not in model.COMPARISONS:
            self.problems.add(
                path,
                f"Un seul opérateur parmi {', '.join(model.COMPARISONS)} "
                f"(trouvés : {', '.join(operators) or 'aucun'}).",
            )
            return None
        op = operators[0]
        value = self.operand(fact, op, raw[op], f"{path}.{op}")
        if value is None:
            return None
        return model.FactTest(fact=name, op=op, value=value)

    def operand(self, fact: Fact, op: str, raw: Any, path: str) -> Any:
        allowed = _OPERATORS_BY_KIND[fact.kind]
        if op not in allowed:
            self.problems.add(
                path,
                f"Opérateur « {op} » impossible sur « {fact.name} » ; "
                f"{codes_text(allowed, 'opérateurs possibles', op)}.",
            )
            return None
        if op in ("in", "not_in"):
            if not isinstance(raw, list) or not raw:
                self.problems.add(path, "Liste de valeurs non vide attendue.")
                return None
            values = [self.scalar(fact, item, f"{path}[{index}]") for index, item in enumerate(raw)]
            return None if any(v is None for v in values) else tuple(values)
        if op == "contains":
            return self.known_code(fact, raw, path)
        return self.scalar(fact, raw, path)

    def scalar(self, fact: Fact, raw: Any, path: str) -> Any:
        kind = fact.kind
        if kind == "boolean":
            if isinstance(raw, bool):
                return raw
            self.problems.add(path, "true ou false attendu.")
            return None
        if kind == "integer":
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            self.problems.add(path, "Nombre entier attendu.")
            return None
        if kind == "decimal":
            try:
                return self.number(raw, path)
            except _Reported:
                return None
        if kind == "date":
            try:
                return date.fromisoformat(str(raw))
            except ValueError:
                self.problems.add(path, "Date AAAA-MM-JJ attendue.")
                return None
        return self.known_code(fact, raw, path)

    def known_code(self, fact: Fact, raw: Any, path: str) -> str | None:
        if not isinstance(raw, str) or not raw:
            self.problems.add(path, "Code attendu (texte).")
            return None
        known = self.codes_of(fact.name)
        if known is not None and raw not in known:
            self.problems.add(path, f"« {raw} » inconnu pour « {fact.name} » ; {codes_text(sorted(known), near=raw)}.")
            return None
        return raw

    def codes_of(self, name: str) -> set[str] | None:
        """The values a text fact can take in this product, where the catalogue knows them."""
        if name == "formula":
            return {formula.code for formula in self.product.formulas}
        if name == "options":
            return {g.code for g in self.product.guarantees if g.status == "optional"} | {
                m.code for m in self.product.modifiers
            }
        if name == "frequency":
            return {frequency.code for frequency in self.product.frequencies}
        field = self.product.risk_field(name)
        if field is not None and field.choices:
            return set(field.choice_codes())
        return None


_OPERATORS_BY_KIND = {
    "integer": ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in"),
    "decimal": ("eq", "ne", "lt", "le", "gt", "ge"),
    "date": ("eq", "ne", "lt", "le", "gt", "ge"),
    "boolean": ("is",),
    "text": ("eq", "ne", "in", "not_in"),
    "list": ("contains",),
}


def _fact_names(near: str) -> str:
    return codes_text(sorted(FACTS), "données possibles", near)


def _numeric_facts() -> str:
    return codes_text(
        sorted(name for name, fact in FACTS.items() if fact.kind in ("integer", "decimal")), "données possibles"
    )
