"""« Évaluation »: the committee's pages — a candidate's grid, marks and decisions; the session's overview."""
