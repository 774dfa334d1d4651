"""The catalogue endpoints (routes.py) and what they answer (schemas.py)."""
