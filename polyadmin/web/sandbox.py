"""The one loader of sandbox pages: every page under /sandboxes/<id>/ starts with `sandbox_page`."""

from __future__ import annotations

from flask import abort, g
from flask_babel import gettext as _

from polyadmin.context import db_session
from polyadmin.domain.roles import Permission, SandboxAccess, allowed
from polyadmin.services import sandboxes
from polyadmin.store.models import Sandbox
from polyadmin.web.auth import current_actor


def sandbox_page(sandbox_id: int, work: bool = False) -> tuple[Sandbox, SandboxAccess]:
    """The sandbox of the page and the signed-in user's access to it, shown to the layout.

    404 when the user may not see the sandbox (its existence is not leaked); with `work=True`, 403
    unless the user may act in it (its candidate), for pages that change something. The layout
    reads `g.sandbox`, `g.can_work` and `g.can_move_clock` (buttons shown only to who may use them).
    """
    actor = current_actor()
    box, access = sandboxes.get_sandbox(db_session(), actor, sandbox_id)
    g.sandbox = box
    g.can_work = allowed(actor, Permission.WORK_IN_SANDBOX, access)
    g.can_move_clock = allowed(actor, Permission.MOVE_CLOCK, access)
    g.can_read_evaluation = allowed(actor, Permission.READ_EVALUATION, access)
    if work and not g.can_work:
        abort(403, description=_("Seul le candidat de ce bac à sable peut effectuer cette action."))
    return box, access
