"""Helpers shared by the test suites. Test modules import from here, never from a conftest module:
conftest modules hold only fixtures (which may use these helpers).

accounts     PASSWORD, START, the `world` of users and sandboxes, ROLE_USERS
web          CSRF-aware form posting and login for the Flask test client
api          JsonClient: the test client with bearer tokens
browser      steps of the Playwright journeys (sign in, axe-core check)
databases    migrated test databases (SQLite file or PostgreSQL schema)
journal      tampering helpers for the journal's integrity tests
factories    factory-boy: service input data (inputs) and model factories per area
portfolio    one household's portfolio, built with the factories
catalogue_*  pricing requests drawn from a product; a small hand-worked catalogue
"""
