"""The action journal (journal des actions): append, hash chain, verify, read, export."""
