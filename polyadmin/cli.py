"""The `polyadmin` command: Flask's commands plus the platform's own."""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from polyadmin.app import create_app
from polyadmin.catalogue import CatalogueInvalid
from polyadmin.catalogue.loader import rules_directory_for
from polyadmin.config import ConfigurationError, data_folder, data_folder_location
from polyadmin.context import db_session
from polyadmin.domain.canonical import readable_json
from polyadmin.domain.catalogue_versions import AREAS as CATALOGUE_AREAS
from polyadmin.domain.errors import DomainError, NotFound
from polyadmin.domain.french import coefficient_text, short_date
from polyadmin.domain.roles import Actor, Role
from polyadmin.journal.archive import read_export, verify_export
from polyadmin.journal.checkpoints import CheckpointFileInvalid, load_checkpoints
from polyadmin.journal.keys import JournalKeyMissing, active_keyring
from polyadmin.journal.seals import read_seal_file
from polyadmin.journal.writer import PLATFORM_STREAM, sandbox_stream
from polyadmin.scenarios import ScenarioInvalid
from polyadmin.services import accounts as account_service
from polyadmin.services import catalogue as catalogue_service
from polyadmin.services import demo as demo_service
from polyadmin.services import exam_sessions as exam_session_service
from polyadmin.services import journal as journal_service
from polyadmin.services import previews as preview_service
from polyadmin.services import replay as replay_service
from polyadmin.services import seeding as seeding_service
from polyadmin.services import users as user_service
from polyadmin.store import migrations
from polyadmin.store.models import CatalogueSnapshot


def _fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _report_domain_error(exc: DomainError) -> None:
    lines = [f"Erreur : {exc.message}"]
    for field, messages in exc.field_errors.items():
        lines.extend(f"  {field} : {message}" for message in messages)
    _fail("\n".join(lines), 2)


def _report_invalid_catalogue(exc: CatalogueInvalid) -> None:
    """Every problem, one per line as « fichier:ligne:colonne — chemin — message », then the count; exit 2."""
    lines = [str(problem) for problem in exc.problems]
    lines.append(f"Catalogue invalide : {len(exc.problems)} erreur(s).")
    _fail("\n".join(lines), 2)


def _report_invalid_scenario(exc: ScenarioInvalid) -> None:
    """Every problem, one per line as « fichier:ligne:colonne — chemin — message », then the count; exit 2."""
    lines = [str(problem) for problem in exc.problems]
    lines.append(f"Scénario invalide : {len(exc.problems)} erreur(s).")
    _fail("\n".join(lines), 2)


class PolyadminGroup(FlaskGroup):
    """Flask's group, where a configuration error is one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigurationError as exc:
            _fail(f"Configuration : {exc}", 2)
        except OperationalError as exc:  # the server does not answer, the SQLite folder does not exist…
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "connexion impossible"
            _fail(f"Base de données inaccessible (POLYADMIN_DATABASE_URL) : {reason}", 2)

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except ConfigurationError as exc:  # Flask would print a traceback, then list the built-in commands
            click.echo(f"Configuration : {exc}", err=True)
            return sorted(click.Group.list_commands(self, ctx))
        return super().list_commands(ctx)


def _loaded_app() -> Flask:
    """The application of this command line (a ConfigurationError if it cannot be built)."""
    return click.get_current_context().ensure_object(ScriptInfo).load_app()


def _configured_folder(key: str, kind: str) -> Path:
    """A data folder for a command that only reads files: the application's setting when the
    application can be built, else the environment's folder — such a command needs neither a secret
    key nor a database. ConfigurationError (naming the variable) if the folder is missing."""
    try:
        configured: Path | str = _loaded_app().config[key]
    except ConfigurationError:
        configured = data_folder_location(kind)
    return data_folder(kind, configured)


@click.group(cls=PolyadminGroup, create_app=lambda: create_app(), add_default_commands=True)
def cli() -> None:
    """polyadmin — gestion de contrats d'assurance pour l'entraînement au CQP."""


@cli.group()
def db() -> None:
    """Base de données : migrations Alembic."""


@db.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Applique les migrations jusqu'à REVISION (head par défaut)."""
    migrations.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Base à jour ({revision}).")


@db.command("current")
@with_appcontext
def db_current() -> None:
    """Affiche la révision de la base."""
    click.echo(migrations.current_revision(current_app.config["DATABASE_URL"]) or "(aucune)")


@cli.group()
def users() -> None:
    """Comptes utilisateurs."""


@users.command("add")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]), help="Rôle du compte.")
@click.option("--username", required=True, help="Identifiant de connexion.")
@click.option("--display-name", default=None, help="Nom affiché.")
@click.option("--password", default=None, help="Mot de passe (sinon demandé, ou lu sur l'entrée standard).")
@click.option("--password-stdin", is_flag=True, help="Lire le mot de passe sur l'entrée standard.")
@with_appcontext
def users_add(role: str, username: str, display_name: str | None, password: str | None, password_stdin: bool) -> None:
    """Crée un compte (formateur, évaluateur, candidat ou administrateur)."""
    if password is None:
        if password_stdin or not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    try:
        user = user_service.create_user(
            db_session(),
            Actor.system(),
            {
                "username": username,
                "role": role,
                "display_name": display_name,
                "password": password,
            },
        )
    except DomainError as exc:
        _report_domain_error(exc)
        return
    click.echo(f"Compte créé : {user.username} ({Role(user.role).label}).")


