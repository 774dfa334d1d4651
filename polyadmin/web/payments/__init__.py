"""The « Encaissements » pages: the sandbox's collections, a contract's account and its payment form."""
