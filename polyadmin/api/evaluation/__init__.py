"""The evaluation committee's API: a candidate's grid, marks, decisions and report; the session's export."""
