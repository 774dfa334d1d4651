"""Trainers\x27 authoring: catalogue versions and their differences, scenario previews, uploads."""
