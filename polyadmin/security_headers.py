"""Security headers on every response — pages, API, API reference, static files and error pages alike.

One `after_request` on the application (not on a blueprint): unknown addresses and errors raised before
any blueprint is chosen get the headers too. Pages load scripts and styles from this site only; the one
inline block (the API reference's `<style>`) carries a per-response nonce asked for by its template.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g

NONCE_KEY = "polyadmin_csp_nonce"

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)
HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce() -> str:
    """The nonce of this response's inline `<style>`/`<script>` (made on first use, then the same)."""
    nonce = g.get(NONCE_KEY)
    if nonce is None:
        nonce = secrets.token_urlsafe(18)
        setattr(g, NONCE_KEY, nonce)
    return str(nonce)


def content_security_policy(nonce: str | None) -> str:
    directives = list(BASE_POLICY)
    if nonce is not None:
        directives.append(f"style-src 'self' 'nonce-{nonce}'")
    return "; ".join(directives)


def init_security_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    production = app.config["POLYADMIN_ENV"] == "production"

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(g.get(NONCE_KEY)))
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        if production:  # HTTPS only in production: a demo on http://127.0.0.1 must stay reachable
            headers.setdefault("Strict-Transport-Security", HSTS)
        if response.mimetype == "text/html":  # pages hold personal data: never cached
            headers.setdefault("Cache-Control", "no-store")
        return response