@users.command("list")
@with_appcontext
def users_list() -> None:
    """Liste les comptes : rôle, état, dernière connexion, blocage."""
    for account in account_service.list_accounts(db_session(), Actor.system()):
        state = "actif" if account.active else "désactivé"
        if account.locked_until is not None:
            state += f", bloqué jusqu'à {account.locked_until:%Y-%m-%d %H:%M} UTC"
        elif account.failures:
            state += f", {account.failures} échec(s) de connexion"
        last = f"{account.last_login_at:%Y-%m-%d %H:%M} UTC" if account.last_login_at else "jamais"
        click.echo(f"{account.username:<20} {account.role_label:<15} {state} ; dernière connexion : {last}")


def _account_command(action: str, username: str) -> None:
    """disable, enable, unlock or password, as the system (the journal says « système »)."""
    session, actor = db_session(), Actor.system()
    try:
        account = account_service.account_named(session, actor, username)
        if action == "unlock":
            done = account_service.unlock(session, actor, account.id)
            click.echo(
                f"Compte {account.username} débloqué." if done else f"Le compte {account.username} n'était pas bloqué."
            )
        elif action == "password":
            generated = account_service.reset_password(session, actor, account.id, None)
            click.echo(f"Nouveau mot de passe de {account.username} (affiché une seule fois) : {generated}")
        else:
            account_service.set_active(session, actor, account.id, action == "enable")
            click.echo(f"Compte {account.username} {'réactivé' if action == 'enable' else 'désactivé'}.")
    except DomainError as exc:
        _report_domain_error(exc)


@users.command("unlock")
@click.argument("username")
@with_appcontext
def users_unlock(username: str) -> None:
    """Débloque un compte bloqué après des échecs de connexion."""
    _account_command("unlock", username)


@users.command("disable")
@click.argument("username")
@with_appcontext
def users_disable(username: str) -> None:
    """Désactive un compte : ses sessions et ses jetons d'API prennent fin."""
    _account_command("disable", username)


@users.command("enable")
@click.argument("username")
@with_appcontext
def users_enable(username: str) -> None:
    """Réactive un compte désactivé."""
    _account_command("enable", username)


@users.command("password")
@click.argument("username")
@with_appcontext
def users_password(username: str) -> None:
    """Donne un mot de passe généré à un compte (affiché une fois) ; ses sessions prennent fin."""
    _account_command("password", username)


@cli.command("demo")
@with_appcontext
def demo() -> None:
    """Crée (une seule fois) les comptes et la session d'examen de démonstration."""
    credentials_file = Path(current_app.instance_path) / "demo-logins.json"
    passwords: dict[str, str] = {}
    if credentials_file.exists():
        passwords = json.loads(credentials_file.read_text())
    for username, _role, _name in demo_service.DEMO_USERS:
        passwords.setdefault(username, secrets.token_urlsafe(9))
    try:
        outcome = demo_service.ensure_demo(
            db_session(),
            passwords,
            Path(current_app.config["CATALOGUE_PATH"]),
            Path(current_app.config["SCENARIOS_PATH"]),
        )
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    except ScenarioInvalid as exc:
        _report_invalid_scenario(exc)
        return
    if outcome.created_users or not credentials_file.exists():
        credentials_file.parent.mkdir(parents=True, exist_ok=True)
        credentials_file.write_text(json.dumps(passwords, indent=2))
        credentials_file.chmod(0o600)
    catalogue_state = "chargé" if outcome.created_catalogue else "déjà chargé"
    click.echo(f"Catalogue {outcome.catalogue.short_hash} {catalogue_state} ({_versions(outcome.catalogue)}).")
    state = "créée" if outcome.created_session else "déjà présente"
    click.echo(f"Session de démonstration {state} (n° {outcome.exam_session_id}).")
    if outcome.created_session and outcome.scenario != seeding_service.EMPTY_SCENARIO:
        click.echo(f"Portefeuille ensemencé avec le scénario {outcome.scenario}.")
    if outcome.scenario_problems:
        click.echo(
            f"Scénario demo inapplicable à ce catalogue ({len(outcome.scenario_problems)} erreur(s), "
            "« polyadmin scenario check » les détaille) : portefeuille vide.",
            err=True,
        )
    click.echo("Comptes de démonstration (mots de passe gardés dans instance/demo-logins.json) :")
    for username, role, _name in demo_service.DEMO_USERS:
        click.echo(f"  {role.label:<15} {username:<12} {passwords[username]}")


@cli.group()
def journal() -> None:
    """Journal des actions : vérification et archivage."""


VERIFY_USAGE = (
    "Usage : polyadmin journal verify SANDBOX_ID | --platform | --seal FICHIER | --export FICHIER "
    "[--checkpoints FICHIER] (voir « polyadmin journal verify --help »)."
)


def _unverifiable(message: str) -> None:
    """Exit 2, one line: the journal could not be checked (never mistaken for « intact »)."""
    _fail(f"Vérification impossible : {message}", 2)


