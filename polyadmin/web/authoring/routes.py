"""Trainers' authoring pages: the loaded catalogue versions, what changed between two of them."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.context import db_session
from polyadmin.domain.catalogue_versions import AREAS
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.roles import Permission, allowed
from polyadmin.services import catalogue as catalogue_service
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary

DIFF_FIELD_LABELS = {"before": "Version de départ", "after": "Version d'arrivée"}
CHANGE_KINDS = {"ajout": "Ajout", "suppression": "Suppression", "modification": "Modification"}


def _trainer() -> Any:
    actor = current_actor()
    if not allowed(actor, Permission.LIST_CATALOGUES):
        abort(403)
    return actor


@bp.route("/catalogues")
@login_required
def catalogue_versions() -> Any:
    """The loaded catalogue versions, the current one marked, and the form comparing two of them."""
    actor = _trainer()
    session = db_session()
    snapshots = catalogue_service.list_snapshots(session, actor)
    current = catalogue_service.latest_snapshot(session)
    values = {"before": request.args.get("before", ""), "after": request.args.get("after", "")}
    errors: dict[str, list[str]] = {}
    diff = None
    status = 200
    if values["before"] or values["after"]:
        try:
            diff = catalogue_service.diff_snapshots(session, actor, values["before"], values["after"])
        except InvalidInput as exc:
            errors, status = exc.field_errors, 422
        else:
            diff_groups: dict[str, list[Any]] = {}
            for change in diff.changes:
                diff_groups.setdefault(change.area, []).append(change)
    return (
        render_template(
            "authoring/versions.html",
            snapshots=snapshots,
            current=current,
            values=values,
            errors=errors,
            summary=error_summary(errors, DIFF_FIELD_LABELS),
            diff=diff,
            groups=diff_groups if diff is not None else {},
            areas=AREAS,
            kinds=CHANGE_KINDS,
            choices={item.content_hash: f"{item.short_hash} ({_versions(item)})" for item in snapshots},
            versions={item.content_hash: _versions(item) for item in snapshots},
            page_title=_("Versions du catalogue"),
        ),
        status,
    )


def _versions(snapshot: Any) -> str:
    return ", ".join(f"{code} {version}" for code, version in snapshot.product_versions.items())
