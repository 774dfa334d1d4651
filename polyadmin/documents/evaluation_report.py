"""The evaluation report of a candidate (rapport d'évaluation), as PDF (ReportLab).

Plain view data in (`EvaluationReport`, built by services/evaluation_report.py), bytes out: the grid
with the journal's automatic findings and the entries they rest on, the evaluator's marks and comments,
the committee's decisions per block, the planted cases, and the sealed heads of the sandbox's journals.
The wording is data (`documents/evaluation_report.yaml`); the same report gives the same bytes
(ReportLab `invariant`: no creation date inside).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from polyadmin.documents.resources import BOLD, documents_path, register_fonts
from polyadmin.domain.french import typeset

WORDING_FILE = "evaluation_report.yaml"
INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#56636f")
RULE = colors.HexColor("#c8d0d8")
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN


class ReportWordingInvalid(ValueError):
    """documents/evaluation_report.yaml cannot be read or misses a part: the message names it."""


def load_report_wording(path: Path | None = None) -> dict[str, Any]:
    path = path or documents_path() / WORDING_FILE
    try:
        wording = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReportWordingInvalid(f"{path} : lecture impossible ({exc}).") from None
    for key in ("identity", "sections", "columns", "notes"):
        if not isinstance(wording, dict) or not isinstance(wording.get(key), dict):
            raise ReportWordingInvalid(f"{path} : rubrique « {key} » absente.")
    return wording


@dataclass(frozen=True)
class ReportCriterion:
    code: str
    label: str
    automatic: str  # « Observé », « Non observé », « Pas encore d'occasion », « Observation de l'évaluateur »
    evidence: str  # « n° 12, 14 »
    mark: str  # the mark's label, or empty
    comment: str
    marked_by: str  # « Claire Martin, le 2 mars 2026 », or empty


@dataclass(frozen=True)
class ReportCompetence:
    code: str
    label: str
    criteria: tuple[ReportCriterion, ...]


@dataclass(frozen=True)
class ReportCase:
    number: str
    expected: str
    candidate: str
    match: str
    anomalies: str


@dataclass(frozen=True)
class ReportDecision:
    block: str
    decision: str
    comment: str
    decided_by: str


@dataclass(frozen=True)
class ReportHead:
    label: str  # « Travail du candidat »
    stream: str
    seq: int
    seal: str


@dataclass(frozen=True)
class EvaluationReport:
    candidate: str
    session: str
    scenario: str
    catalogue: str
    sandbox_date: str
    decisions: tuple[ReportDecision, ...]
    competences: tuple[ReportCompetence, ...]
    cases: tuple[ReportCase, ...]
    heads: tuple[ReportHead, ...]


def _styles(family: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=family, fontSize=9, leading=12, textColor=INK, spaceAfter=4)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=6),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(typeset(text)), style)


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=[FRAME_WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _story(report: EvaluationReport, wording: dict[str, Any], s: dict[str, ParagraphStyle]) -> list[Flowable]:
    identity, sections, columns, notes = (wording[k] for k in ("identity", "sections", "columns", "notes"))
    story: list[Flowable] = [
        _p(str(wording.get("title") or ""), s["title"]),
        _p(str(wording.get("subtitle") or ""), s["small"]),
        Spacer(1, 4),
    ]
    for key, value in (
        ("candidate", report.candidate),
        ("session", report.session),
        ("scenario", report.scenario),
        ("catalogue", report.catalogue),
        ("sandbox_date", report.sandbox_date),
    ):
        story.append(_p(f"{identity[key]} : {value}", s["body"]))
    story.append(_p(str(sections["decisions"]), s["h2"]))
    if not report.decisions:
        story.append(_p(str(notes["no_decision"]), s["body"]))
    for decision in report.decisions:
        story.append(_p(f"{decision.block} : {decision.decision} ({decision.decided_by})", s["h3"]))
        if decision.comment:
            story.append(_p(decision.comment, s["body"]))
    story += [_p(str(sections["grid"]), s["h2"]), _p(str(notes["automatic"]), s["small"])]
    header = [_p(str(columns[key]), s["head"]) for key in ("criterion", "automatic", "evidence", "mark")]
    for competence in report.competences:
        story.append(_p(f"{competence.code} — {competence.label}", s["h3"]))
        rows: list[list[Any]] = [header]
        for criterion in competence.criteria:
            mark = [_p(criterion.mark or str(notes["no_mark"]), s["head" if criterion.mark else "cell"])]
            if criterion.comment:
                mark.append(_p(criterion.comment, s["cell"]))
            if criterion.marked_by:
                mark.append(_p(criterion.marked_by, s["small"]))
            rows.append(
                [
                    _p(f"{criterion.code} {criterion.label}", s["cell"]),
                    _p(criterion.automatic, s["cell"]),
                    _p(criterion.evidence, s["cell"]),
                    mark,
                ]
            )
        story.append(_table(rows, [0.36, 0.16, 0.16, 0.32]))
    story.append(_p(str(sections["cases"]), s["h2"]))
    for case in report.cases:
        story.append(_p(f"{columns['case']} {case.number} : {case.match}", s["h3"]))
        for key, value in (("expected", case.expected), ("candidate", case.candidate), ("anomalies", case.anomalies)):
            story.append(_p(f"{columns[key]} : {value}", s["cell"]))
    story += [_p(str(sections["heads"]), s["h2"]), _p(str(notes["heads"]), s["small"])]
    for head in report.heads:
        story.append(_p(f"{head.label} ({head.stream})", s["h3"]))
        story.append(_p(f"{columns['seq']} : {head.seq} — {columns['seal']} : {head.seal}", s["cell"]))
    return story


def render_evaluation_report(report: EvaluationReport, wording: dict[str, Any] | None = None) -> bytes:
    """The report as A4 PDF bytes, the same bytes for the same report."""
    wording = wording or load_report_wording()
    family = register_fonts()
    s = _styles(family)
    buffer = BytesIO()
    footer_text = typeset(str(wording.get("footer") or ""))

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(family, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 9 * mm, footer_text)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title=f"{wording.get('title', '')} — {report.candidate}",
        author="polyadmin",
        creator="polyadmin",
        invariant=True,
        lang="fr-FR",
    )
    document.build(_story(report, wording, s), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
