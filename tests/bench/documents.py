"""Client documents benchmark: the conditions particulières of a 3-guarantee auto contract against a bare
ReportLab document of the same text and length, and documents per second for the whole bundle.

Figures, not pass/fail (targets in issue #11: the CP under 50 ms, at most 1.5 × the bare page).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from polyadmin.catalogue import load_directory
from polyadmin.documents.contract_documents import (
    attestation_document,
    conditions_particulieres_document,
    echeancier_document,
    mandate_document,
    welcome_letter_document,
)
from polyadmin.documents.layout import render_html, render_pdf
from polyadmin.documents.offer_documents import advice_document, quote_document
from polyadmin.documents.resources import register_fonts
from polyadmin.documents.wording import load_client_wording
from tests.helpers import document_views as views

PRODUCTS = Path(__file__).resolve().parents[2] / "products"
RUNS = 40


def _median_ms(function: Callable[[], object], runs: int = RUNS) -> float:
    function()  # warm-up: fonts registered, caches filled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _bare_pdf(lines: list[str], family: str) -> bytes:
    """The same text as plain paragraphs on A4: what ReportLab costs without our layout."""
    buffer = BytesIO()
    style = ParagraphStyle("bare", fontName=family, fontSize=9.5, leading=13)
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=True)
    document.build([Paragraph(escape(line), style) for line in lines])
    return buffer.getvalue()


def _pages(pdf: bytes) -> int:
    return len(list(PDFPage.get_pages(BytesIO(pdf))))


def main() -> None:
    print("polyadmin client documents benchmark")
    wording = load_client_wording()
    layout = wording.layout
    contract = views.auto_contract()

    def cp() -> bytes:
        return render_pdf(conditions_particulieres_document(contract, load_client_wording()), layout)

    pdf = cp()
    lines = [line for line in extract_text(BytesIO(pdf)).splitlines() if line.strip()]
    family = register_fonts()
    bare = _bare_pdf(lines, family)
    cp_ms = _median_ms(cp)
    bare_ms = _median_ms(lambda: _bare_pdf(lines, family))
    print(
        f"  conditions particulières (3 garanties, {_pages(pdf)} p.) : {cp_ms:.1f} ms (médiane de {RUNS}, "
        f"wording relu à chaque fois) — objectif < 50 ms"
    )
    print(f"  page ReportLab nue du même texte ({_pages(bare)} p., {len(lines)} lignes) : {bare_ms:.1f} ms")
    print(f"  rapport : {cp_ms / bare_ms:.2f} × — objectif ≤ 1,5 ×")

    auto = next(p for p in load_directory(PRODUCTS).catalogue.products if p.code == "AUTO")
    advice, quote = views.advice(), views.quote()
    bundle = (
        lambda: quote_document(quote, wording, [auto], advice),
        lambda: advice_document(advice, wording),
        lambda: conditions_particulieres_document(contract, wording),
        lambda: attestation_document(contract, wording),
        lambda: echeancier_document(contract, wording),
        lambda: mandate_document(contract, wording),
        lambda: welcome_letter_document(contract, wording),
    )
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        for build in bundle:
            render_pdf(build(), layout)
    elapsed = time.perf_counter() - start
    print(
        f"  lot complet (devis + DIPA + conseil, conseil, CP, attestation, échéancier, mandat, bienvenue) : "
        f"{rounds * len(bundle) / elapsed:.1f} documents PDF par seconde"
    )
    start = time.perf_counter()
    for _ in range(rounds):
        for build in bundle:
            render_html(build())
    elapsed = time.perf_counter() - start
    print(f"  leurs versions HTML accessibles : {rounds * len(bundle) / elapsed:.0f} documents par seconde")


if __name__ == "__main__":
    main()
