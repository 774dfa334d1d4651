"""Supporting documents (pièces justificatives) printed as SPECIMEN PDFs for the candidates to check.

`render_specimen(kind, title, issued_on, valid_until, data)` lays out one document per kind of
polyadmin.documents.specimen_kinds (relevé d'information, certificat d'immatriculation, Kbis…). Each
layout follows the structure of the real document — the same headings, numbered fields and tables a
back-office clerk looks for — without copying any official template. Every page carries a large
diagonal « SPECIMEN » and the footer « Document fictif de formation — polyadmin — sans valeur ».

The data may be incomplete or wrong on purpose (that is what candidates must spot): a missing or
empty key prints « — », a value that is not of the expected shape prints as written, unknown keys are
ignored, and an unknown kind prints its data as a plain list. Nothing in `data` can make it fail.
The same arguments give byte-identical PDFs (ReportLab `invariant`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from polyadmin.documents.resources import BOLD, FONT_FAMILY, OBLIQUE, register_fonts
from polyadmin.documents.specimen_kinds import (
    CLAIM_NATURE_LABELS,
    LIABILITY_LABELS,
    SPECIMEN_KINDS,
    TERMINATED_BY_LABELS,
    TERMINATION_REASON_LABELS,
    SpecimenField,
    SpecimenKind,
    kind_title,
)
from polyadmin.domain.amortisation import AmortisationRow, InvalidLoan, amortisation_schedule, monthly_payment
from polyadmin.domain.french import (
    NARROW_NO_BREAK_SPACE,
    NO_BREAK_SPACE,
    coefficient,
    euros,
    number,
    percent,
    short_date,
)

WATERMARK = "SPECIMEN"
FOOTER = "Document fictif de formation — polyadmin — sans valeur"
MISSING = "—"
MAX_TEXT = 400  # longer values are cut: a document never grows a cell taller than a page
SCHEDULE_HEAD_ROWS = 12  # rows of the amortisation table printed before « … » and the last row

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#56636f")
RULE = colors.HexColor("#a3afba")
BAND = colors.HexColor("#eef2f5")
WATERMARK_COLOUR = colors.HexColor("#c0392b")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

# A distinct accent per kind, so a candidate tells the documents apart at a glance.
ACCENTS = {
    "releve_information": "#1f4e79",
    "certificat_immatriculation": "#2e5e4e",
    "justificatif_domicile": "#7a4b12",
    "kbis": "#5b2c6f",
    "tableau_amortissement": "#14536b",
    "permis_conduire": "#8a1c4a",
    "piece_identite": "#234a8a",
    "mandat_sepa": "#3d4f1d",
    "attestation_aac": "#8a5a1c",
    "fiche_standardisee": "#1c6b5e",
    "liasse_fiscale": "#4a4a7a",
    "verifications_securite": "#9a2f1f",
}


# --- values -------------------------------------------------------------------------------------


def _text(value: str) -> str:
    """Data is text, never markup; the no-break space keeps « 1 500,00 € » on one line (see ipid)."""
    if len(value) > MAX_TEXT:
        value = value[: MAX_TEXT - 1] + "…"
    return escape(value).replace(NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _raw(value: Any) -> str:
    """Any JSON value as written (what an unexpected value prints)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (list, tuple)):
        return ", ".join(_raw(item) for item in value if _present(item)) or MISSING
    if isinstance(value, Mapping):
        return ", ".join(f"{key} : {_raw(item)}" for key, item in value.items()) or MISSING
    return str(value)


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal, float)):
        return None
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _format(value: Any, shape: str) -> str:
    """A data value in French, by its shape; « — » when missing, as written when it is not of the shape."""
    if not _present(value):
        return MISSING
    if shape == "date":
        day = _as_date(value)
        return short_date(day) if day else _raw(value)
    if shape in ("amount", "coefficient", "percent", "integer"):
        amount = _as_decimal(value)
        if amount is None:
            return _raw(value)
        if shape == "amount":
            return euros(amount)
        if shape == "coefficient":
            return coefficient(amount)
        if shape == "percent":
            return percent(amount)
        return number(amount)
    return _raw(value)


def _labelled(value: Any, labels: Mapping[str, str]) -> str:
    """A code of the portfolio tables by its French label; any other value as written."""
    if isinstance(value, str) and value in labels:
        return labels[value]
    return _format(value, "text")


