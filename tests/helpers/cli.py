"""Running the `polyadmin` command inside a test app."""

from __future__ import annotations

from typing import Any

from flask import Flask

from polyadmin.cli import cli


def run(app: Flask, *args: str, input: str | None = None) -> Any:
    return app.test_cli_runner().invoke(cli, list(args), input=input, catch_exceptions=False)
