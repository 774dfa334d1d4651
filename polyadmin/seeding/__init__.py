"""Seeding: scenario → deterministic portfolio (Faker fr_FR, seeded) → rows for one sandbox."""
