"""Documents rendered as PDF with ReportLab (platypus) from domain objects and the files in documents/.

This layer sits next to polyadmin.catalogue: it reads domain objects and the fonts shipped under
documents/fonts/, and returns bytes. It never touches the database, the services or the web.
"""

from polyadmin.documents.ipid import render_ipid

__all__ = ["render_ipid"]