@journal.command("verify")
@click.argument("sandbox", required=False)
@click.option("--platform", is_flag=True, help="Vérifie le journal de la plateforme (comptes, sessions, jetons).")
@click.option("--seal", "seal_path", default=None, help="Fichier de scellés (journal seal) : compare à ses têtes.")
@click.option(
    "--checkpoints", "checkpoints_path", default=None, help="Fichier de points de contrôle ou export JSON Lines."
)
@click.option(
    "--export", "export_path", default=None, help="Vérifie un export JSON Lines archivé, sans la base de données."
)
@with_appcontext
def journal_verify(
    sandbox: str | None, platform: bool, seal_path: str | None, checkpoints_path: str | None, export_path: str | None
) -> None:
    """Vérifie l'intégrité d'un journal : code de sortie 0 intact, 1 altéré (entrée nommée), 2 vérification
    impossible (clé absente, base verrouillée, arguments invalides).

    Sans SANDBOX_ID ni --platform, --seal vérifie chacun des journaux scellés dans le fichier ; --export
    vérifie un export archivé (avec --seal : jusqu'à la tête scellée)."""
    try:
        if export_path is not None:
            _verify_export(export_path, seal_path, sandbox is not None or platform or checkpoints_path is not None)
            return
        _journal_verify(sandbox, platform, seal_path, checkpoints_path)
    except DomainError as exc:
        _unverifiable(exc.message)
    except (JournalKeyMissing, CheckpointFileInvalid) as exc:
        _unverifiable(str(exc))
    except SQLAlchemyError as exc:
        cause = str(getattr(exc, "orig", None) or exc).splitlines() or [type(exc).__name__]
        _unverifiable(f"base de données inaccessible ({cause[0]}).")


def _journal_verify(sandbox: str | None, platform: bool, seal_path: str | None, checkpoints_path: str | None) -> None:
    if sandbox is not None and not sandbox.isdigit():
        _fail(f"Vérification impossible : « {sandbox} » n'est pas un numéro de bac à sable. {VERIFY_USAGE}", 2)
    if (sandbox is not None) + platform + (seal_path is not None and sandbox is None and not platform) != 1:
        _fail(f"Vérification impossible : {VERIFY_USAGE}", 2)
    keyring = active_keyring()
    seal = read_seal_file(Path(seal_path), keyring) if seal_path else None
    kept = load_checkpoints(Path(checkpoints_path)) if checkpoints_path else {}
    session, actor = db_session(), Actor.system()
    if seal is not None and sandbox is None and not platform:
        verdicts = journal_service.verify_sealed_streams(session, actor, seal)
        for stream, verdict in verdicts:
            click.echo(f"Journal {_stream_label(stream)} : {verdict.describe()}")
        click.echo(f"{len(verdicts)} journal(aux) scellé(s) le {seal.sealed_at} vérifié(s).")
        if not all(verdict.intact for _stream, verdict in verdicts):
            sys.exit(1)
        return
    stream = PLATFORM_STREAM if platform else sandbox_stream(int(str(sandbox)))
    checkpoint = (seal.checkpoint(stream) if seal else None) or kept.get(stream)
    if seal is not None and checkpoint is None:
        _fail(f"Vérification impossible : {_stream_label(stream)} n'est pas dans le fichier de scellés {seal_path}.", 2)
    if platform:
        verdict = journal_service.verify_platform_journal(session, actor, checkpoint=checkpoint)
    else:
        verdict = journal_service.verify_sandbox_journal(session, actor, int(str(sandbox)), checkpoint=checkpoint)
    click.echo(f"Journal {_stream_label(stream)} : {verdict.describe()}")
    if not verdict.intact:
        sys.exit(1)


def _verify_export(export_path: str, seal_path: str | None, extra_arguments: bool) -> None:
    if extra_arguments:
        _fail(f"Vérification impossible : --export se combine seulement avec --seal. {VERIFY_USAGE}", 2)
    keyring = active_keyring()
    seal = read_seal_file(Path(seal_path), keyring) if seal_path else None
    try:
        with open(export_path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise CheckpointFileInvalid(f"export illisible : {export_path} ({exc.strerror})") from None
    entries, _own_checkpoint = read_export(lines)
    if not entries:
        raise CheckpointFileInvalid(f"export vide : {export_path}")
    sealed = seal.checkpoint(str(entries[0]["stream"])) if seal else None
    if seal is not None and sealed is None:
        label = _stream_label(str(entries[0]["stream"]))
        _fail(f"Vérification impossible : {label} n'est pas dans le fichier de scellés.", 2)
    stream, verdict = verify_export(lines, keyring, sealed)
    click.echo(f"Export du journal {_stream_label(stream)} : {verdict.describe()}")
    if not verdict.intact:
        sys.exit(1)


def _stream_label(stream: str) -> str:
    if stream == PLATFORM_STREAM:
        return "de la plateforme"
    return f"du bac à sable {stream.partition(':')[2]}"


@journal.command("seal")
@click.argument("exam_session_id", type=int)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Fichier de scellés à écrire (sinon la sortie standard).",
)
@with_appcontext
def journal_seal(exam_session_id: int, output: str | None) -> None:
    """Scelle les journaux d'une session d'examen : écrit la tête scellée de chaque bac à sable dans un
    petit fichier que gardent les évaluateurs (à vérifier plus tard avec « journal verify --seal »)."""
    try:
        document = journal_service.seal_exam_session(db_session(), Actor.system(), exam_session_id)
    except journal_service.JournalBroken as exc:
        _fail(f"Erreur : {exc.message}", 1)
        return
    except DomainError as exc:
        _report_domain_error(exc)
        return
    text = readable_json(document, indent=2) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{len(document['streams'])} journal(aux) scellé(s) dans {output}.", err=True)
    else:
        click.echo(text, nl=False)


