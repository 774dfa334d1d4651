"""The JSON API of the agreement, the issue of contracts, the contracts and the departments' tasks."""
