"""Unpaid premium (prime impayée): the dates of art. L113-3 and R113-1 of the Code des assurances.
The same function serves the « Outils » calculator and the collections procedure.

- « A défaut de paiement d'une prime […] dans les dix jours de son échéance » (L113-3, al. 2): the
  formal notice (mise en demeure, registered letter reproducing L113-3, R113-1) may be sent once these
  ten days are over, at the earliest on the due date + 11 days.
- « la garantie ne peut être suspendue que trente jours après la mise en demeure » (L113-3, al. 2):
  the thirty days run from the sending of the letter (not its receipt); counted as art. 641 and 642 of
  the Code de procédure civile count a delay (the day of sending is not counted, the delay ends at
  24 h on its last day), the insured is covered up to the sending + 30 days included, and the cover is
  suspended from 0 h the next day (sending + 31 days).
- « L'assureur a le droit de résilier le contrat dix jours après l'expiration du délai de trente
  jours » (L113-3, al. 3): from the sending + 41 days (the ten days end at 24 h on sending + 40).
- « Le contrat non résilié reprend pour l'avenir ses effets, à midi le lendemain du jour où ont été
  payés […] la prime arriérée » (L113-3, al. 4): an aware datetime, 12:00 Europe/Paris on the day
  after the payment.

A payment before the suspension ends the procedure (no suspension); a payment during the suspension
and before the termination is possible ends it too (the cover resumes; the insurer can no longer
terminate for this premium); a later payment reinstates the contract only if the insurer has not
terminated it meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import PARIS, day_text

PAYMENT_GRACE = timedelta(days=10)  # « dans les dix jours de son échéance »
SUSPENSION_DELAY = timedelta(days=30)  # « trente jours après la mise en demeure »
TERMINATION_DELAY = timedelta(days=10)  # « dix jours après l'expiration du délai de trente jours »
ONE_DAY = timedelta(days=1)
NOON = time(12, 0)


@dataclass(frozen=True)
class UnpaidPremium:
    notice_valid: bool
    reason: str
    covered_until: date | None = None  # last day covered (included)
    suspended_from: date | None = None  # first day without cover, from 0 h
    termination_possible_from: date | None = None
    cover_resumes_at: datetime | None = None  # noon, Paris time, the day after the payment


def earliest_notice(due_date: date) -> date:
    """The first day a mise en demeure may be sent: once the ten days after the due date are over."""
    return due_date + PAYMENT_GRACE + ONE_DAY


def cover_resumes_at(paid_on: date) -> datetime:
    """« à midi le lendemain du jour où ont été payés »: 12:00 Europe/Paris the day after `paid_on`."""
    return datetime.combine(paid_on + ONE_DAY, NOON, tzinfo=PARIS)


def unpaid_premium(due_date: date, notice_sent_on: date, paid_on: date | None = None) -> UnpaidPremium:
    """The dates of the procedure for a premium due on `due_date`, the mise en demeure sent on
    `notice_sent_on`, and the arrears paid on `paid_on` (if they were)."""
    if paid_on is not None and paid_on < due_date:
        raise InvalidInput({"paid_on": ["Le paiement des arriérés suit l'échéance impayée."]})
    earliest = earliest_notice(due_date)
    if notice_sent_on < earliest:
        return UnpaidPremium(
            notice_valid=False,
            reason=f"Art. L113-3 : la mise en demeure ne peut partir qu'après les dix jours qui suivent l'échéance "
            f"du {day_text(due_date)}, soit à partir du {day_text(earliest)} ; celle du {day_text(notice_sent_on)} "
            "est prématurée et ne fait courir aucun délai.",
        )
    covered_until = notice_sent_on + SUSPENSION_DELAY
    suspended_from = covered_until + ONE_DAY
    termination_from = covered_until + TERMINATION_DELAY + ONE_DAY
    steps = (
        f"Art. L113-3 : mise en demeure envoyée le {day_text(notice_sent_on)} ; garantie maintenue jusqu'au "
        f"{day_text(covered_until)} inclus, suspendue à partir du {day_text(suspended_from)} à 0 h ; résiliation "
        f"possible à partir du {day_text(termination_from)}"
    )
    if paid_on is None:
        return UnpaidPremium(True, steps + ".", covered_until, suspended_from, termination_from)
    if paid_on < suspended_from:
        return UnpaidPremium(
            True,
            f"Art. L113-3 : arriérés payés le {day_text(paid_on)}, avant la suspension prévue le "
            f"{day_text(suspended_from)} : la garantie n'est pas suspendue.",
        )
    resumes = cover_resumes_at(paid_on)
    if paid_on < termination_from:
        return UnpaidPremium(
            True,
            f"{steps}. Arriérés payés le {day_text(paid_on)} pendant la suspension : la garantie reprend le "
            f"{day_text(resumes.date())} à midi, et le contrat ne peut plus être résilié pour cette prime.",
            covered_until,
            suspended_from,
            None,
            resumes,
        )
    return UnpaidPremium(
        True,
        f"{steps}. Arriérés payés le {day_text(paid_on)} : si l'assureur n'a pas résilié entre-temps, la garantie "
        f"reprend le {day_text(resumes.date())} à midi.",
        covered_until,
        suspended_from,
        termination_from,
        resumes,
    )