@journal.command("replay-check")
@click.option(
    "--session", "exam_session_id", type=int, default=None, help="Tous les bacs à sable d'une session d'examen."
)
@click.option("--sandbox", "sandbox_id", type=int, default=None, help="Un seul bac à sable.")
@with_appcontext
def journal_replay_check(exam_session_id: int | None, sandbox_id: int | None) -> None:
    """Rejoue le journal de chaque bac à sable (état ensemencé + changements journalisés) et compare
    l'empreinte obtenue à celle des tables vivantes : une ligne par candidat, code de sortie 0 si tout
    concorde, 1 en cas de divergence (enregistrements nommés), 2 si la vérification est impossible."""
    if (exam_session_id is None) == (sandbox_id is None):
        _fail("Usage : polyadmin journal replay-check --session ID | --sandbox ID", 2)
        return
    session, actor = db_session(), Actor.system()
    try:
        if exam_session_id is not None:
            checked = replay_service.session_integrity(session, actor, exam_session_id)
        else:
            checked = [replay_service.compare_live(session, actor, int(str(sandbox_id)))]
    except DomainError as exc:
        _report_domain_error(exc)
        return
    divergent = 0
    for item in checked:
        who = f"bac à sable n° {item.sandbox.id} ({item.sandbox.candidate.username}), {item.last_seq} étape(s)"
        if item.ok:
            click.echo(f"{who} : conforme (empreinte {item.live_digest[:12]})")
            continue
        divergent += 1
        click.echo(f"{who} : DIVERGENCE (rejeu {item.replay_digest[:12]}, tables {item.live_digest[:12]})")
        for problem in item.problems:
            click.echo(f"  {problem}")
        for difference in item.differences[:20]:
            click.echo(f"  {replay_service.describe_difference(difference)}")
        if len(item.differences) > 20:
            click.echo(f"  … et {len(item.differences) - 20} autre(s) écart(s).")
    if divergent:
        _fail(f"{divergent} bac(s) à sable divergent(s) sur {len(checked)}.", 1)


@journal.command("export")
@click.argument("sandbox_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Fichier de sortie (sinon la sortie standard).",
)
@with_appcontext
def journal_export(sandbox_id: int, fmt: str, output: str | None) -> None:
    """Exporte le journal d'un bac à sable pour archivage, avec son point de contrôle (dernière ligne
    en JSON Lines ; fichier FICHIER.checkpoint.json à côté d'un CSV)."""
    export = journal_service.export_sandbox_journal_with_checkpoint
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count, checkpoint = export(db_session(), Actor.system(), sandbox_id, fmt, handle)
            click.echo(f"{count} entrée(s) exportée(s) dans {output}.", err=True)
            if fmt == "csv" and checkpoint is not None:
                beside = journal_service.write_checkpoint_beside(Path(output), checkpoint)
                click.echo(f"Point de contrôle écrit dans {beside}.", err=True)
        else:
            _count, checkpoint = export(db_session(), Actor.system(), sandbox_id, fmt, sys.stdout)
            if fmt == "csv" and checkpoint is not None:
                click.echo(f"Point de contrôle : {readable_json(checkpoint.as_dict())}", err=True)
    except DomainError as exc:
        _report_domain_error(exc)


@cli.group()
def catalogue() -> None:
    """Catalogue des produits : vérification, chargement d'une version, versions chargées."""


def _catalogue_path(path: str | None) -> Path:
    return Path(path) if path else data_folder("catalogue", current_app.config["CATALOGUE_PATH"])


def _versions(snapshot: CatalogueSnapshot) -> str:
    return ", ".join(f"{code} {version}" for code, version in snapshot.product_versions.items())


@catalogue.command("check", with_appcontext=False)  # files only: no secret key, no database
@click.argument("path", required=False, type=click.Path(file_okay=False))
def catalogue_check(path: str | None) -> None:
    """Vérifie les fichiers produits de PATH (products/ par défaut) sans rien enregistrer.

    Code de sortie 0 si le catalogue est valide, 2 sinon avec chaque erreur
    « fichier:ligne:colonne — chemin — message ».
    """
    directory = Path(path) if path else _configured_folder("CATALOGUE_PATH", "catalogue")
    try:
        loaded = catalogue_service.check_catalogue(directory)
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    click.echo(f"Catalogue valide : {directory}")
    for product in loaded.catalogue.products:
        click.echo(f"  {product.code:<12} version {product.version:<10} {product.name} ({product.source_file})")
    click.echo(f"Empreinte : {loaded.content_hash}")


@catalogue.command("load")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option(
    "--user", "username", default=None, help="Formateur ou administrateur à qui attribuer le chargement au journal."
)
@with_appcontext
def catalogue_load(path: str | None, username: str | None) -> None:
    """Enregistre le catalogue de PATH (products/ par défaut) comme nouvelle version, s'il a changé.

    Les sessions d'examen déjà ouvertes gardent leur version ; les suivantes prennent celle-ci.
    """
    directory = _catalogue_path(path)
    session = db_session()
    try:
        actor = user_service.actor_named(session, username) if username else Actor.system()
        outcome = catalogue_service.store_catalogue(session, actor, directory)
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    except DomainError as exc:
        _report_domain_error(exc)
        return
    snapshot = outcome.snapshot
    if outcome.created:
        click.echo(f"Nouveau catalogue chargé : {snapshot.content_hash}")
    elif outcome.reinstated:
        click.echo(f"Catalogue déjà chargé, de nouveau courant : {snapshot.content_hash}")
    else:
        click.echo(f"Catalogue déjà chargé (aucun changement) : {snapshot.content_hash}")
    click.echo(f"Produits : {_versions(snapshot)}")


