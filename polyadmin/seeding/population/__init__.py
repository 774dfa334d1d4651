"""The generated population: clients drafted unit by unit (a person, a household, a company) as
ClientSpec objects, then built by polyadmin.seeding.builders exactly like the planted ones.

Modules: `drafting` (the shared state and the distributions of the scenario's `population`),
`units` (the loop, persons, households, companies), `motor` (a driver's car, previous insurers and
claims), `lines` (home, health, borrower and professional contracts).

Drafting rules (documented for trainers in docs/scenarios.md):
- a unit's segment is drawn from `segments`; a household is two client records (the spouse has their
  own record, related as `spouse`), same address; a company's director is, half of the time, a
  person drawn earlier;
- ages from `ages`; licence at 18 to 25 (never before 18); a driver older than 85 gets no AUTO
  contract (the product's limit); a borrower is 20 to 60 when the loan starts and the loan runs at
  the start date;
- motor history: the years between the licence and the AUTO contract are covered by up to two
  previous insurers; claims are drawn for the last five periods (Poisson, `claims_per_year`,
  `at_fault_percent` raising the CRM); the CRM the relevé prints is *computed* from those claims
  (A121-1 annex), starting at 1,00 at the first insurance: the drafter chooses how long the driver
  has been insured claim-free before (never more than the licence allows) so that the CRM comes
  close to a value drawn from `crm` — the distribution is a target, the rules decide the value;
- contracts: products from `products` (percent of the segment's units holding each), formulas and
  frequencies from their mixes, options with `options_percent`, the last due instalment unpaid for
  `unpaid_percent` of contracts; prospects (`prospects_percent`) hold none.
"""

from polyadmin.seeding.population.units import draft_population

__all__ = ["draft_population"]
