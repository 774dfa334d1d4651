"""Domain exceptions: precise, so the edges can turn them into French messages and 4xx codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    """One problem of a data file (products, rules, scenarios): where it is and what is wrong.

    `path` is the technical path (`guarantees[12].premium[0].factors[0]`, 0-based, as the code finds it);
    `line`/`column` (1-based) point into the file when its text is known; `where` is the same place as a
    person reads it (« garantie n° 13 `appareils_nomades`, composante de prime n° 1, facteur n° 1 »).
    Printed as « fichier:ligne:colonne — chemin — message »."""

    file: str
    path: str
    problem: str
    line: int | None = None
    column: int | None = None
    where: str = ""

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        parts = [place, self.where or self.path, self.problem]
        return " — ".join(part for part in parts if part)


class DomainError(Exception):
    """Base class of every refusal the business rules can produce."""

    status = 422

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class InvalidInput(DomainError):
    """Input rejected field by field (messages in French)."""

    def __init__(self, field_errors: dict[str, list[str]], message: str = "Données invalides.") -> None:
        super().__init__(message, field_errors=field_errors)


class NotFound(DomainError):
    """The record does not exist *for this actor* (existence is never leaked)."""

    status = 404

    def __init__(self, message: str = "Ressource introuvable.") -> None:
        super().__init__(message)


class Forbidden(DomainError):
    """The actor can see the record but may not perform the action on it."""

    status = 403

    def __init__(self, message: str = "Action non autorisée pour votre rôle.") -> None:
        super().__init__(message)


class Conflict(DomainError):
    """The action contradicts the current state (e.g. an outdated version)."""

    status = 409


class ClockMovedBackwards(DomainError):
    """A sandbox clock only moves forward (the evaluation replays in date order)."""

    def __init__(self, current: str, requested: str) -> None:
        if requested == current:
            detail = f"La simulation est déjà au {current} : choisissez une date postérieure."
        else:
            detail = f"La date demandée ({requested}) précède la date de la simulation ({current})."
        super().__init__("La date de la simulation ne peut qu'avancer.", field_errors={"date": [detail]})