@catalogue.command("list")
@with_appcontext
def catalogue_list() -> None:
    """Liste les versions du catalogue chargées, la plus récente d'abord."""
    snapshots = catalogue_service.list_snapshots(db_session(), Actor.system())
    if not snapshots:
        click.echo("Aucun catalogue chargé : lancez « polyadmin catalogue load ».")
        return
    current = catalogue_service.latest_snapshot(db_session())
    for snapshot in snapshots:
        loaded_at = snapshot.loaded_at.strftime("%Y-%m-%d %H:%M")
        mark = "  [courant]" if current is not None and snapshot.id == current.id else ""
        click.echo(f"{snapshot.content_hash}  {loaded_at} UTC  {_versions(snapshot)}  ({snapshot.source}){mark}")


@catalogue.command("diff")
@click.argument("before")
@click.argument("after")
@with_appcontext
def catalogue_diff(before: str, after: str) -> None:
    """Ce qui change du catalogue BEFORE au catalogue AFTER (empreintes, ou leurs 8 premiers caractères au moins) :
    versions, taux, lignes des tables, garanties, formules, règles."""
    try:
        diff = catalogue_service.diff_snapshots(db_session(), Actor.system(), before, after)
    except DomainError as exc:
        _report_domain_error(exc)
        return
    click.echo(f"Du catalogue {diff.before.short_hash} ({_versions(diff.before)})")
    click.echo(f"au catalogue {diff.after.short_hash} ({_versions(diff.after)}) :")
    if not diff.changes:
        click.echo("Aucune différence.")
        return
    area = ""
    for change in diff.changes:
        if change.area != area:
            area = change.area
            click.echo(f"{CATALOGUE_AREAS[area]} :")
        where = " ".join(part for part in (change.product, change.path) if part)
        click.echo(f"  {where} : {change.before or '(absent)'} → {change.after or '(absent)'}")


@catalogue.command("pin")
@click.argument("exam_session_id", type=int)
@click.option("--catalogue", "wanted", default=None, help="Empreinte du catalogue (par défaut le dernier chargé).")
@with_appcontext
def catalogue_pin(exam_session_id: int, wanted: str | None) -> None:
    """Associe un catalogue à une session d'examen ouverte avant tout chargement (une seule fois)."""
    try:
        exam = catalogue_service.pin_catalogue(db_session(), Actor.system(), exam_session_id, wanted)
    except DomainError as exc:
        _report_domain_error(exc)
        return
    assert exam.catalogue_snapshot is not None
    click.echo(f"Session n° {exam.id} : catalogue {exam.catalogue_snapshot.content_hash}.")


@cli.group()
def scenario() -> None:
    """Scénarios d'examen (scenarios/) : vérification, liste."""


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{COUNT_LABELS.get(table, table)} {count}" for table, count in counts.items() if count)


COUNT_LABELS = {
    "clients": "clients",
    "client_relations": "liens",
    "vehicles": "véhicules",
    "dwellings": "logements",
    "businesses": "établissements",
    "loans": "prêts",
    "insurance_histories": "antécédents",
    "contracts": "contrats",
    "instalments": "échéances",
    "claims": "sinistres",
    "interactions": "contacts",
    "subscription_requests": "demandes",
    "supporting_documents": "pièces",
    "expert_scripts": "réponses d'experts",
    "document_scripts": "réponses de clients",
}


def _current_catalogue() -> CatalogueSnapshot | None:
    try:
        return catalogue_service.latest_snapshot(db_session())
    except SQLAlchemyError:  # no database yet (not migrated): check against the files
        db_session().rollback()
        return None


@scenario.command("check", with_appcontext=False)  # with --catalogue: files only
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(file_okay=False),
    default=None,
    help="Dossier des produits à utiliser (par défaut le dernier catalogue chargé).",
)
@click.option("--seed", type=int, default=None, help="Graine du générateur (par défaut celle du scénario).")
def scenario_check(file: str, catalogue_path: str | None, seed: int | None) -> None:
    """Vérifie le scénario FILE sans rien enregistrer et résume le portefeuille qu'il produit.

    Le scénario est vérifié avec le dernier catalogue chargé (ou, s'il n'y en a pas, les fichiers
    produits de POLYADMIN_CATALOGUE_PATH), ou avec le dossier donné par --catalogue.

    Code de sortie 0 si le scénario est valide, 2 sinon avec chaque erreur « fichier:ligne:colonne — chemin — message ».
    """
    if catalogue_path is not None:  # files only: neither the application nor its database is needed
        click.echo(f"Catalogue : fichiers du dossier {catalogue_path}")
        _check_scenario(file, None, Path(catalogue_path), seed)
        return
    app = _loaded_app()
    with app.app_context():
        current = _current_catalogue()
        if current is not None:
            click.echo(f"Catalogue : {current.short_hash}, catalogue courant ({_versions(current)})")
            _check_scenario(file, db_session(), None, seed)
        else:  # nothing loaded yet: the product files
            folder = data_folder("catalogue", app.config["CATALOGUE_PATH"])
            click.echo(f"Catalogue : fichiers du dossier {folder} (aucun catalogue chargé)")
            _check_scenario(file, None, folder, seed)


