"""The French web back office: pages for trainers, evaluators, candidates and administrators.

One package per area (auth, sessions, clients, inbox, catalogue, documents, journal, tools, accounts), each with
its `routes.py` (the pages, on the one `web` blueprint), and where it has them its `forms.py` and
`labels.py`; templates in `templates/<area>/`. See docs/architecture.md for the map.
"""

from __future__ import annotations

from flask import Flask, request

from polyadmin.web.auth import init_login
from polyadmin.web.blueprint import bp
from polyadmin.web.errors import init_errors
from polyadmin.web.filters import register_filters
from polyadmin.web.nav import navigation_context

# Importing the page modules attaches their routes to the blueprint.
from polyadmin.web.auth import routes as _auth_pages  # noqa: F401  isort: skip
from polyadmin.web.sessions import routes as _session_pages  # noqa: F401  isort: skip
from polyadmin.web.inbox import routes as _inbox_pages  # noqa: F401  isort: skip
from polyadmin.web.inbox import actions as _inbox_actions  # noqa: F401  isort: skip
from polyadmin.web.clients import routes as _client_pages  # noqa: F401  isort: skip
from polyadmin.web.catalogue import routes as _catalogue_pages  # noqa: F401  isort: skip
from polyadmin.web.documents import routes as _document_pages  # noqa: F401  isort: skip
from polyadmin.web.journal import routes as _journal_pages  # noqa: F401  isort: skip
from polyadmin.web.tools import routes as _tool_pages  # noqa: F401  isort: skip
from polyadmin.web.accounts import routes as _account_pages  # noqa: F401  isort: skip
from polyadmin.web.evaluation import routes as _evaluation_pages  # noqa: F401  isort: skip
from polyadmin.web.replay import routes as _replay_pages  # noqa: F401  isort: skip
from polyadmin.web.authoring import routes as _authoring_pages  # noqa: F401  isort: skip
from polyadmin.web.offers import routes as _offer_pages  # noqa: F401  isort: skip
from polyadmin.web.contracts import routes as _contract_pages  # noqa: F401  isort: skip
from polyadmin.web.payments import routes as _payment_pages  # noqa: F401  isort: skip


def init_web(app: Flask) -> None:
    """Everything the web pages need: blueprint, sign-in, filters, error pages, template context."""
    app.register_blueprint(bp)
    init_errors(app)
    init_login(app)
    register_filters(app)
    app.context_processor(navigation_context)

    @app.context_processor
    def _language() -> dict[str, object]:
        from flask_babel import get_locale

        return {"current_lang": str(get_locale() or "fr"), "request_path": request.path}
