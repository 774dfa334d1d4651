"""Subscription requests (demandes de souscription) and their casework: the inbox, the workspace, the
analysis, document checks and requests, referrals to experts, decisions, non-conformities, corrections
(routes.py), what they answer (schemas.py) and how the services' objects become those answers (views.py)."""
