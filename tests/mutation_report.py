"""Kill figures of the last mutmut run, per module: `python -m tests.mutation_report [-v]`.

mutmut 3 keeps each mutated module in mutants/ (every mutant as a function beside the original)
and each mutant's exit code in a `.meta` file beside it. This report adds what mutmut does not
tell: which mutants only change a message (French text shown to a person), so that the figure
that matters, the share of rule-changing mutants killed, can be read per module. `-v` lists the
surviving mutants that change a rule, with mutmut's name (see them with `mutmut show NAME`).

A mutant "only changes a message" when every difference from the original function lies in a
message: a string with a space or a non-ASCII letter (a sentence, not a key such as "true" or
"risk"), an f-string, a concatenation with one of them or a list of them; changed, set to None or
left out of a call.
"""

from __future__ import annotations

import ast
import configparser
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

MUTANTS = Path("mutants")
KILLED = {1, 3, 36, 24, -24, 152, 255}  # failed tests, pytest's internal error, timeouts


MESSAGE = "<message>"


def _is_sentence(node: ast.AST) -> bool:
    """A string with a space or a non-ASCII letter, or an f-string: text for a person to read."""
    if isinstance(node, ast.JoinedStr):
        return True
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    return not node.value.isascii() or any(char.isspace() for char in node.value)


def _is_message(node: object) -> bool:
    if isinstance(node, ast.keyword):
        return _is_message(node.value)
    return isinstance(node, ast.Constant) and node.value == MESSAGE


class _Messages(ast.NodeTransformer):
    """Every message becomes the same constant: sentences, their concatenations (`"… : " + text`)
    and lists of messages (`errors[field] = ["…"]`)."""

    def generic_visit(self, node: ast.AST) -> ast.AST:
        node = super().generic_visit(node)
        if _is_sentence(node):
            return ast.Constant(MESSAGE)
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and (_is_message(node.left) or _is_message(node.right))
        ):
            return ast.Constant(MESSAGE)
        if isinstance(node, (ast.List, ast.Tuple)) and node.elts and all(_is_message(e) for e in node.elts):
            return ast.Constant(MESSAGE)
        return node


def _differences(left: object, right: object) -> list[tuple[object, object]]:
    """The smallest differing pairs of two syntax trees (lists of unequal length count as one)."""
    if type(left) is not type(right):
        return [(left, right)]
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [(left, right)]
        return [pair for a, b in zip(left, right, strict=True) for pair in _differences(a, b)]
    if isinstance(left, ast.AST) and isinstance(right, ast.AST):
        found = []
        for name in left._fields:
            a, b = getattr(left, name, None), getattr(right, name, None)
            if isinstance(a, (ast.AST, list)):
                found += _differences(a, b)
            elif a != b:
                return [(left, right)]
        return found
    return [] if left == right else [(left, right)]


def _message_only(original: ast.FunctionDef, mutant: ast.FunctionDef) -> bool:
    """Whether the mutant differs from the original only in its messages: a message changed, set to
    None or left out of a call."""
    original_body = _Messages().visit(ast.Module(body=original.body, type_ignores=[]))
    mutant_body = _Messages().visit(ast.Module(body=mutant.body, type_ignores=[]))
    for before, after in _differences(original_body, mutant_body):
        if isinstance(before, list) and isinstance(after, list):
            removed = [node for node in before if not any(ast.dump(node) == ast.dump(kept) for kept in after)]
            if len(before) != len(after) + 1 or len(removed) != 1 or not _is_message(removed[0]):
                return False
        elif not _is_message(before):
            return False
    return True


@dataclass
class Figures:
    total: int = 0
    killed: int = 0
    survived: int = 0
    messages_killed: int = 0  # mutants that only change a message
    messages_survived: int = 0
    other: int = 0  # no tests, skipped, suspicious, not checked
    rule_survivors: list[str] = field(default_factory=list)

    @property
    def rule_kill_rate(self) -> float:
        """Killed among the checked mutants that change a rule, in percent."""
        killed_rules = self.killed - self.messages_killed
        checked_rules = killed_rules + len(self.rule_survivors)
        return 100.0 * killed_rules / checked_rules if checked_rules else 100.0


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def module_figures(source: Path) -> Figures:
    mutated = MUTANTS / source
    meta = json.loads(Path(f"{mutated}.meta").read_text(encoding="utf-8"))
    functions = _functions(ast.parse(mutated.read_text(encoding="utf-8")))
    figures = Figures()
    for key, exit_code in meta["exit_code_by_key"].items():
        name = key.rsplit(".", 1)[1]
        original = functions[name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"]
        message = _message_only(original, functions[name])
        figures.total += 1
        if exit_code in KILLED:
            figures.killed += 1
            figures.messages_killed += message
        elif exit_code == 0:
            figures.survived += 1
            figures.messages_survived += message
            if not message:
                figures.rule_survivors.append(key)
        else:
            figures.other += 1
    return figures


def mutated_modules() -> list[Path]:
    parser = configparser.ConfigParser()
    parser.read("setup.cfg")
    return [Path(line) for line in parser.get("mutmut", "only_mutate").split() if line]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    print(f"{'module':<38} {'total':>6} {'killed':>7} {'survived':>9} {'of which message':>17} {'rules killed':>13}")
    for source in mutated_modules():
        if not Path(f"{MUTANTS / source}.meta").exists():
            print(f"{source!s:<38} not run")
            continue
        f = module_figures(source)
        other = f"  ({f.other} not run or without tests)" if f.other else ""
        print(
            f"{source!s:<38} {f.total:>6} {f.killed:>7} {f.survived:>9} {f.messages_survived:>17}"
            f" {f.rule_kill_rate:>12.1f}%{other}"
        )
        if verbose:
            for key in f.rule_survivors:
                print(f"    survived: {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