class _Data:
    """The document's data read through its kind: never fails, whatever `data` holds."""

    def __init__(self, kind: SpecimenKind | None, data: Any) -> None:
        self.kind = kind
        self.values: Mapping[str, Any] = data if isinstance(data, Mapping) else {}

    def field(self, key: str) -> SpecimenField:
        if self.kind is not None:
            try:
                return self.kind.field(key)
            except KeyError:
                pass
        return SpecimenField(key, key)

    def label(self, key: str) -> str:
        return self.field(key).label

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def show(self, key: str) -> str:
        return _format(self.values.get(key), self.field(key).shape)

    def rows(self, key: str) -> list[Mapping[str, Any]] | None:
        """A table value as its rows (None when missing; a single object counts as one row)."""
        value = self.values.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, Mapping):
            return [value]
        if isinstance(value, (list, tuple)):
            return [row if isinstance(row, Mapping) else {"": row} for row in value]
        return [{"": value}]


# --- layout helpers -----------------------------------------------------------------------------


class _Styles:
    def __init__(self, family: str, accent: colors.Color) -> None:
        self.accent = accent
        self.body = ParagraphStyle("body", fontName=family, fontSize=9, leading=12, textColor=INK)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.label = ParagraphStyle("label", parent=self.body, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.value = ParagraphStyle("value", parent=self.body, fontName=BOLD, fontSize=9.5, leading=12)
        self.big = ParagraphStyle("big", parent=self.body, fontName=BOLD, fontSize=16, leading=20, textColor=accent)
        self.issuer = ParagraphStyle("issuer", parent=self.body, fontName=BOLD, fontSize=11, leading=14)
        self.title = ParagraphStyle("title", parent=self.body, fontName=BOLD, fontSize=15, leading=19, textColor=accent)
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, fontName=OBLIQUE, fontSize=9, textColor=MUTED)
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=colors.white,
            backColor=accent,
            borderPadding=(2, 4, 2, 4),
            spaceBefore=10,
            spaceAfter=5,
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=2)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=BOLD)
        self.cell_head_right = ParagraphStyle("cell_head_right", parent=self.cell_head, alignment=2)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_text(text), style)


def _heading(text: str, s: _Styles) -> Paragraph:
    return _p(text, s.heading)


def _fields(d: _Data, keys: Iterable[str], s: _Styles, columns: int = 2) -> Table:
    """Label above value, `columns` fields a row, in a light grid (the way forms are filled in)."""
    cells: list[list[Flowable]] = [[_p(d.label(key), s.label), _p(d.show(key), s.value)] for key in keys]
    return _field_grid(cells, s, columns)


def _pairs(pairs: Iterable[tuple[str, str]], s: _Styles, columns: int = 2) -> Table:
    cells: list[list[Flowable]] = [[_p(label, s.label), _p(value, s.value)] for label, value in pairs]
    return _field_grid(cells, s, columns)


