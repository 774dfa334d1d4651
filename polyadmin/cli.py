"""The `polyadmin` command: Flask's commands plus the platform's own."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from polyadmin.app import create_app
from polyadmin.context import db_session
from polyadmin.domain.errors import DomainError
from polyadmin.domain.roles import Actor, Role
from polyadmin.services import demo as demo_service
from polyadmin.services import journal as journal_service
from polyadmin.services import users as user_service
from polyadmin.store import migrations


def _fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _report_domain_error(exc: DomainError) -> None:
    lines = [f"Erreur : {exc.message}"]
    for field, messages in exc.field_errors.items():
        lines.extend(f"  {field} : {message}" for message in messages)
    _fail("\n".join(lines), 2)


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=True)
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
    outcome = demo_service.ensure_demo(db_session(), passwords)
    if outcome.created_users or not credentials_file.exists():
        credentials_file.parent.mkdir(parents=True, exist_ok=True)
        credentials_file.write_text(json.dumps(passwords, indent=2))
        credentials_file.chmod(0o600)
    state = "créée" if outcome.created_session else "déjà présente"
    click.echo(f"Session de démonstration {state} (n° {outcome.exam_session_id}).")
    click.echo("Comptes de démonstration (mots de passe gardés dans instance/demo-logins.json) :")
    for username, role, _name in demo_service.DEMO_USERS:
        click.echo(f"  {role.label:<15} {username:<12} {passwords[username]}")


@cli.group()
def journal() -> None:
    """Journal des actions : vérification et archivage."""


@journal.command("verify")
@click.argument("sandbox_id", type=int)
@with_appcontext
def journal_verify(sandbox_id: int) -> None:
    """Vérifie l'intégrité du journal d'un bac à sable (code de sortie 0 si intact)."""
    try:
        verdict = journal_service.verify_sandbox_journal(db_session(), Actor.system(), sandbox_id)
    except DomainError as exc:
        _report_domain_error(exc)
        return
    click.echo(f"Journal du bac à sable {sandbox_id} : {verdict.describe()}")
    if not verdict.intact:
        sys.exit(1)


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
    """Exporte le journal d'un bac à sable pour archivage."""
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = journal_service.export_sandbox_journal(db_session(), Actor.system(), sandbox_id, fmt, handle)
            click.echo(f"{count} entrée(s) exportée(s) dans {output}.", err=True)
        else:
            journal_service.export_sandbox_journal(db_session(), Actor.system(), sandbox_id, fmt, sys.stdout)
    except DomainError as exc:
        _report_domain_error(exc)


def main() -> None:
    cli(prog_name="polyadmin")
