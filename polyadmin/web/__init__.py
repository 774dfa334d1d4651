"""The French web back office: pages for trainers, evaluators, candidates and administrators."""

from __future__ import annotations

from flask import Flask, request

from polyadmin.web.auth import init_login
from polyadmin.web.blueprint import bp
from polyadmin.web.errors import init_errors
from polyadmin.web.formatting import init_filters
from polyadmin.web.nav import navigation_context

# Importing the page modules attaches their routes to the blueprint.
from polyadmin.web import sandbox as _sandbox_pages  # noqa: F401  isort: skip
from polyadmin.web import clients as _client_pages  # noqa: F401  isort: skip
from polyadmin.web import clients_inbox as _inbox_pages  # noqa: F401  isort: skip
from polyadmin.web import catalogue as _catalogue_pages  # noqa: F401  isort: skip
from polyadmin.web import sessions as _session_pages  # noqa: F401  isort: skip
from polyadmin.web import tools as _tool_pages  # noqa: F401  isort: skip
from polyadmin.web import documents as _document_pages  # noqa: F401  isort: skip


def init_web(app: Flask) -> None:
    """Everything the web pages need: blueprint, sign-in, filters, error pages, template context."""
    app.register_blueprint(bp)
    init_errors(app)
    init_login(app)
    init_filters(app)
    app.context_processor(navigation_context)

    @app.context_processor
    def _language() -> dict[str, object]:
        from flask_babel import get_locale

        return {"current_lang": str(get_locale() or "fr"), "request_path": request.path}
