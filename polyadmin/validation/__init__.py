"""Input validation shared by every edge (web forms, JSON API, CLI): marshmallow, in French."""
