"""Client records: the list, the client page (« fiche 360° »), the client form, contacts; the portfolio's labels."""
