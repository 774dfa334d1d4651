"""Persistence: SQLAlchemy 2 typed mappings, engine and session, exact types, queries."""