def _field_grid(cells: list[list[Flowable]], s: _Styles, columns: int) -> Table:
    rows: list[list[Any]] = []
    for start in range(0, len(cells), columns):
        row: list[Any] = list(cells[start : start + columns])
        row += [""] * (columns - len(row))
        rows.append(row)
    table = Table(rows or [[""] * columns], colWidths=[FRAME_WIDTH / columns] * columns, splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _grid(header: list[str], rows: list[list[str]], widths: list[float], s: _Styles, right: set[int]) -> Table:
    """A table with a header row repeated on each page; columns in `right` are right-aligned (amounts)."""
    data: list[list[Flowable]] = [
        [_p(text, s.cell_head_right if index in right else s.cell_head) for index, text in enumerate(header)]
    ]
    data += [[_p(text, s.cell_right if index in right else s.cell) for index, text in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), BAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _table_field(d: _Data, key: str, s: _Styles, formats: Mapping[str, Callable[[Any], str]] | None = None) -> Flowable:
    """A `table` field of the kind: its columns as the header, « — » when the key is missing."""
    field = d.field(key)
    rows = d.rows(key)
    if rows is None:
        return _p(MISSING, s.body)
    if not rows:
        return _p("Néant", s.value)
    columns = field.columns or (SpecimenField("", ""),)
    body: list[list[str]] = []
    for row in rows:
        line: list[str] = []
        for column in columns:
            value = row.get(column.key)
            formatter = (formats or {}).get(column.key)
            line.append(formatter(value) if formatter and _present(value) else _format(value, column.shape))
        body.append(line)
    width = FRAME_WIDTH / len(columns)
    return _grid([column.label for column in columns], body, [width] * len(columns), s, set())


def _box(flowables: list[Flowable], s: _Styles, background: colors.Color = BAND) -> Table:
    table = Table([[item] for item in flowables], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, s.accent),
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _letterhead(left: list[Flowable], right: list[Flowable]) -> Table:
    """Issuer on the left, addressee or reference on the right, as on a letter."""
    table = Table([[left, right]], colWidths=[FRAME_WIDTH * 0.5, FRAME_WIDTH * 0.5])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _title_block(kind_name: str, title: str, s: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = [_p(kind_name, s.title)]
    if title and title.strip() and title.strip() != kind_name:
        flowables.append(_p(title.strip(), s.subtitle))
    flowables.append(Spacer(1, 6))
    return flowables


def _dates_line(issued_label: str, issued_on: date, valid_until: date | None, s: _Styles) -> Paragraph:
    text = f"{issued_label} {short_date(issued_on)}"
    if valid_until is not None:
        text += f" — valable jusqu'au {short_date(valid_until)}"
    return _p(text, s.body)


# --- the layouts, one per kind ------------------------------------------------------------------


def _releve_information(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    information_date = d.raw("information_date") or issued_on
    crm = d.show("crm")
    termination: list[Flowable] = [
        _pairs(
            [
                (d.label("termination_date"), d.show("termination_date")),
                (d.label("terminated_by"), _labelled(d.raw("terminated_by"), TERMINATED_BY_LABELS)),
                (d.label("termination_reason"), _labelled(d.raw("termination_reason"), TERMINATION_REASON_LABELS)),
            ],
            s,
            3,
        )
    ]
    return [
        _letterhead(
            [_p(d.show("insurer"), s.issuer), _p(d.show("insurer_address"), s.small)],
            [
                _p("Souscripteur", s.label),
                _p(d.show("subscriber"), s.value),
                _p(d.show("subscriber_address"), s.body),
            ],
        ),
        Spacer(1, 10),
        *_title_block("Relevé d'information automobile", title, s),
        _dates_line("Établi le", issued_on, valid_until, s),
        _heading("Contrat", s),
        _fields(d, ("policy_number", "subscription_date", "period_start", "period_end", "last_due_date"), s, 3),
        _heading("Véhicule", s),
        _fields(d, ("registration", "vehicle"), s),
        _heading("Souscripteur et conducteurs désignés", s),
        _fields(d, ("subscriber", "subscriber_birth_date"), s),
        Spacer(1, 4),
        _table_field(d, "drivers", s),
        KeepTogether(
            [
                _heading("Coefficient de réduction-majoration (bonus-malus)", s),
                _box(
                    [
                        _p(d.label("crm"), s.label),
                        _p(crm, s.big),
                    ],
                    s,
                ),
            ]
        ),
        _heading("Sinistres survenus au cours des cinq dernières périodes annuelles", s),
        _table_field(
            d,
            "claims",
            s,
            {
                "nature": lambda value: _labelled(value, CLAIM_NATURE_LABELS),
                "liability": lambda value: _labelled(value, LIABILITY_LABELS),
            },
        ),
        _heading("Résiliation", s),
        *termination,
        Spacer(1, 8),
        _p(f"Informations arrêtées au {_format(information_date, 'date')}.", s.body),
        _p(
            "Relevé délivré en application de l'article 12 de la clause type de réduction-majoration annexée "
            "à l'article A121-1 du Code des assurances.",
            s.small,
        ),
    ]


def _certificat_immatriculation(
    d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles
) -> list[Flowable]:
    return [
        _letterhead(
            [_p("Certificat d'immatriculation (modèle de formation)", s.issuer)],
            [_p(d.label("registration"), s.label), _p(d.show("registration"), s.big)],
        ),
        Spacer(1, 8),
        *_title_block("Certificat d'immatriculation", title, s),
        _dates_line("Édité le", issued_on, valid_until, s),
        _heading("Immatriculation", s),
        _fields(d, ("registration", "first_registration", "certificate_date"), s, 3),
        _heading("Titulaire", s),
        _fields(d, ("holder_name", "holder_address", "owner_mention"), s, 3),
        _heading("Véhicule", s),
        _fields(d, ("make", "type_variant", "model", "vin", "national_category", "body"), s, 3),
        _heading("Caractéristiques techniques", s),
        _fields(
            d,
            (
                "max_mass_kg",
                "displacement_cc",
                "power_kw",
                "energy",
                "fiscal_power",
                "seats",
                "co2",
                "environment_class",
            ),
            s,
            3,
        ),
        _heading("Contrôle technique", s),
        _fields(d, ("inspection_date",), s, 1),
    ]


def _justificatif_domicile(
    d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles
) -> list[Flowable]:
    document_type = d.show("document_type") if _present(d.raw("document_type")) else "Justificatif de domicile"
    return [
        _letterhead(
            [_p(d.show("issuer"), s.issuer), _p(d.show("issuer_address"), s.small)],
            [
                _p(d.show("holder"), s.value),
                _p(d.show("address_line1"), s.body),
                _p(f"{d.show('postcode')} {d.show('city')}", s.body),
            ],
        ),
        Spacer(1, 12),
        *_title_block(document_type, title, s),
        _dates_line("Document du", issued_on, valid_until, s),
        _heading("Références", s),
        _fields(d, ("customer_number", "holder"), s),
        _heading("Adresse du logement concerné", s),
        _fields(d, ("address_line1", "postcode", "city"), s, 3),
        _heading("Période et montant", s),
        _fields(d, ("period_start", "period_end", "amount"), s, 3),
        Spacer(1, 6),
        _p(
            "Ce document atteste que le titulaire ci-dessus dispose d'un contrat de fourniture à l'adresse "
            "indiquée à la date du document.",
            s.small,
        ),
    ]


def _kbis(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    return [
        _p(f"Greffe du tribunal de commerce de {d.show('registry')}", s.issuer),
        Spacer(1, 8),
        *_title_block("Extrait Kbis", title, s),
        _p(
            "Extrait d'immatriculation principale au registre du commerce et des sociétés "
            f"à jour au {short_date(issued_on)}",
            s.body,
        ),
        _dates_line("Délivré le", issued_on, valid_until, s),
        _heading("Identification de la personne morale", s),
        _fields(d, ("company_name", "siren", "rcs", "registration_date", "legal_form", "share_capital", "address"), s),
        _heading("Gestion, direction, administration", s),
        _fields(d, ("director", "director_role", "director_birth_date"), s, 3),
        _heading("Renseignements relatifs à l'activité et à l'établissement principal", s),
        _fields(d, ("activity", "naf_code", "start_of_activity"), s, 3),
        Spacer(1, 8),
        _p("Le greffier (signature de formation, sans valeur)", s.small),
    ]


def _schedule(d: _Data) -> tuple[Decimal, list[AmortisationRow]] | None:
    capital = _as_decimal(d.raw("capital"))
    rate = _as_decimal(d.raw("rate_percent"))
    months = _as_decimal(d.raw("duration_months"))
    if capital is None or rate is None or months is None or months != months.to_integral_value():
        return None
    if months > 1200:  # a hundred years: not a loan, print the characteristics only
        return None
    try:
        first = _as_date(d.raw("first_due_date"))
        return monthly_payment(capital, rate, int(months)), amortisation_schedule(capital, rate, int(months), first)
    except (InvalidLoan, ArithmeticError):
        return None


def _tableau_amortissement(
    d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles
) -> list[Flowable]:
    computed = _schedule(d)
    summary: list[tuple[str, str]] = [("Échéance mensuelle (hors assurance)", MISSING)]
    table: Flowable = _p("Tableau non calculable : montant, taux ou durée manquant ou invalide.", s.body)
    if computed is not None:
        payment, rows = computed
        total_interest = sum((row.interest for row in rows), Decimal(0))
        summary = [
            ("Échéance mensuelle (hors assurance)", euros(payment)),
            ("Coût total des intérêts", euros(total_interest)),
            ("Montant total dû", euros(sum((row.payment for row in rows), Decimal(0)))),
        ]
        shown = rows if len(rows) <= 2 * SCHEDULE_HEAD_ROWS else [*rows[:SCHEDULE_HEAD_ROWS], None, rows[-1]]
        body: list[list[str]] = []
        for row in shown:
            if row is None:
                body.append(["…", "…", "…", "…", "…", "…"])
                continue
            body.append(
                [
                    str(row.number),
                    short_date(row.due_date) if row.due_date else MISSING,
                    euros(row.payment),
                    euros(row.interest),
                    euros(row.principal),
                    euros(row.remaining),
                ]
            )
        body.append(
            [
                "Total",
                "",
                euros(sum((row.payment for row in rows), Decimal(0))),
                euros(total_interest),
                euros(sum((row.principal for row in rows), Decimal(0))),
                "",
            ]
        )
        widths = [FRAME_WIDTH * share for share in (0.08, 0.16, 0.19, 0.17, 0.20, 0.20)]
        table = _grid(
            ["N°", "Date d'échéance", "Échéance", "Intérêts", "Capital amorti", "Capital restant dû"],
            body,
            widths,
            s,
            {2, 3, 4, 5},
        )
    return [
        _letterhead(
            [_p(d.show("lender"), s.issuer), _p(d.show("lender_address"), s.small)],
            [_p("Emprunteur(s)", s.label), _p(d.show("borrower"), s.value)],
        ),
        Spacer(1, 10),
        *_title_block("Tableau d'amortissement", title, s),
        _dates_line("Édité le", issued_on, valid_until, s),
        _heading("Caractéristiques du prêt", s),
        _fields(
            d,
            (
                "loan_number",
                "purpose",
                "capital",
                "rate_percent",
                "duration_months",
                "first_due_date",
                "insured_share_percent",
            ),
            s,
            3,
        ),
        Spacer(1, 4),
        _pairs(summary, s, 3),
        _heading("Échéancier (taux fixe, échéances mensuelles constantes)", s),
        table,
        Spacer(1, 4),
        _p(
            "Montants arrondis au centime ; la dernière échéance intègre les écarts d'arrondi.",
            s.small,
        ),
    ]


def _permis_conduire(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    return [
        _p("Permis de conduire — modèle de formation", s.issuer),
        Spacer(1, 6),
        *_title_block("Permis de conduire", title, s),
        _heading("Titulaire", s),
        _fields(d, ("surname", "given_names", "birth_date", "birth_place"), s),
        _heading("Titre", s),
        _pairs(
            [
                ("4a. Date de délivrance", short_date(issued_on)),
                ("4b. Date d'expiration", short_date(valid_until) if valid_until else MISSING),
                (d.label("authority"), d.show("authority")),
                (d.label("licence_number"), d.show("licence_number")),
            ],
            s,
        ),
        _heading("Catégories", s),
        _table_field(d, "categories", s),
    ]


def _piece_identite(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    kind_name = d.show("document_type") if _present(d.raw("document_type")) else "Pièce d'identité"
    return [
        _p("Document d'identité — modèle de formation", s.issuer),
        Spacer(1, 6),
        *_title_block(kind_name, title, s),
        _heading("Titulaire", s),
        _fields(d, ("surname", "usage_name", "given_names", "sex", "nationality", "birth_date", "birth_place"), s),
        _heading("Document", s),
        _pairs(
            [
                (d.label("document_number"), d.show("document_number")),
                (d.label("issuing_authority"), d.show("issuing_authority")),
                ("Date de délivrance", short_date(issued_on)),
                ("Date d'expiration", short_date(valid_until) if valid_until else MISSING),
            ],
            s,
        ),
    ]


def _iban_parts(iban: str) -> list[tuple[str, str]]:
    """The French RIB inside a French IBAN: code banque, code guichet, numéro de compte, clé RIB."""
    compact = iban.replace(" ", "").upper()
    if len(compact) != 27 or not compact.startswith("FR"):
        return [("Code banque", MISSING), ("Code guichet", MISSING), ("N° de compte", MISSING), ("Clé RIB", MISSING)]
    return [
        ("Code banque", compact[4:9]),
        ("Code guichet", compact[9:14]),
        ("N° de compte", compact[14:25]),
        ("Clé RIB", compact[25:27]),
    ]


def _mandat_sepa(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    iban = d.raw("iban")
    iban_text = MISSING
    parts = _iban_parts("")
    if _present(iban):
        compact = _raw(iban).replace(" ", "").upper()
        iban_text = " ".join(compact[start : start + 4] for start in range(0, len(compact), 4))
        parts = _iban_parts(compact)
    return [
        _letterhead(
            [_p(d.show("bank"), s.issuer), _p(d.show("branch"), s.small)],
            [_p(d.label("holder"), s.label), _p(d.show("holder"), s.value), _p(d.show("holder_address"), s.body)],
        ),
        Spacer(1, 10),
        *_title_block("RIB et mandat de prélèvement SEPA", title, s),
        _dates_line("Édité le", issued_on, valid_until, s),
        _heading("Relevé d'identité bancaire (RIB)", s),
        _pairs(parts, s, 4),
        _box([_p("IBAN", s.label), _p(iban_text, s.big), _p("BIC", s.label), _p(d.show("bic"), s.value)], s),
        _heading("Mandat de prélèvement SEPA", s),
        _fields(d, ("creditor", "creditor_address", "creditor_identifier", "mandate_reference", "payment_type"), s),
        Spacer(1, 4),
        _p(
            "En signant ce formulaire de mandat, vous autorisez le créancier à envoyer des instructions à votre "
            "banque pour débiter votre compte, et votre banque à débiter votre compte conformément à ses "
            "instructions. Vous bénéficiez du droit d'être remboursé par votre banque dans les huit semaines "
            "suivant la date de débit de votre compte pour un prélèvement autorisé.",
            s.small,
        ),
        _heading("Signature", s),
        _fields(d, ("signed_at", "signature_date", "signature"), s, 3),
    ]


def _attestation_aac(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    return [
        _letterhead(
            [_p(d.show("school"), s.issuer), _p(d.show("school_address"), s.small)],
            [_p(d.label("school_approval"), s.label), _p(d.show("school_approval"), s.value)],
        ),
        Spacer(1, 10),
        *_title_block("Attestation de fin de formation initiale", title, s),
        _p("Apprentissage anticipé de la conduite (AAC) — catégorie B", s.body),
        _dates_line("Délivrée le", issued_on, valid_until, s),
        _heading("Élève", s),
        _fields(d, ("student", "student_birth_date"), s),
        _heading("Formation initiale", s),
        _fields(d, ("training_start", "training_end", "driving_hours"), s, 3),
        _heading("Conduite accompagnée", s),
        _fields(d, ("companions", "companion_licence_years", "insurer_agreement"), s, 3),
        Spacer(1, 6),
        _p(
            "L'élève a suivi la formation initiale théorique et pratique et peut entrer dans la phase de "
            "conduite accompagnée (3 000 km au moins, sur un an au moins).",
            s.small,
        ),
    ]


def _fiche_standardisee(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    return [
        _letterhead(
            [_p(d.show("lender"), s.issuer), _p(d.show("lender_address"), s.small)],
            [_p(d.label("borrower"), s.label), _p(d.show("borrower"), s.value)],
        ),
        Spacer(1, 10),
        *_title_block("Fiche standardisée d'information", title, s),
        _p("Assurance emprunteur — à comparer avec toute offre d'assurance déléguée", s.body),
        _dates_line("Remise le", issued_on, valid_until, s),
        _heading("Le prêt", s),
        _fields(d, ("loan_purpose", "capital", "duration_months"), s, 3),
        _heading("Garanties exigées par le prêteur", s),
        _fields(d, ("required_guarantees", "insured_share_percent"), s),
        _heading("Critères d'équivalence du niveau de garantie", s),
        _p(d.show("equivalence_criteria"), s.value),
        _heading("Assurance proposée par le prêteur (contrat de groupe)", s),
        _fields(d, ("group_contract_cost", "group_contract_monthly"), s),
        Spacer(1, 6),
        _p(
            "Vous pouvez souscrire auprès de l'assureur de votre choix une assurance présentant un niveau de "
            "garantie équivalent (délégation d'assurance, art. L313-30 du Code de la consommation).",
            s.small,
        ),
    ]


def _liasse_fiscale(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    return [
        _p("Direction générale des Finances publiques — modèle de formation", s.issuer),
        Spacer(1, 6),
        *_title_block("Liasse fiscale", title, s),
        _dates_line("Déposée le", issued_on, valid_until, s),
        _heading("Entreprise", s),
        _fields(d, ("company_name", "siren", "naf_code", "tax_regime"), s),
        _heading("Exercice", s),
        _fields(d, ("fiscal_year_start", "fiscal_year_end"), s),
        _heading("Compte de résultat et bilan (extraits)", s),
        _fields(d, ("turnover", "operating_result", "net_result", "equity"), s),
        _heading("Effectif", s),
        _fields(d, ("staff",), s, 1),
    ]


def _verifications_securite(
    d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles
) -> list[Flowable]:
    return [
        _letterhead(
            [_p(d.show("organism"), s.issuer), _p(d.show("organism_certificate"), s.small)],
            [_p(d.label("verifier"), s.label), _p(d.show("verifier"), s.value)],
        ),
        Spacer(1, 10),
        *_title_block("Rapport de vérification des installations électriques (Q18)", title, s),
        _dates_line("Rapport émis le", issued_on, valid_until, s),
        _heading("Site vérifié", s),
        _fields(d, ("site", "site_address", "verification_date", "next_verification"), s),
        _heading("Observations", s),
        _table_field(d, "observations", s),
        _heading("Conclusion", s),
        _p(d.show("conclusion"), s.value),
    ]


def _unknown(d: _Data, title: str, issued_on: date, valid_until: date | None, s: _Styles) -> list[Flowable]:
    pairs = [(str(key), _raw(value) if _present(value) else MISSING) for key, value in sorted(d.values.items())]
    return [
        *_title_block(title or "Pièce justificative", "", s),
        _dates_line("Émis le", issued_on, valid_until, s),
        _heading("Contenu", s),
        _pairs(pairs or [("Contenu", MISSING)], s),
    ]


Layout = Callable[[_Data, str, date, date | None, _Styles], list[Flowable]]

LAYOUTS: dict[str, Layout] = {
    "releve_information": _releve_information,
    "certificat_immatriculation": _certificat_immatriculation,
    "justificatif_domicile": _justificatif_domicile,
    "kbis": _kbis,
    "tableau_amortissement": _tableau_amortissement,
    "permis_conduire": _permis_conduire,
    "piece_identite": _piece_identite,
    "mandat_sepa": _mandat_sepa,
    "attestation_aac": _attestation_aac,
    "fiche_standardisee": _fiche_standardisee,
    "liasse_fiscale": _liasse_fiscale,
    "verifications_securite": _verifications_securite,
}


# --- the page: watermark and footer -------------------------------------------------------------


class _SpecimenCanvas(Canvas):
    """Draws, once the page count is known, the diagonal SPECIMEN over each page and the footer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_watermark()
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_watermark(self) -> None:
        self.saveState()
        self.setFillColor(WATERMARK_COLOUR)
        self.setFillAlpha(0.16)
        self.setFont(BOLD, 110)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(45)
        self.drawCentredString(0, -38, WATERMARK)
        self.restoreState()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 12 * mm, PAGE_WIDTH - MARGIN, 12 * mm)
        self.setFillColor(WATERMARK_COLOUR)
        self.setFont(BOLD, 7.5)
        self.drawString(MARGIN, 8 * mm, WATERMARK)
        self.setFillColor(INK)
        self.setFont(FONT_FAMILY, 7.5)
        self.drawString(MARGIN + 16 * mm, 8 * mm, FOOTER)
        self.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, f"Page {self._pageNumber} sur {total}")
        self.restoreState()


def render_specimen(kind: str, title: str, issued_on: date, valid_until: date | None, data: dict[str, Any]) -> bytes:
    """The supporting document as PDF bytes (A4, SPECIMEN on every page, the same bytes for the same input)."""
    family = register_fonts()
    known = SPECIMEN_KINDS.get(kind)
    s = _Styles(family, colors.HexColor(ACCENTS.get(kind, "#3a4a5a")))
    layout = LAYOUTS.get(kind, _unknown)
    story = layout(_Data(known, data), title or "", issued_on, valid_until, s)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=18 * mm,
        title=f"SPECIMEN — {title or kind_title(kind)}",
        author="polyadmin",
        subject=f"{FOOTER} ({kind_title(kind)})",
        creator="polyadmin",
        invariant=True,
        lang="fr-FR",
    )
    document.build(story, canvasmaker=_SpecimenCanvas)
    return buffer.getvalue()
