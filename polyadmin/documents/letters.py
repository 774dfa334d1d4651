"""Letters to the client, printed as PDF (ReportLab) and as accessible HTML from the same content.

Two letters of the casework: the decline letter, which keeps the relationship (the reason, the
alternative proposed, the Bureau central de tarification for compulsory motor liability, art. L212-1),
and the request for missing documents (the list with its French labels, the deadline). Their wording
is data trainers edit, `documents/letters.yaml` (string.Template `$name` placeholders); this module
fills it from a `LetterFacts` and lays it out. French typography (no-break spaces) comes from
polyadmin.domain.french; the same input gives the same bytes (ReportLab `invariant`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from html import escape as html_escape
from io import BytesIO
from pathlib import Path
from string import Template
from typing import Any
from xml.sax.saxutils import escape

import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from polyadmin.documents.resources import BOLD, FONT_FAMILY, documents_path, register_fonts
from polyadmin.domain.french import date_text, short_date, typeset
from polyadmin.validation.yaml_french import yaml_problem_parts

WORDING_FILE = "letters.yaml"
INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#56636f")
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN


class LetterWordingInvalid(ValueError):
    """documents/letters.yaml cannot be read or misses a part: the message names the file and the key."""


def load_wording(path: Path | None = None) -> dict[str, Any]:
    """The wording of the letters (documents/letters.yaml, or `path`), read on each call: a trainer's
    edit shows on the next letter."""
    path = path or documents_path() / WORDING_FILE
    try:
        wording = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise LetterWordingInvalid(f"{path} — Fichier introuvable ou illisible.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line, column, message = yaml_problem_parts(exc)
        place = f"{path}:{line}:{column}" if line is not None else str(path)
        raise LetterWordingInvalid(f"{place} — {message}") from None
    missing = [
        key
        for key in ("insurer", "decline", "documents_request")
        if not isinstance(wording, dict) or not isinstance(wording.get(key), dict)
    ]
    if missing:  # every missing part at once
        parts = ", ".join(f"« {key} »" for key in missing)
        raise LetterWordingInvalid(f"{path} — Rubrique(s) absente(s) ou mal écrite(s) : {parts}.")
    return wording


@dataclass(frozen=True)
class LetterFacts:
    """What every letter about a request says: to whom, about what, on which (sandbox) date."""

    client_name: str  # « Madame Sophie MARCHAND », or a company name
    address_lines: tuple[str, ...]
    salutation: str  # « Madame, », « Monsieur, », « Madame, Monsieur, »
    request_number: str
    product: str
    received_on: date
    today: date

    def values(self) -> dict[str, str]:
        return {
            "client_name": self.client_name,
            "request_number": self.request_number,
            "product": self.product,
            "received_on": short_date(self.received_on),
            "today": date_text(self.today),
            "salutation": self.salutation,
            "salutation_plain": self.salutation.rstrip(","),
        }


@dataclass(frozen=True)
class Letter:
    """A letter ready to lay out: every text already filled and typeset."""

    title: str
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    dated: str
    reference: str
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    items_intro: str = ""
    items: tuple[str, ...] = ()
    after_items: str = ""
    notice: str = ""  # a framed legal mention (the BCT for a motor liability refusal)
    closing: tuple[str, ...] = ()
    signature: str = ""
    footer: str = ""


def _fill(text: Any, values: Mapping[str, str]) -> str:
    return typeset(Template(" ".join(str(text or "").split())).safe_substitute(values))


def _letter(
    wording: Mapping[str, Any], part: Mapping[str, Any], facts: LetterFacts, values: Mapping[str, str], title: str
) -> dict[str, Any]:
    insurer = wording["insurer"]
    return {
        "title": title,
        "sender": tuple(
            typeset(str(line))
            for line in (insurer.get("name"), insurer.get("service"), *insurer.get("address", ()), insurer.get("phone"))
            if line
        ),
        "recipient": (facts.client_name, *facts.address_lines),
        "dated": typeset(f"Le {date_text(facts.today)}"),
        "reference": typeset(f"Réf. : demande n° {facts.request_number}"),
        "subject": _fill(part.get("subject"), values),
        "salutation": facts.salutation,
        "paragraphs": tuple(_fill(text, values) for text in part.get("paragraphs", ())),
        "closing": tuple(_fill(text, values) for text in part.get("closing", ())),
        "signature": typeset(str(insurer.get("signature") or "")),
        "footer": typeset(str(insurer.get("footer") or "")),
    }


def decline_letter(
    wording: Mapping[str, Any], facts: LetterFacts, reason: str, alternative: str | None, compulsory_motor: bool
) -> Letter:
    """Lettre de refus: the reason, the alternative when there is one, the BCT for motor liability."""
    part = wording["decline"]
    values = {
        **facts.values(),
        "reason": " ".join(reason.split()),
        "alternative": " ".join((alternative or "").split()),
    }
    fields = _letter(wording, part, facts, values, "Réponse à votre demande de souscription")
    if alternative and alternative.strip():
        fields["paragraphs"] = (*fields["paragraphs"], _fill(part.get("alternative"), values))
    if compulsory_motor:
        fields["notice"] = _fill(part.get("bct"), values)
    return Letter(**fields)


def documents_letter(
    wording: Mapping[str, Any], facts: LetterFacts, documents: Iterable[str], deadline: date
) -> Letter:
    """Demande de pièces: the documents (French labels) and the deadline."""
    part = wording["documents_request"]
    values = {**facts.values(), "deadline": date_text(deadline)}
    fields = _letter(wording, part, facts, values, "Demande de pièces justificatives")
    fields.update(
        items_intro=_fill(part.get("list_intro"), values),
        items=tuple(typeset(label) for label in documents),
        after_items=_fill(part.get("after_list"), values),
    )
    return Letter(**fields)


# --- PDF ---------------------------------------------------------------------------------------------


def _styles(family: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=15, textColor=INK, spaceAfter=8)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        "sender": ParagraphStyle("sender", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "sender_name": ParagraphStyle("sender_name", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceAfter=0),
        "recipient": ParagraphStyle("recipient", parent=body, leading=14, spaceAfter=0),
        "subject": ParagraphStyle("subject", parent=body, fontName=BOLD, spaceBefore=6),
        "notice": ParagraphStyle("notice", parent=body, fontSize=9.5, leading=13, spaceAfter=0),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _letter_story(letter: Letter, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    sender = [_p(letter.sender[0], s["sender_name"]), *(_p(line, s["sender"]) for line in letter.sender[1:])]
    recipient = [_p(line, s["recipient"]) for line in letter.recipient]
    head = Table([[sender, recipient]], colWidths=[FRAME_WIDTH * 0.55, FRAME_WIDTH * 0.45])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Flowable] = [
        head,
        Spacer(1, 14 * mm),
        _p(letter.dated, s["body"]),
        _p(letter.reference, s["small"]),
        _p(f"Objet : {letter.subject}" if letter.subject else "", s["subject"]),
        Spacer(1, 4),
        _p(letter.salutation, s["body"]),
        *(_p(text, s["body"]) for text in letter.paragraphs),
    ]
    if letter.items:
        story.append(_p(letter.items_intro, s["body"]))
        story.append(
            ListFlowable(
                [ListItem(_p(item, s["body"]), leftIndent=14) for item in letter.items],
                bulletType="bullet",
                bulletFontName=FONT_FAMILY,
                leftIndent=14,
            )
        )
        if letter.after_items:
            story.append(_p(letter.after_items, s["body"]))
    if letter.notice:
        box = Table([[_p(letter.notice, s["notice"])]], colWidths=[FRAME_WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story += [Spacer(1, 4), box, Spacer(1, 10)]
    story += [_p(text, s["body"]) for text in letter.closing]
    story += [Spacer(1, 8), _p(letter.signature, s["body"])]
    return story


def render_letter_pdf(letter: Letter) -> bytes:
    """The letter as A4 PDF bytes, the same bytes for the same letter."""
    family = register_fonts()
    s = _styles(family)
    buffer = BytesIO()

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT_FAMILY, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, letter.footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=18 * mm,
        title=f"{letter.title} — {letter.reference}",
        author="polyadmin",
        creator="polyadmin",
        invariant=True,
        lang="fr-FR",
    )
    document.build(_letter_story(letter, s), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


# --- accessible HTML ------------------------------------------------------------------------------------

HTML_STYLE = (
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:1.375rem;line-height:1.6;color:#1d2733;"
    "background:#fff;max-width:40em;margin:1.5em auto;padding:0 1em}"
    "h1{font-size:1.6rem}address{font-style:normal;margin-bottom:1em}"
    ".mention{border:2px solid #1d2733;padding:.6em .9em}footer{font-size:1rem;color:#444;margin-top:2em}"
)


def render_letter_html(letter: Letter) -> str:
    """The same letter as one accessible HTML page (French language, real headings and list, large
    text, no image), for a client whose record asks for accessible formats."""

    def h(text: str) -> str:
        return html_escape(text, quote=True)

    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(letter.title)} — {h(letter.reference)}</title>",
        f"<style>{HTML_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<address aria-label="Expéditeur">{"<br>".join(h(line) for line in letter.sender)}</address>',
        f'<address aria-label="Destinataire">{"<br>".join(h(line) for line in letter.recipient)}</address>',
        f"<p>{h(letter.dated)}<br>{h(letter.reference)}</p>",
        "</header>",
        "<main>",
        f"<h1>{h(letter.subject)}</h1>",
        f"<p>{h(letter.salutation)}</p>",
        *(f"<p>{h(text)}</p>" for text in letter.paragraphs),
    ]
    if letter.items:
        parts.append(f"<p>{h(letter.items_intro)}</p>")
        parts.append("<ul>" + "".join(f"<li>{h(item)}</li>" for item in letter.items) + "</ul>")
        if letter.after_items:
            parts.append(f"<p>{h(letter.after_items)}</p>")
    if letter.notice:
        parts.append(f'<p class="mention" role="note">{h(letter.notice)}</p>')
    parts += [f"<p>{h(text)}</p>" for text in letter.closing]
    parts += [f"<p>{h(letter.signature)}</p>", "</main>", f"<footer>{h(letter.footer)}</footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
