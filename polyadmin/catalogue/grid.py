"""Read the evaluation grid (rules/evaluation/grid.yaml): criteria and their evidence rules, checked
against the referential's competences and the journal's actions; every problem as `file: path: problem`."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from polyadmin.catalogue.builder import Problems
from polyadmin.catalogue.problems import codes_text, schema_problems
from polyadmin.domain.evaluation import Competence, Criterion, EvidenceKind, EvidenceRule, Grid
from polyadmin.journal.actions import ACTIONS, REFERENTIAL_CODES
from polyadmin.validation.french import FrenchSchema, List, String, one_of, pattern

GRID_FILE = "evaluation/grid.yaml"  # inside rules/
CRITERION_CODE = pattern(
    r"^C(1\.\d{1,2}|2A\.[1-4])-\d{1,2}$", "Code de critère : compétence puis numéro (ex. C2A.1-3)."
)
NEEDS_ACTIONS = {EvidenceKind.ANY, EvidenceKind.BEFORE_DECISION, EvidenceKind.FOLLOWED_BY}


class EvidenceSchema(FrenchSchema):
    kind = String(required=True, validate=one_of([kind.value for kind in EvidenceKind]))
    actions = List(String(), load_default=list)
    where = fields.Dict(keys=String(), values=fields.Raw(), load_default=dict)
    at_least = fields.Dict(keys=String(), values=fields.Integer(validate=validate.Range(min=1)), load_default=dict)
    then = List(String(), load_default=list)


class CriterionSchema(FrenchSchema):
    code = String(required=True, validate=CRITERION_CODE)
    label = String(required=True, validate=validate.Length(min=1, max=200))
    evidence = fields.Nested(EvidenceSchema, required=True)


class CompetenceSchema(FrenchSchema):
    code = String(required=True, validate=one_of(list(REFERENTIAL_CODES)))
    label = String(required=True, validate=validate.Length(min=1, max=200))
    criteria = List(fields.Nested(CriterionSchema), required=True, validate=validate.Length(min=1))


class GridSchema(FrenchSchema):
    competences = List(fields.Nested(CompetenceSchema), required=True, validate=validate.Length(min=1))


def build_grid(raw: Any, problems: Problems) -> Grid | None:
    """Validate the grid; None (with problems) when it cannot be used."""
    try:
        data = GridSchema().load(raw if isinstance(raw, dict) else {"_": raw})
    except ValidationError as exc:
        for path, message in schema_problems(GridSchema(), exc.messages):
            problems.add(path, message)
        return None
    seen: set[str] = set()
    competences = []
    before = len(problems.items)
    for i, item in enumerate(data["competences"]):
        criteria = []
        for j, criterion in enumerate(item["criteria"]):
            path = f"competences[{i}].criteria[{j}]"
            code = criterion["code"]
            if not code.startswith(item["code"] + "-"):
                problems.add(f"{path}.code", f"Le code doit commencer par {item['code']}-.")
            if code in seen:
                problems.add(f"{path}.code", f"Code « {code} » déjà utilisé.")
            seen.add(code)
            evidence = criterion["evidence"]
            kind = EvidenceKind(evidence["kind"])
            for key in ("actions", "then"):
                for k, action in enumerate(evidence[key]):
                    if action not in ACTIONS:
                        problems.add(
                            f"{path}.evidence.{key}[{k}]",
                            f"Action « {action} » inconnue du journal ; "
                            f"{codes_text(sorted(ACTIONS), 'actions possibles', action)}.",
                        )
            if kind in NEEDS_ACTIONS and not evidence["actions"]:
                problems.add(f"{path}.evidence.actions", "Nommez les actions qui font trace.")
            if kind is EvidenceKind.FOLLOWED_BY and not evidence["then"]:
                problems.add(f"{path}.evidence.then", "Nommez les actions qui doivent suivre.")
            rule = EvidenceRule(
                kind,
                tuple(evidence["actions"]),
                dict(evidence["where"]),
                dict(evidence["at_least"]),
                tuple(evidence["then"]),
            )
            criteria.append(Criterion(code, item["code"], criterion["label"], rule))
        competences.append(Competence(item["code"], item["label"], tuple(criteria)))
    return Grid(tuple(competences)) if len(problems.items) == before else None
