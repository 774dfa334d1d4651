"""« Documents »: a sandbox's supporting documents and their SPECIMEN PDFs."""
