"""Termination of a contract (résiliation): each legal ground computes its own dates, or refuses with
the reason it does not apply. The same functions serve the « Outils » calculator and the contract-life
operations.

How the dates are counted (docs/legal-dates.md):

- a date of effect is a day at 0 h: the risk runs up to the day before (the earned premium counts the
  days before it, `domain.prorata`);
- « X prend effet un mois après Y » gives the same day number one month later, clamped to the end of
  a shorter month (`domain.dates.add_months`: 31 January + 1 month = 28 or 29 February);
- « à l'expiration d'un délai de N jours / mois à compter de Y » follows articles 641 and 642 of the
  Code de procédure civile: the day of Y is not counted, the delay ends at 24 h on its last day, and
  what happens « à l'expiration » takes effect at 0 h the next day;
- a notice « au moins deux mois avant l'échéance » must be sent on or before the due date − 2 months;
  the sending date is the postmark or the date of dispatch (L113-12, L113-14).

Grounds (Code des assurances, Légifrance):

- `annual`, L113-12: after one year, by either party, sent at least two months before the due date;
  effective on the due date.
- `chatel`, L113-15-1 (tacitly renewed contracts of natural persons outside their professional
  activity): the notice of renewal (avis d'échéance) must recall the last day to refuse renewal. Sent
  less than 15 days before that day, or after it: 20 days from its sending to refuse renewal. Never
  sent: termination at any time from the renewal, effective the day after the letter is sent. Refund
  within 30 days of the date of effect.
- `hamon`, L113-15-2 and R113-12 (auto, home (MRH) and affinity contracts of natural persons outside
  their professional activity): at any time after one year from the first subscription, effective one
  month after the insurer receives the notice; refund within 30 days.
- `vehicle_sale`, L121-11: cover suspended from 0 h the day after the sale; either party may terminate
  with ten days' notice; otherwise terminated by law at the end of six months from the sale. The
  premium after the sale is refunded (divisibility of the premium, rép. min. on L121-11).
- `change_of_situation`, L113-16 (address, marital status or regime, profession, retirement or end of
  professional activity): notice within three months of the event, effective one month after the other
  party receives it; the premium from the date of effect is refunded.

- `lemoine`, L113-12-2 (as amended by loi n° 2022-270 du 28 février 2022, « loi Lemoine »; L313-30 ff.
  C. consom.): the borrower may terminate a loan insurance contract at any time; the termination takes
  effect ten days after the insurer receives the notice (in the text: the lender's decision accepting
  the substitute contract, which is the notice the candidate records). Only for loan insurance
  (`EMPRUNTEUR` line).
- `withdrawal`, L112-2-1 (distance selling) and L112-9 (doorstep selling): renonciation within fourteen
  calendar days of the conclusion (art. 641 CPC: the day of the conclusion is not counted, the last day
  is conclusion + 14 days); the contract is void from inception and the premium paid is refunded in
  full (the issue's rule: both articles allow the insurer to keep the premium of the days the risk ran
  when the cover started at the client's request; not applied here).
- `insurer_claim`, R113-10: the insurer's termination after a claim takes effect « à l'expiration d'un
  délai d'un mois à dater de la notification à l'assuré » (notification + 1 month, at 24 h: effect at
  0 h the next day); the policyholder may then terminate his other contracts with this insurer within
  one month of the notification (`deadline`).
- `non_payment`, L113-3: the insurer's termination « dix jours après l'expiration du délai de trente
  jours » from the mise en demeure: 40 days in all, effect at 0 h on the 41st day
  (`domain.unpaid_premiums`); the premium up to the termination stays due.

The issue's rule: every refund is due within 30 days of the date of effect (stated by L113-15-1 and
L113-15-2; applied to every ground here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from polyadmin.domain.dates import add_months, add_years
from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import day_text
from polyadmin.domain.money import round_money
from polyadmin.domain.prorata import pro_rata
from polyadmin.domain.unpaid_premiums import unpaid_premium

# The grounds of the « Outils » calculator (issue 13 §5): POST /api/v1/tools/termination.
GROUND_LABELS = {
    "annual": "Résiliation annuelle (art. L113-12)",
    "chatel": "Loi Chatel (art. L113-15-1)",
    "hamon": "Loi Hamon, après un an (art. L113-15-2)",
    "vehicle_sale": "Vente du véhicule (art. L121-11)",
    "change_of_situation": "Changement de situation (art. L113-16)",
}
GROUNDS = tuple(GROUND_LABELS)
# Every ground a contract may be terminated on (issue 13 §3): the calculator's and these.
CONTRACT_GROUND_LABELS = {
    **GROUND_LABELS,
    "lemoine": "Loi Lemoine, assurance emprunteur (art. L113-12-2)",
    "withdrawal": "Renonciation dans les 14 jours (art. L112-2-1 / L112-9)",
    "insurer_claim": "Résiliation par l'assureur après sinistre (art. R113-10)",
    "non_payment": "Résiliation par l'assureur pour non-paiement (art. L113-3)",
}
CONTRACT_GROUNDS = tuple(CONTRACT_GROUND_LABELS)
LEMOINE_DELAY = timedelta(days=10)  # « dix jours après la réception » (L113-12-2)
WITHDRAWAL_DAYS = timedelta(days=14)  # « quatorze jours calendaires révolus » (L112-2-1, L112-9)
REFUND_DELAY = timedelta(days=30)
CHATEL_SHORT_NOTICE = 15  # days before the last day to refuse renewal (L113-15-1, al. 1)
CHATEL_EXTENSION = timedelta(days=20)  # days from the sending of a late notice (L113-15-1, al. 1)
SALE_NOTICE = timedelta(days=10)  # « moyennant préavis de dix jours » (L121-11, al. 1)
ONE_DAY = timedelta(days=1)
MAX_PERIOD_DAYS = 366


@dataclass(frozen=True)
class TerminationCase:
    """What a termination is computed from. `period_start`..`period_end` (both included) is the
    premium period running at the date of effect, `annual_premium` its premium."""

    ground: str
    subscribed_on: date
    period_start: date
    period_end: date
    annual_premium: Decimal
    notice_sent_on: date | None = None
    notice_received_on: date | None = None
    event_on: date | None = None
    due_date: date | None = None
    notice_of_right_sent_on: date | None = None
    professional: bool = False
    loan_insurance: bool = False  # an EMPRUNTEUR-line contract (Lemoine)
    withdrawal_until: date | None = None  # last day of the withdrawal period, when the contract records it

    @property
    def due(self) -> date:
        """The annual due date (échéance): given, or the day after the period."""
        return self.due_date or self.period_end + ONE_DAY


@dataclass(frozen=True)
class Termination:
    accepted: bool
    reason: str
    effective_on: date | None = None
    send_by: date | None = None
    deadline: date | None = None
    earned: Decimal | None = None
    refund: Decimal | None = None
    refund_due_by: date | None = None


def _require(case: TerminationCase, *names: str) -> None:
    label = CONTRACT_GROUND_LABELS[case.ground]
    missing = {name: [f"Obligatoire pour ce motif : {label}."] for name in names if getattr(case, name) is None}
    if missing:
        raise InvalidInput(missing)


def check_case(case: TerminationCase) -> None:
    """The input's own consistency (InvalidInput, French messages by field): a known ground, a period
    of one year at most that starts on or after the subscription, a notice received after it is sent."""
    errors: dict[str, list[str]] = {}
    if case.ground not in CONTRACT_GROUND_LABELS:
        errors["ground"] = ["Motif inconnu : " + ", ".join(CONTRACT_GROUNDS) + "."]
    if case.period_end < case.period_start:
        errors["period_end"] = ["La fin de la période ne peut pas précéder son début."]
    elif (case.period_end - case.period_start).days + 1 > MAX_PERIOD_DAYS:
        errors["period_end"] = ["La période de prime dure un an au plus (366 jours)."]
    if case.period_start < case.subscribed_on:
        errors["period_start"] = ["La période de prime ne peut pas commencer avant la souscription."]
    if case.annual_premium < 0:
        errors["annual_premium"] = ["La prime ne peut pas être négative."]
    if case.notice_sent_on and case.notice_received_on and case.notice_received_on < case.notice_sent_on:
        errors["notice_received_on"] = ["La réception ne peut pas précéder l'envoi."]
    if case.due_date is not None and case.due_date <= case.subscribed_on:
        errors["due_date"] = ["L'échéance suit la souscription."]
    if errors:
        raise InvalidInput(errors)


def _accepted(
    case: TerminationCase,
    reason: str,
    effective_on: date,
    *,
    risk_ends_on: date | None = None,
    send_by: date | None = None,
    deadline: date | None = None,
) -> Termination:
    split = pro_rata(case.annual_premium, case.period_start, case.period_end, risk_ends_on or effective_on)
    return Termination(
        accepted=True,
        reason=reason,
        effective_on=effective_on,
        send_by=send_by,
        deadline=deadline,
        earned=split.earned,
        refund=split.unearned,
        refund_due_by=effective_on + REFUND_DELAY if split.unearned > 0 else None,
    )


def _not_professional(case: TerminationCase, article: str) -> Termination | None:
    if case.professional:
        return Termination(
            accepted=False,
            reason=f"{article} ne s'applique qu'aux personnes physiques en dehors de leur activité "
            "professionnelle : ce risque professionnel ne peut pas être résilié sur ce motif.",
        )
    return None


def annual(case: TerminationCase) -> Termination:
    """L113-12: after one year, by the policyholder or the insurer, notice sent at least two months
    before the due date (send_by = due date − 2 months); effective on the due date."""
    _require(case, "notice_sent_on")
    assert case.notice_sent_on is not None
    due = case.due
    send_by = add_months(due, -2)
    first_possible = add_years(case.subscribed_on, 1)
    if due < first_possible:
        return Termination(
            accepted=False,
            reason=f"Art. L113-12 : la résiliation annuelle n'est possible qu'à l'expiration d'un délai d'un an "
            f"depuis la souscription ({day_text(first_possible)}), pas à l'échéance du {day_text(due)}.",
            send_by=send_by,
        )
    if case.notice_sent_on > send_by:
        return Termination(
            accepted=False,
            reason=f"Art. L113-12 : préavis de deux mois non respecté. Pour l'échéance du {day_text(due)}, la lettre "
            f"devait partir au plus tard le {day_text(send_by)} ; envoyée le {day_text(case.notice_sent_on)}, "
            "elle est tardive : le contrat est reconduit (vérifiez les lois Chatel et Hamon).",
            send_by=send_by,
        )
    return _accepted(
        case,
        f"Art. L113-12 : lettre envoyée le {day_text(case.notice_sent_on)}, au moins deux mois avant l'échéance ; "
        f"le contrat prend fin à l'échéance du {day_text(due)}.",
        due,
        send_by=send_by,
    )


def chatel_deadline(due: date, notice_of_right_sent_on: date | None) -> date | None:
    """The last day to refuse the renewal (L113-15-1): the due date − 2 months (L113-12), or 20 days
    after the sending of the notice of renewal when it was sent less than 15 days before that day or
    after it; None when the notice was never sent (termination at any time from the renewal)."""
    if notice_of_right_sent_on is None:
        return None
    normal = add_months(due, -2)
    if (normal - notice_of_right_sent_on).days < CHATEL_SHORT_NOTICE:
        return notice_of_right_sent_on + CHATEL_EXTENSION
    return normal


def chatel(case: TerminationCase) -> Termination:
    """L113-15-1. A refusal of renewal sent in time ends the contract on the due date (or the day
    after its sending when the 20 days run past the due date). Without the notice of the right, the
    insured may terminate at any time from the renewal, effective the day after the letter is sent
    (a letter sent before the renewal ends the contract on the due date)."""
    refused = _not_professional(case, "La loi Chatel (art. L113-15-1)")
    if refused:
        return refused
    _require(case, "notice_sent_on")
    assert case.notice_sent_on is not None
    due = case.due
    effective = max(due, case.notice_sent_on + ONE_DAY)
    if case.notice_of_right_sent_on is None:
        return _accepted(
            case,
            "Art. L113-15-1 : l'avis d'échéance rappelant le droit de résiliation n'a pas été envoyé ; l'assuré "
            "peut résilier à tout moment à compter de la reconduction, avec effet le lendemain de l'envoi de sa "
            f"lettre : fin du contrat le {day_text(effective)}.",
            effective,
        )
    deadline = chatel_deadline(due, case.notice_of_right_sent_on)
    assert deadline is not None
    extended = deadline != add_months(due, -2)
    sent = day_text(case.notice_of_right_sent_on)
    why = (
        f"avis d'échéance envoyé le {sent}, moins de 15 jours avant la date limite ou après : 20 jours à compter "
        f"de son envoi, jusqu'au {day_text(deadline)}"
        if extended
        else f"avis d'échéance envoyé le {sent}, au moins 15 jours avant la date limite du {day_text(deadline)}"
    )
    if case.notice_sent_on > deadline:
        return Termination(
            accepted=False,
            reason=f"Art. L113-15-1 : {why} ; la lettre du {day_text(case.notice_sent_on)} est tardive, le contrat "
            "est reconduit (la loi Hamon permet de résilier après un an).",
            send_by=deadline,
            deadline=deadline,
        )
    return _accepted(
        case,
        f"Art. L113-15-1 : {why} ; lettre envoyée à temps, fin du contrat le {day_text(effective)}.",
        effective,
        send_by=deadline,
        deadline=deadline,
    )


def hamon(case: TerminationCase) -> Termination:
    """L113-15-2: after one year from the first subscription (the anniversary included), effective one
    month after the insurer receives the notice."""
    refused = _not_professional(case, "La loi Hamon (art. L113-15-2)")
    if refused:
        return refused
    _require(case, "notice_received_on")
    assert case.notice_received_on is not None
    first_possible = add_years(case.subscribed_on, 1)
    if case.notice_received_on < first_possible:
        return Termination(
            accepted=False,
            reason="Art. L113-15-2 : la résiliation à tout moment n'est ouverte qu'après un an de contrat, à "
            f"partir du {day_text(first_possible)} ; pendant la première année, seuls l'échéance annuelle et "
            "les motifs légaux (vente, changement de situation…) le permettent.",
            send_by=None,
            deadline=first_possible,
        )
    effective = add_months(case.notice_received_on, 1)
    return _accepted(
        case,
        f"Art. L113-15-2 : notification reçue par l'assureur le {day_text(case.notice_received_on)}, après un an "
        f"de contrat ; la résiliation prend effet un mois après, le {day_text(effective)}.",
        effective,
    )


def vehicle_sale(case: TerminationCase) -> Termination:
    """L121-11: suspended from 0 h the day after the sale; a termination with ten days' notice takes
    effect on the day after the ten days (sent + 11 days); otherwise by law at the end of six months
    from the sale (sale + 6 months + 1 day). The premium after the sale is refunded."""
    _require(case, "event_on")
    assert case.event_on is not None
    suspended_from = case.event_on + ONE_DAY
    automatic = add_months(case.event_on, 6) + ONE_DAY
    if case.notice_sent_on is not None and case.notice_sent_on < case.event_on:
        raise InvalidInput({"notice_sent_on": ["La lettre de résiliation suit la vente du véhicule."]})
    if case.notice_sent_on is not None and case.notice_sent_on + SALE_NOTICE + ONE_DAY < automatic:
        effective = case.notice_sent_on + SALE_NOTICE + ONE_DAY
        how = (
            f"résiliation envoyée le {day_text(case.notice_sent_on)} avec un préavis de dix jours : fin du contrat "
            f"le {day_text(effective)}"
        )
    else:
        effective = automatic
        how = f"à défaut de remise en vigueur ou de résiliation, fin de plein droit le {day_text(effective)} (six mois)"
        if case.notice_sent_on is not None:
            how += f" ; la lettre du {day_text(case.notice_sent_on)} ne l'avance pas"
    return _accepted(
        case,
        f"Art. L121-11 : véhicule vendu le {day_text(case.event_on)}, garantie suspendue à partir du "
        f"{day_text(suspended_from)} à 0 h ; {how}. La prime postérieure à la vente est remboursée.",
        effective,
        risk_ends_on=suspended_from,
        deadline=automatic,
    )


def change_of_situation(case: TerminationCase) -> Termination:
    """L113-16: the notice is sent within three months of the event (last day: event + 3 months), and
    the termination takes effect one month after the other party receives it."""
    _require(case, "event_on", "notice_received_on")
    assert case.event_on is not None and case.notice_received_on is not None
    sent = case.notice_sent_on or case.notice_received_on
    send_by = add_months(case.event_on, 3)
    if sent < case.event_on:
        raise InvalidInput({"notice_sent_on": ["La lettre de résiliation suit l'événement."]})
    if sent > send_by:
        return Termination(
            accepted=False,
            reason=f"Art. L113-16 : la résiliation ne peut intervenir que dans les trois mois suivant l'événement du "
            f"{day_text(case.event_on)}, soit au plus tard le {day_text(send_by)} ; la lettre du {day_text(sent)} "
            "est tardive.",
            send_by=send_by,
            deadline=send_by,
        )
    effective = add_months(case.notice_received_on, 1)
    return _accepted(
        case,
        f"Art. L113-16 : lettre envoyée le {day_text(sent)}, dans les trois mois de l'événement ; reçue le "
        f"{day_text(case.notice_received_on)}, la résiliation prend effet un mois après, le {day_text(effective)}.",
        effective,
        send_by=send_by,
        deadline=send_by,
    )


def lemoine(case: TerminationCase) -> Termination:
    """L113-12-2 (loi Lemoine): a loan insurance contract may be terminated at any time, effective ten
    days after the insurer receives the notice (received + 10 days)."""
    if not case.loan_insurance:
        return Termination(
            accepted=False,
            reason="Art. L113-12-2 : la résiliation à tout moment de la loi Lemoine ne concerne que l'assurance "
            "emprunteur ; ce contrat n'en est pas une.",
        )
    _require(case, "notice_received_on")
    assert case.notice_received_on is not None
    effective = case.notice_received_on + LEMOINE_DELAY
    return _accepted(
        case,
        f"Art. L113-12-2 (loi Lemoine) : assurance emprunteur résiliable à tout moment ; notification reçue par "
        f"l'assureur le {day_text(case.notice_received_on)}, la résiliation prend effet dix jours après, le "
        f"{day_text(effective)}.",
        effective,
    )


def withdrawal(case: TerminationCase) -> Termination:
    """L112-2-1 / L112-9: renonciation sent within fourteen calendar days of the conclusion (the last
    day: conclusion + 14 days, or the contract's own `withdrawal_until`); the contract is void from its
    inception (`subscribed_on`) and the whole premium of the period is refunded."""
    _require(case, "notice_sent_on")
    assert case.notice_sent_on is not None
    last_day = case.withdrawal_until or case.subscribed_on + WITHDRAWAL_DAYS
    if case.notice_sent_on > last_day:
        return Termination(
            accepted=False,
            reason=f"Art. L112-2-1 / L112-9 : le délai de renonciation de quatorze jours calendaires courait "
            f"jusqu'au {day_text(last_day)} inclus ; la lettre du {day_text(case.notice_sent_on)} est tardive "
            "(vérifiez les autres motifs de résiliation).",
            send_by=last_day,
            deadline=last_day,
        )
    effective = case.subscribed_on
    refund = round_money(case.annual_premium)
    return Termination(
        accepted=True,
        reason=f"Art. L112-2-1 / L112-9 : renonciation envoyée le {day_text(case.notice_sent_on)}, dans les "
        f"quatorze jours (jusqu'au {day_text(last_day)}) ; le contrat est anéanti depuis sa prise d'effet le "
        f"{day_text(effective)} et la prime est remboursée en totalité.",
        effective_on=effective,
        send_by=last_day,
        deadline=last_day,
        earned=Decimal("0.00"),
        refund=refund,
        # « dans le délai maximal de trente jours calendaires révolus à compter de la réception » (L112-9)
        refund_due_by=(case.notice_received_on or case.notice_sent_on) + REFUND_DELAY if refund > 0 else None,
    )


def insurer_claim(case: TerminationCase) -> Termination:
    """R113-10: the insurer terminates after a claim (`event_on`); effect at the expiry of one month
    from the notification to the policyholder (`notice_received_on`): notification + 1 month + 1 day at
    0 h. The policyholder may terminate his other contracts with the insurer within one month of the
    notification (`deadline`)."""
    _require(case, "event_on", "notice_received_on")
    assert case.event_on is not None and case.notice_received_on is not None
    if case.notice_received_on < case.event_on:
        raise InvalidInput({"notice_received_on": ["La notification de la résiliation suit le sinistre."]})
    other_contracts_until = add_months(case.notice_received_on, 1)
    effective = other_contracts_until + ONE_DAY
    return _accepted(
        case,
        f"Art. R113-10 : résiliation par l'assureur après le sinistre du {day_text(case.event_on)}, notifiée à "
        f"l'assuré le {day_text(case.notice_received_on)} ; elle prend effet à l'expiration d'un délai d'un mois, "
        f"le {day_text(effective)} à 0 h. L'assuré peut résilier ses autres contrats chez cet assureur jusqu'au "
        f"{day_text(other_contracts_until)} inclus.",
        effective,
        deadline=other_contracts_until,
    )


def non_payment(case: TerminationCase) -> Termination:
    """L113-3: for a premium due on `event_on` and a mise en demeure sent on `notice_sent_on` (at least
    eleven days after it), the insurer's termination takes effect ten days after the thirty days of
    suspension: mise en demeure + 41 days at 0 h."""
    _require(case, "event_on", "notice_sent_on")
    assert case.event_on is not None and case.notice_sent_on is not None
    steps = unpaid_premium(case.event_on, case.notice_sent_on)
    if not steps.notice_valid:
        return Termination(accepted=False, reason=steps.reason)
    assert steps.termination_possible_from is not None and steps.suspended_from is not None
    effective = steps.termination_possible_from
    return _accepted(
        case,
        f"Art. L113-3 : prime échue le {day_text(case.event_on)} impayée, mise en demeure envoyée le "
        f"{day_text(case.notice_sent_on)} ; garantie suspendue à partir du {day_text(steps.suspended_from)}, "
        f"résiliation dix jours après l'expiration des trente jours, le {day_text(effective)} à 0 h. La prime "
        "reste due jusqu'à cette date.",
        effective,
        deadline=effective,
    )


RULES = {
    "annual": annual,
    "chatel": chatel,
    "hamon": hamon,
    "vehicle_sale": vehicle_sale,
    "change_of_situation": change_of_situation,
    "lemoine": lemoine,
    "withdrawal": withdrawal,
    "insurer_claim": insurer_claim,
    "non_payment": non_payment,
}


def terminate(case: TerminationCase) -> Termination:
    """The ground's rule, after the input's own checks (InvalidInput when inconsistent)."""
    check_case(case)
    return RULES[case.ground](case)
