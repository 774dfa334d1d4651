"""The accounts area: the administrator lists, creates, disables and enables, unlocks accounts and gives
them a new password (routes.py; templates in templates/accounts/)."""
