"""The API reference under its Content-Security-Policy: its inline styles apply (nonce), nothing is blocked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_the_api_reference_is_styled_under_its_content_security_policy(page):
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    response = page.goto("/api/v1/docs")
    assert response is not None and response.status == 200
    assert "nonce-" in response.headers["content-security-policy"]
    family = page.locator(".method").first.evaluate("element => getComputedStyle(element).fontFamily")
    assert "monospace" in family  # the inline <style> was applied, not blocked
    assert violations == []
