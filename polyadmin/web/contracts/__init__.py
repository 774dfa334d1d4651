"""« Contrats »: the client's agreement on a quote, the issue of its contracts, the contracts, the tasks."""
