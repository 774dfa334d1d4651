"""Trainers' authoring pages: the loaded catalogue versions and what changed between two of them, the
preview of a scenario (nothing written), the upload of a product, rules or scenario file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from polyadmin.catalogue import CatalogueInvalid
from polyadmin.context import db_session
from polyadmin.domain.catalogue_versions import AREAS
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.roles import Permission, allowed
from polyadmin.scenarios import ScenarioInvalid
from polyadmin.services import catalogue as catalogue_service
from polyadmin.services import previews, seeding, uploads
from polyadmin.web.auth import current_actor
from polyadmin.web.blueprint import bp
from polyadmin.web.forms import error_summary

SEED_MAX = 2**31 - 1
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


# --- scenario preview ------------------------------------------------------------------------------


def _author() -> Any:
    """Previews and uploads: the trainers and administrators who load the catalogue."""
    actor = current_actor()
    if not allowed(actor, Permission.LOAD_CATALOGUE):
        abort(403)
    return actor


def _scenario_path(name: str) -> Path:
    path = seeding.scenario_file(Path(current_app.config["SCENARIOS_PATH"]), name)
    if path is None:
        raise NotFound("Scénario introuvable.")
    return path


def _preview_seed(errors: dict[str, list[str]]) -> int | None:
    raw = request.args.get("seed", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > SEED_MAX:
        errors["seed"] = ["Graine : un entier de 0 à 2 147 483 647."]
        return None
    return int(raw)


@bp.route("/scenarios/apercu")
@login_required
def scenario_preview() -> Any:
    """Choose a scenario of the scenarios folder (and a seed): its portfolio and its planted cases, seen by
    the candidate then by the evaluator, with the current catalogue; nothing is written."""
    actor = _author()
    scenarios = {
        item.path.stem: f"{item.title} ({item.path.name})"
        for item in seeding.list_scenarios(Path(current_app.config["SCENARIOS_PATH"]))
    }
    values = {"scenario": request.args.get("scenario", ""), "seed": request.args.get("seed", "")}
    errors: dict[str, list[str]] = {}
    seed = _preview_seed(errors)
    preview = None
    problems: list[str] = []
    status = 200
    if values["scenario"] and not errors:
        if values["scenario"] not in scenarios:
            errors["scenario"] = ["Choisissez un scénario de la liste."]
        else:
            try:
                preview = previews.preview_scenario(db_session(), actor, _scenario_path(values["scenario"]), None, seed)
            except ScenarioInvalid as invalid:
                problems = [str(problem) for problem in invalid.problems]
                status = 422
    if errors:
        status = 422
    return (
        render_template(
            "authoring/preview.html",
            scenarios=scenarios,
            values=values,
            errors=errors,
            summary=error_summary(errors, {"scenario": "Scénario", "seed": "Graine"}),
            preview=preview,
            problems=problems,
            seed=seed,
        ),
        status,
    )


@bp.route("/scenarios/apercu/<name>/pieces/<int:index>")
@login_required
def scenario_preview_document(name: str, index: int) -> Any:
    """A planted case's supporting document, the PDF the candidate will receive."""
    actor = _author()
    errors: dict[str, list[str]] = {}
    seed = _preview_seed(errors)
    if errors:
        raise InvalidInput(errors)
    try:
        filename, pdf = previews.preview_document(db_session(), actor, _scenario_path(name), index, None, seed)
    except ScenarioInvalid:
        raise NotFound("Scénario invalide : ouvrez son aperçu pour voir ses erreurs.") from None
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


# --- upload ----------------------------------------------------------------------------------------

UPLOAD_LABELS = {"kind": "Type du fichier", "file": "Fichier", "_schema": "Fichier"}


def _uploaded() -> tuple[str, str, str]:
    """(kind, file name, text) from the form: the file sent, or the text kept by the check page."""
    kind = request.form.get("kind", "")
    sent = request.files.get("file")
    if sent is not None and sent.filename:
        try:
            text = sent.read().decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput({"file": ["Le fichier doit être du texte UTF-8 (YAML)."]}) from None
        return kind, Path(sent.filename).name, text
    return kind, request.form.get("filename", ""), request.form.get("content", "")


@bp.route("/catalogues/envoi", methods=["GET", "POST"])
@login_required
def authoring_upload() -> Any:
    """Send a product, rules or scenario file: every problem the check finds (line, column, place), then
    load it (products, rules) or save it into the scenarios folder (scenarios)."""
    actor = _author()
    values = {"kind": request.form.get("kind", "product"), "filename": "", "content": ""}
    errors: dict[str, list[str]] = {}
    checked = None
    status = 200
    if request.method == "POST":
        products = Path(current_app.config["CATALOGUE_PATH"])
        scenarios = Path(current_app.config["SCENARIOS_PATH"])
        try:
            kind, filename, text = _uploaded()
            values.update(kind=kind, filename=filename, content=text)
            action = request.form.get("action")
            if action == "load":
                outcome = uploads.load_upload(db_session(), actor, kind, filename, text, products)
                flash(_loaded_message(outcome), "success")
                return redirect(url_for("web.catalogue_versions"))
            if action == "save":
                replace = request.form.get("replace") == "oui"
                saved = uploads.save_scenario(db_session(), actor, filename, text, products, scenarios, replace)
                flash(_saved_message(saved, filename), "success")
                return redirect(url_for("web.authoring_upload"))
            checked = uploads.check_upload(db_session(), actor, kind, filename, text, products, scenarios)
            status = 200 if checked.valid else 422
        except CatalogueInvalid as invalid:
            checked = uploads.UploadCheck(invalid.problems, [])
            status = 422
        except ScenarioInvalid as invalid:
            checked = uploads.UploadCheck(invalid.problems, [])
            status = 422
        except (InvalidInput, Conflict) as refused:
            errors = refused.field_errors or {"_schema": [refused.message]}
            status = refused.status
            if isinstance(refused, Conflict) and request.form.get("action") == "save":
                checked = uploads.UploadCheck([], [], "different")
    return (
        render_template(
            "authoring/upload.html",
            values=values,
            errors=errors,
            summary=error_summary(errors, UPLOAD_LABELS),
            kinds=uploads.KINDS,
            checked=checked,
        ),
        status,
    )


def _loaded_message(outcome: Any) -> str:
    if outcome.created:
        return _("Nouvelle version du catalogue chargée : %(hash)s.", hash=outcome.snapshot.short_hash)
    if outcome.reinstated:
        return _("Version %(hash)s déjà chargée : de nouveau courante.", hash=outcome.snapshot.short_hash)
    return _("Catalogue déjà chargé (aucun changement) : %(hash)s.", hash=outcome.snapshot.short_hash)


def _saved_message(saved: uploads.SavedScenario, filename: str) -> str:
    if saved.unchanged:
        return _("Le scénario %(file)s est déjà enregistré, identique : rien n'a changé.", file=filename)
    if saved.replaced:
        return _("Scénario %(file)s remplacé : il est proposé à la création d'une session.", file=filename)
    return _("Scénario %(file)s enregistré : il est proposé à la création d'une session.", file=filename)