def _check_scenario(file: str, session: Any, catalogue_path: Path | None, seed: int | None) -> None:
    try:
        checked = seeding_service.check_scenario(session, Path(file), catalogue_path, seed)
    except ScenarioInvalid as exc:
        _report_invalid_scenario(exc)
        return
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    except DomainError as exc:
        _report_domain_error(exc)
        return
    origin = "catalogue courant" if checked.catalogue_source == "base" else checked.catalogue_source
    click.echo(f"Scénario valide : {file}")
    click.echo(f"  code {seeding_service.scenario_code(checked.loaded)}, début {checked.start_date.isoformat()}")
    click.echo(f"  catalogue {checked.catalogue_hash[:12]} ({origin})")
    click.echo(f"  graine {checked.seed} : {_counts_line(checked.counts)}")
    click.echo(f"Empreinte du scénario : {checked.loaded.content_hash}")
    click.echo(f"Empreinte du portefeuille : {checked.digest}")


@scenario.command("preview", with_appcontext=False)  # with --catalogue: files only
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(file_okay=False),
    default=None,
    help="Dossier des produits à utiliser (par défaut le catalogue courant).",
)
@click.option("--seed", type=int, default=None, help="Graine du générateur (par défaut celle du scénario).")
@click.option(
    "--pdf",
    "pdf_folder",
    type=click.Path(file_okay=False),
    default=None,
    help="Dossier où écrire les pièces justificatives des cas plantés (PDF, telles que le candidat les reçoit).",
)
def scenario_preview(file: str, catalogue_path: str | None, seed: int | None, pdf_folder: str | None) -> None:
    """Aperçu du scénario FILE : le portefeuille résumé et chaque cas planté vu par le candidat, puis par
    l'évaluateur ; les cas dont le texte contredit les chiffres calculés (CRM) sont signalés.

    Rien n'est enregistré : l'aperçu ne compte dans aucune session. Code de sortie 0, 1 si un cas est
    signalé, 2 si le scénario est invalide.
    """
    if catalogue_path is not None:
        click.echo(f"Catalogue : fichiers du dossier {catalogue_path}")
        _preview(file, None, Path(catalogue_path), seed, pdf_folder)
        return
    app = _loaded_app()
    with app.app_context():
        current = _current_catalogue()
        if current is not None:
            click.echo(f"Catalogue : {current.short_hash}, catalogue courant ({_versions(current)})")
            _preview(file, db_session(), None, seed, pdf_folder)
        else:
            folder = data_folder("catalogue", app.config["CATALOGUE_PATH"])
            click.echo(f"Catalogue : fichiers du dossier {folder} (aucun catalogue chargé)")
            _preview(file, None, folder, seed, pdf_folder)


def _preview(file: str, session: Any, catalogue_path: Path | None, seed: int | None, pdf_folder: str | None) -> None:
    actor = Actor.system()
    try:
        preview = preview_service.preview_scenario(session, actor, Path(file), catalogue_path, seed)
    except ScenarioInvalid as exc:
        _report_invalid_scenario(exc)
        return
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    except DomainError as exc:
        _report_domain_error(exc)
        return
    click.echo(
        f"Aperçu du scénario {preview.code} « {preview.title} » : graine {preview.seed}, "
        f"début {short_date(preview.start_date)} (rien n'est enregistré)."
    )
    click.echo("Portefeuille : " + ", ".join(f"{label.lower()} {count}" for label, count in preview.summary))
    click.echo(
        "Contrats par produit : "
        + (", ".join(f"{name} {count}" for name, count in preview.contracts_by_product) or "aucun")
    )
    click.echo("CRM des antécédents auto : " + ", ".join(f"{label} {count}" for label, count in preview.crm_counts))
    click.echo(f"Cas plantés : {len(preview.cases)} ({preview.flagged} signalé(s)).")
    written: dict[int, str] = {}
    if pdf_folder is not None:
        target = Path(pdf_folder)
        target.mkdir(parents=True, exist_ok=True)
        for case in preview.cases:
            for document in case.documents:
                name, pdf = preview_service.preview_document(
                    session, actor, Path(file), document.index, catalogue_path, seed
                )
                (target / name).write_bytes(pdf)
                written[document.index] = str(target / name)
    for case in preview.cases:
        _echo_case(case, written)
    if preview.flagged:
        sys.exit(1)


def _echo_case(case: Any, written: dict[int, str]) -> None:
    click.echo("")
    click.echo(f"== {case.number} · {case.case_code} · {case.product} ==")
    click.echo("Vu par le candidat :")
    click.echo(f"  Client : {case.client_name} ({case.client_number})")
    click.echo(f"  Reçue le {short_date(case.received_on)}, canal : {case.channel}")
    for label, value in case.requested:
        click.echo(f"  {label} : {value}")
    if case.declared:
        click.echo("  Déclaré : " + " ; ".join(f"{label} : {value}" for label, value in case.declared))
    if case.message:
        click.echo(f"  Message : {case.message}")
    for document in case.documents:
        validity = f", valable jusqu'au {short_date(document.valid_until)}" if document.valid_until else ""
        where = f" → {written[document.index]}" if document.index in written else ""
        click.echo(f"  Pièce : {document.title} (émise le {short_date(document.issued_on)}{validity}){where}")
    click.echo("Vu par l'évaluateur :")
    click.echo(f"  Issue attendue : {case.expected_outcome}")
    if case.notes:
        click.echo(f"  Notes : {case.notes}")
    if case.missing_documents:
        click.echo("  Pièces manquantes attendues : " + ", ".join(case.missing_documents))
    for document in case.documents:
        if document.anomaly:
            click.echo(f"  Anomalie plantée ({document.title}) : {document.anomaly}")
    for line in case.experts:
        click.echo(f"  Expert : {line}")
    for line in case.replies:
        click.echo(f"  Réponse du client : {line}")
    if case.computed_crm is not None:
        click.echo(f"  CRM calculé : {coefficient_text(case.computed_crm)}")
    for flag in case.flags:
        click.echo(f"  ⚠ Incohérence : {flag}")


