"""Offers (« Devis »): the needs record and advice of a client, the quote builder, a quote with its
versions (routes.py), the form plumbing (forms.py) and the labels (labels.py)."""
