"""factory-boy factories for the tests, per area.

- `inputs`: the data a user types (dicts for the services and the API), e.g. PersonClientData.
- model factories, bound to the test's SQLAlchemy session by the `session` fixture (`bound_session`):
  accounts (users, exam sessions, sandboxes — through the services), clients (through the service),
  risks, contracts with instalments, requests with documents, interactions (seeded rows).

    contract = ContractFactory(client=ClientFactory(sandbox=world.sandbox_id), instalments=["paid", "due"])
"""

from tests.helpers.factories.accounts import ExamSessionFactory, SandboxFactory, UserFactory, candidate_of
from tests.helpers.factories.base import bound_session, current_session
from tests.helpers.factories.clients import ClientFactory, ClientRelationFactory
from tests.helpers.factories.contracts import ContractFactory, InstalmentFactory
from tests.helpers.factories.inputs import CompanyClientData, PersonClientData, valid_siren
from tests.helpers.factories.interactions import InteractionFactory
from tests.helpers.factories.requests import ExpertScriptFactory, SubscriptionRequestFactory, SupportingDocumentFactory
from tests.helpers.factories.risks import (
    BusinessFactory,
    ClaimFactory,
    DwellingFactory,
    InsuranceHistoryFactory,
    LoanFactory,
    VehicleFactory,
)

__all__ = [
    "BusinessFactory",
    "ClaimFactory",
    "ClientFactory",
    "ClientRelationFactory",
    "CompanyClientData",
    "ContractFactory",
    "DwellingFactory",
    "ExamSessionFactory",
    "ExpertScriptFactory",
    "InstalmentFactory",
    "InsuranceHistoryFactory",
    "InteractionFactory",
    "LoanFactory",
    "PersonClientData",
    "SandboxFactory",
    "SubscriptionRequestFactory",
    "SupportingDocumentFactory",
    "UserFactory",
    "VehicleFactory",
    "bound_session",
    "candidate_of",
    "current_session",
    "valid_siren",
]
