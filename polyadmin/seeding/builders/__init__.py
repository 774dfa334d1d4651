"""The rows of the portfolio, table by table, from a scenario's specs (planted or drafted clients).

One module per table or group of tables, each a few functions taking the generation's
`GenerationContext` (polyadmin.seeding.context):
- `clients`: a client's row and everything it owns, in the order the draws are made; relations;
  interactions;
- `risks`: the insured risks (vehicles, dwellings, businesses, loans);
- `histories` and `claims`: previous insurers with their claims, and the claims of our contracts;
- `risk_data`: the risk data a client's records give a product (for contracts and requests);
- `contracts`: a contract priced by the engine, and its instalments;
- `requests` and `supporting_documents`: the subscription requests of the inbox, with their
  documents and the scripted expert answers.
The order of the calls is the order of the draws: moving one changes every portfolio after it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any


def jsonable(value: Any) -> Any:
    """JSON-able copy: dates and decimals as text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
