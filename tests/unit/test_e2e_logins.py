"""The browser tests share one live server for the whole run: each journey that creates its own login
must give it a name no other journey uses, or the second creation fails with « Identifiant déjà utilisé »."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

E2E = Path(__file__).resolve().parents[1] / "e2e"
CREATED = re.compile(r'^[A-Z_]+ = "(candidat\d+|[a-z]+\d+)"$|UserFactory\(username="([^"]+)"', re.MULTILINE)


def test_each_journey_creates_logins_no_other_journey_creates():
    files: dict[str, set[str]] = defaultdict(set)
    for path in sorted(E2E.glob("test_*.py")):
        for constant, literal in CREATED.findall(path.read_text(encoding="utf-8")):
            files[constant or literal].add(path.name)
    assert files, "no login found: the pattern no longer matches the journeys"
    shared = {name: sorted(where) for name, where in files.items() if len(where) > 1}
    assert shared == {}
