"""YAML reading where numbers stay exact: `1.80` becomes Decimal("1.80"), never a binary float."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from polyadmin.validation.yaml_french import FrenchYAMLError


class ExactLoader(yaml.SafeLoader):
    """SafeLoader whose floats are built from their literal text, and where an impossible date
    (2026-02-30) stays text: the schema then names it at its place, with every other problem."""


class ExactNumberError(FrenchYAMLError):
    """A number YAML reads but that is not exact (.inf, .nan)."""


def _exact_float(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ExactNumberError(None, None, f"nombre non exact « {text} » (ni .inf ni .nan)", node.start_mark) from None
    if not value.is_finite():
        raise ExactNumberError(None, None, f"nombre non fini « {text} »", node.start_mark)
    return value


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2026-02-30: a date shape the calendar refuses; the schema reports it
        return str(node.value)


ExactLoader.add_constructor("tag:yaml.org,2002:float", _exact_float)
ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)

Part = str | int
Mark = tuple[int, int]  # (line, column), both 1-based


@dataclass
class Located:
    """A YAML file read with the place of every value: `marks[("guarantees", 12, "code")]` is the line
    and column where that value's key (or list item) starts; `duplicates` lists the keys written twice
    in one mapping (YAML keeps the last silently)."""

    data: Any
    marks: dict[tuple[Part, ...], Mark] = field(default_factory=dict)
    duplicates: list[tuple[tuple[Part, ...], Mark]] = field(default_factory=list)

    def mark(self, parts: tuple[Part, ...]) -> Mark | None:
        """The place of `parts`, or of its nearest ancestor the file has (a missing key: its object)."""
        for end in range(len(parts), -1, -1):
            found = self.marks.get(parts[:end])
            if found is not None:
                return found
        return None


def read_located(text: str) -> Located:
    """The YAML text read exactly (numbers from their text), keeping the line and column of every value
    (PyYAML's composed nodes)."""
    loader = ExactLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        located = Located(data)
        if node is not None:
            _walk(loader, node, (), located)
    finally:
        loader.dispose()
    return located


def _walk(loader: ExactLoader, node: yaml.Node, parts: tuple[Part, ...], located: Located) -> None:
    located.marks.setdefault(parts, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = str(to_document(loader.construct_object(key_node)))
            place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                located.duplicates.append(((*parts, key), place))
            seen.add(key)
            located.marks[(*parts, key)] = place
            _walk(loader, value_node, (*parts, key), located)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, (*parts, index), located)


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
