"""PyYAML's errors (in English) as trainers read them: in French, with the line and column.

Every reader of a file trainers edit (products, rules, scenarios, the letters' wording) reports its syntax
errors through `yaml_problem_parts`.
"""

from __future__ import annotations

import re

import yaml


class FrenchYAMLError(yaml.constructor.ConstructorError):
    """A YAML error raised by our own constructors, whose message is already French."""


# PyYAML's problems (English) as trainers read them; the first pattern that matches wins.
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (
        r"found character '\\t' that cannot start any token|tab character",
        "tabulation interdite : indentez avec des espaces",
    ),
    (
        r"mapping values are not allowed here",
        "deux-points inattendu : une valeur qui contient « : » s'écrit entre guillemets, ou l'indentation est décalée",
    ),
    (r"could not find expected ':'", "deux-points attendu après la clé (clé: valeur)"),
    (r"found unexpected end of stream", "fin du fichier inattendue : un guillemet n'est pas refermé"),
    (r"found unknown escape character", "caractère d'échappement inconnu dans un texte entre guillemets doubles"),
    (r"expected ',' or '\]'", "virgule ou crochet fermant « ] » attendu : la liste entre crochets n'est pas refermée"),
    (
        r"expected ',' or '\}'",
        "virgule ou accolade fermante « } » attendue : l'objet entre accolades n'est pas refermé",
    ),
    (
        r"expected <block end>",
        "indentation incohérente : cette ligne n'est alignée ni sur la clé précédente ni sur son parent",
    ),
    (r"block sequence entries are not allowed here", "tiret « - » inattendu : vérifiez l'indentation de la liste"),
    (r"cannot start any token", "caractère interdit en début de valeur : mettez la valeur entre guillemets"),
    (
        r"expected a comment or a line break|did not find expected comment or line break",
        "fin de ligne attendue : mettez toute la valeur entre guillemets",
    ),
    (r"found undefined alias", "alias « * » inconnu : mettez la valeur entre guillemets"),
    (r"expected alphabetic or numeric character", "« & » ou « * » mal placé : mettez la valeur entre guillemets"),
    (r"could not determine a constructor", "étiquette « ! » inconnue : mettez la valeur entre guillemets"),
    (r"found unhashable key", "clé impossible : une liste ou un objet ne peut pas servir de clé"),
    (r"but found another document", "un seul document par fichier (retirez la ligne « --- » en trop)"),
    (r"expected '<document start>'", "contenu inattendu après la fin du document"),
)


def yaml_problem_parts(exc: Exception) -> tuple[int | None, int | None, str]:
    """(line, column, French message) of a YAML or encoding error: the problem's place goes with it
    (FileProblem's line and column), the message says what is wrong."""
    if isinstance(exc, UnicodeDecodeError):
        return None, None, "YAML illisible : le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8)."
    if not isinstance(exc, yaml.MarkedYAMLError):
        return None, None, "YAML illisible : syntaxe invalide."
    mark = exc.problem_mark or exc.context_mark
    problem = str(exc.problem or "")
    if isinstance(exc, FrenchYAMLError):
        text = problem
    else:
        text = next((french for english, french in _YAML_PROBLEMS if re.search(english, problem)), "syntaxe invalide")
        opened = exc.context_mark
        if opened is not None and exc.problem_mark is not None and "quoted" in str(exc.context):
            text += f" (ouvert ligne {opened.line + 1})"
    if mark is None:
        return None, None, f"YAML illisible : {text}."
    return mark.line + 1, mark.column + 1, f"YAML illisible : {text}."
