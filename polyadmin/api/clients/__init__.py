"""Client records (routes.py, with the sandbox's journal for now), contacts (interactions.py) and their schemas
(schemas.py: the response derived from the validation schema)."""