@scenario.command("list")
@with_appcontext
def scenario_list() -> None:
    """Liste les scénarios du dossier scenarios/ (POLYADMIN_SCENARIOS_PATH)."""
    directory = data_folder("scenarios", current_app.config["SCENARIOS_PATH"])
    found = seeding_service.list_scenarios(directory)
    if not found:
        click.echo(f"Aucun scénario dans {directory}.")
        return
    width = max(len(item.code) for item in found)
    for item in found:
        click.echo(f"{item.code:<{width}}  {item.title}  ({item.path.name})")


class _ProgressLine:
    """`progress(step, done, total)` for the service: a click bar on a terminal, else (pipes, CI) one
    line per table written."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.bar: Any = None
        self.shown = 0
        self.total = 0
        self.step = ""

    def __call__(self, step: str, done: int, total: int) -> None:
        if step == seeding_service.GENERATION_STEP:
            click.echo("Validation et génération du portefeuille…", err=True)
            return
        if self.interactive:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="Ensemencement", show_pos=True, file=sys.stderr)
                self.bar.__enter__()
            self.bar.label = f"Ensemencement : {COUNT_LABELS.get(step, step):<18}"
            self.bar.update(done - self.shown)
        elif step != self.step:
            self._table_done()
        self.step, self.shown, self.total = step, done, total

    def _table_done(self) -> None:
        if self.step and not self.interactive:
            label = COUNT_LABELS.get(self.step, self.step)
            click.echo(f"  {label:<18} {self.shown:>7}/{self.total} lignes", err=True)
        self.step = ""

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        self._table_done()


def _seeding_actor(username: str | None) -> Actor:
    return user_service.actor_named(db_session(), username) if username else Actor.system()


@cli.group("session")
def exam_session_group() -> None:
    """Sessions d'examen : ouverture sans le navigateur."""


def _names(value: str) -> list[str]:
    """`a,b , c` → ["a", "b", "c"] (blanks dropped)."""
    return [name.strip() for name in value.split(",") if name.strip()]


def _scenario_choice(value: str) -> tuple[str, Path]:
    """A scenario named in the scenarios folder (`examen-souscription`), or a file given by its path:
    (the name the service looks up, the folder it looks in)."""
    given = Path(value)
    if given.suffix in seeding_service.SCENARIO_SUFFIXES and given.is_file():
        return given.stem, given.parent
    return value, Path(current_app.config["SCENARIOS_PATH"])


@exam_session_group.command("create")
@click.option("--user", "username", required=True, help="Formateur qui ouvre la session (il en sera le responsable).")
@click.option("--name", required=True, help="Nom de la session.")
@click.option(
    "--scenario",
    default=seeding_service.EMPTY_SCENARIO,
    help="Scénario du dossier scenarios/ (nom ou code) ou chemin d'un fichier ; portefeuille vide par défaut.",
)
@click.option("--seed", type=int, default=None, help="Graine du générateur (par défaut celle du scénario).")
@click.option("--candidates", default="", help="Identifiants des candidats, séparés par des virgules.")
@click.option("--evaluators", default="", help="Identifiants des évaluateurs, séparés par des virgules.")
@click.option("--catalogue", "wanted", default=None, help="Empreinte du catalogue (par défaut le catalogue courant).")
@click.option("--starts-on", default=None, help="Date de début (AAAA-MM-JJ ; par défaut celle du scénario).")
@with_appcontext
def session_create(
    username: str,
    name: str,
    scenario: str,
    seed: int | None,
    candidates: str,
    evaluators: str,
    wanted: str | None,
    starts_on: str | None,
) -> None:
    """Ouvre une session d'examen : un bac à sable par candidat, ensemencé avec le scénario.

    Affiche le numéro de chaque bac à sable (celui que demandent « polyadmin seed » et « polyadmin
    sandbox reset »).
    """
    scenario_name, scenarios = _scenario_choice(scenario)
    data: dict[str, Any] = {
        "name": name,
        "scenario": scenario_name,
        "candidates": _names(candidates),
        "evaluators": _names(evaluators),
    }
    for key, value in (("seed", seed), ("catalogue", wanted), ("starts_on", starts_on)):
        if value is not None:
            data[key] = value
    progress = _ProgressLine(sys.stderr.isatty() and not os.environ.get("CI"))
    session = db_session()
    try:
        actor = user_service.actor_named(session, username)
        exam = exam_session_service.create_exam_session(session, actor, data, scenarios=scenarios, progress=progress)
    except DomainError as exc:
        progress.close()
        _report_domain_error(exc)
        return
    progress.close()
    assert exam.catalogue_snapshot is not None
    click.echo(
        f"Session n° {exam.id} « {exam.name} » ouverte : scénario {exam.scenario}, "
        f"catalogue {exam.catalogue_snapshot.short_hash}."
    )
    if not exam.sandboxes:
        click.echo("Aucun candidat : aucun bac à sable ouvert.")
    for box in exam.sandboxes:
        click.echo(f"  bac à sable {box.id} : {box.candidate.username} ({box.candidate.display_name})")


