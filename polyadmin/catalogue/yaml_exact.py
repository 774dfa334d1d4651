"""YAML reading where numbers stay exact: `1.80` becomes Decimal("1.80"), never a binary float."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml


class ExactLoader(yaml.SafeLoader):
    """SafeLoader whose floats are built from their literal text."""


def _exact_float(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise yaml.constructor.ConstructorError(
            None, None, f"nombre non exact « {text} » (ni .inf ni .nan)", node.start_mark
        ) from None
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(None, None, f"nombre non fini « {text} »", node.start_mark)
    return value


ExactLoader.add_constructor("tag:yaml.org,2002:float", _exact_float)


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=ExactLoader)  # noqa: S506 — ExactLoader is a SafeLoader


def yaml_problem(exc: Exception) -> str:
    """A YAML error as trainers read it: line, column and the problem."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"YAML illisible, ligne {mark.line + 1}, colonne {mark.column + 1} : {exc.problem}"
    return f"YAML illisible : {exc}"


def to_document(value: Any) -> Any:
    """Plain JSON-able data: Decimal → its exact text, dates → ISO text; keys as text."""
    if isinstance(value, dict):
        return {str(key): to_document(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_document(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):  # pragma: no cover — ExactLoader never yields one
        raise TypeError("float in a catalogue document")
    return value
