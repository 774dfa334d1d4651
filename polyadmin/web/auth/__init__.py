"""The sign-in area: who is signed in (users.py) and the sign-in pages (routes.py)."""

from polyadmin.web.auth.users import WebUser, current_actor, init_login, safe_next

__all__ = ["WebUser", "current_actor", "init_login", "safe_next"]
