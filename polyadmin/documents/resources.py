"""Where the document files live (documents/: fonts, templates) and the fonts registered once for ReportLab."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from polyadmin.config import DATA_FOLDERS, data_folder

ENVIRONMENT_VARIABLE = DATA_FOLDERS["documents"][0]

# DejaVu Sans has every glyph French documents need: accents, œ, €, « », and the narrow
# no-break space (U+202F) Babel puts between thousands in French amounts.
FONT_FAMILY = "PolyadminSans"
FONT_FILES = {
    FONT_FAMILY: "DejaVuSans.ttf",
    f"{FONT_FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT_FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
}
BOLD = f"{FONT_FAMILY}-Bold"
OBLIQUE = f"{FONT_FAMILY}-Oblique"

_lock = threading.Lock()


class DocumentFilesMissing(RuntimeError):
    """The documents folder or one of its fonts cannot be found; the message says where it looked."""


def documents_path() -> Path:
    """$POLYADMIN_DOCUMENTS_PATH if set, else the repository's documents/ folder (ConfigurationError,
    naming the variable, if missing)."""
    return data_folder("documents")


def fonts_path() -> Path:
    return documents_path() / "fonts"


def register_fonts() -> str:
    """Register the DejaVu family with ReportLab (once per process); returns the family name."""
    with _lock:
        if FONT_FAMILY in pdfmetrics.getRegisteredFontNames():
            return FONT_FAMILY
        folder = fonts_path()
        missing = [name for name in FONT_FILES.values() if not (folder / name).is_file()]
        if missing:
            raise DocumentFilesMissing(
                f"Polices introuvables dans {folder} : {', '.join(missing)} "
                f"(définissez {ENVIRONMENT_VARIABLE} vers le dossier documents/)."
            )
        # Bold and oblique first: the family name is the marker that everything is registered.
        for name in (BOLD, OBLIQUE, FONT_FAMILY):
            pdfmetrics.registerFont(TTFont(name, str(folder / FONT_FILES[name])))
        addMapping(FONT_FAMILY, 0, 0, FONT_FAMILY)
        addMapping(FONT_FAMILY, 1, 0, BOLD)
        addMapping(FONT_FAMILY, 0, 1, OBLIQUE)
        addMapping(FONT_FAMILY, 1, 1, BOLD)
        return FONT_FAMILY
