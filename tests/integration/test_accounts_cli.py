"""Issue 9: the administrator's account commands (list, unlock, disable, enable, password), journaled."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from polyadmin.cli import cli
from polyadmin.services.clock import wall_now
from polyadmin.store.models import JournalEntry, LoginThrottle, User


def run(app, *args):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)


def actions(session) -> list[str]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.execute(select(JournalEntry.action).order_by(JournalEntry.id)).scalars())


def test_list_unlock_disable_enable_and_password(app, session, world):
    now = wall_now()
    session.add(
        LoginThrottle(
            scope="account", key="candidat1", failures=10, last_failure_at=now, locked_until=now + timedelta(minutes=30)
        )
    )
    session.commit()
    listing = run(app, "users", "list").output
    assert "candidat1" in listing and "bloqué jusqu'à" in listing and "dernière connexion : jamais" in listing

    assert run(app, "users", "unlock", "candidat1").output.strip() == "Compte candidat1 débloqué."
    assert run(app, "users", "unlock", "candidat1").output.strip() == "Le compte candidat1 n'était pas bloqué."
    assert run(app, "users", "disable", "candidat2").output.strip() == "Compte candidat2 désactivé."
    assert run(app, "users", "enable", "candidat2").output.strip() == "Compte candidat2 réactivé."
    output = run(app, "users", "password", "candidat3").output
    assert output.startswith("Nouveau mot de passe de candidat3 (affiché une seule fois) : ")
    assert actions(session)[-4:] == ["user.unlock", "user.disable", "user.enable", "user.password.reset"]
    assert session.execute(select(User.active).where(User.username == "candidat2")).scalar_one() is True


def test_an_unknown_account_is_one_line_and_exit_2(app, world):
    result = app.test_cli_runner().invoke(cli, ["users", "unlock", "personne"])
    assert result.exit_code == 2
    assert result.output.strip() == "Erreur : Aucun compte nommé « personne »."