SEED_HINT = (
    "Le numéro d'un bac à sable est affiché à l'ouverture de la session (« polyadmin session create "
    "--user FORMATEUR --name NOM --candidates a,b ») et sur la page de la session."
)


@cli.command("seed")
@click.argument("sandbox_id", type=int)
@click.option(
    "--scenario", "scenario_file", required=True, type=click.Path(dir_okay=False), help="Fichier du scénario."
)
@click.option(
    "--seed", type=int, default=None, help="Graine du générateur (par défaut celle du scénario, 1 s'il n'en dit rien)."
)
@click.option("--user", "username", default=None, help="Formateur à qui attribuer l'ensemencement au journal.")
@with_appcontext
def seed(sandbox_id: int, scenario_file: str, seed: int | None, username: str | None) -> None:
    """Ensemence le bac à sable SANDBOX_ID (vide) avec le portefeuille du scénario, en une transaction."""
    try:
        actor = _seeding_actor(username)
    except DomainError as exc:
        _report_domain_error(exc)
        return
    progress = _ProgressLine(sys.stderr.isatty() and not os.environ.get("CI"))
    try:
        record = seeding_service.seed_sandbox(db_session(), actor, sandbox_id, Path(scenario_file), seed, progress)
    except ScenarioInvalid as exc:
        progress.close()
        _report_invalid_scenario(exc)
        return
    except NotFound as exc:
        progress.close()
        _fail(f"Erreur : {exc.message}\n{SEED_HINT}", 2)
        return
    except DomainError as exc:
        progress.close()
        _report_domain_error(exc)
        return
    progress.close()
    _report_seeding(f"Bac à sable {sandbox_id} ensemencé", record)


def _report_seeding(headline: str, record: Any) -> None:
    click.echo(
        f"{headline} : scénario {record.scenario_code}, graine {record.seed}, date {record.start_date.isoformat()}."
    )
    click.echo(f"  {_counts_line(record.counts)}")
    click.echo(f"Empreinte du portefeuille : {record.digest}")


@cli.group()
def sandbox() -> None:
    """Bacs à sable : réinitialisation à l'état ensemencé."""


@sandbox.command("reset")
@click.argument("sandbox_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Ne pas demander de confirmation.")
@click.option("--user", "username", default=None, help="Formateur à qui attribuer la réinitialisation au journal.")
@with_appcontext
def sandbox_reset(sandbox_id: int, yes: bool, username: str | None) -> None:
    """Remet le bac à sable SANDBOX_ID dans son état ensemencé.

    Supprime tout le portefeuille, y compris les fiches et contacts créés par le candidat, puis
    ensemence à nouveau (même scénario, même graine). Le journal est conservé.
    """
    if not yes:
        click.confirm(
            f"Le travail du candidat dans le bac à sable {sandbox_id} (fiches créées, contacts…) sera supprimé. "
            "Continuer ?",
            abort=True,
        )
    progress = _ProgressLine(sys.stderr.isatty() and not os.environ.get("CI"))
    try:
        record = seeding_service.reset_sandbox(db_session(), _seeding_actor(username), sandbox_id, progress)
    except DomainError as exc:
        progress.close()
        _report_domain_error(exc)
        return
    progress.close()
    _report_seeding(f"Bac à sable {sandbox_id} réinitialisé", record)


@cli.group()
def rules() -> None:
    """Règles d'acceptation (rules/) : vérifier les fichiers."""


@rules.command("check", with_appcontext=False)  # files only: no secret key, no database
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option(
    "--catalogue",
    "catalogue_path",
    default=None,
    type=click.Path(file_okay=False),
    help="Dossier des produits contre lesquels vérifier les règles (products/ par défaut).",
)
def rules_check(path: str | None, catalogue_path: str | None) -> None:
    """Vérifie les règles d'acceptation de PATH (rules/ à côté de products/ par défaut) contre le catalogue.

    Code de sortie 0 si elles sont valides, 2 sinon avec chaque erreur « fichier:ligne:colonne — chemin — message ».
    """
    directory = Path(catalogue_path) if catalogue_path else _configured_folder("CATALOGUE_PATH", "catalogue")
    rules_directory = Path(path) if path else rules_directory_for(directory)
    if not rules_directory.is_dir():
        _fail(f"Dossier de règles introuvable : {rules_directory}", 2)
    try:
        loaded = catalogue_service.check_catalogue(directory, rules_directory)
    except CatalogueInvalid as exc:
        _report_invalid_catalogue(exc)
        return
    click.echo(f"Règles valides : {rules_directory} (catalogue {directory})")
    for product_rules in loaded.catalogue.acceptance:
        click.echo(
            f"  {product_rules.product:<12} {len(product_rules.rules)} règle(s), "
            f"{len(product_rules.documents)} pièce(s), {len(product_rules.delegation)} limite(s) de délégation"
            + (", score d'aide à la décision" if product_rules.score else "")
        )


def main() -> None:
    try:
        cli(prog_name="polyadmin")
    except ConfigurationError as exc:  # e.g. no POLYADMIN_JOURNAL_KEY in production: one line, exit 2
        _fail(f"Configuration : {exc}", 2)
