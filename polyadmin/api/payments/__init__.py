"""Encaissements: payments on a contract, its ledger, the sandbox's collections (issue 14 §1)."""
