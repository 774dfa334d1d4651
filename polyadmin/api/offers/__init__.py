"""Offers under the duty to advise (C2A.3): the client's needs and the advice given, quotes (devis) and
their versions (routes.py), what they answer (schemas.py) and how the services' objects become those
answers (views.py)."""
