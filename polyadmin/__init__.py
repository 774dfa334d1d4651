"""polyadmin — a training policy-administration system for the CQP souscription."""

from polyadmin.app import create_app

__all__ = ["create_app"]
