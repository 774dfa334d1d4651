"""The journal page of a sandbox: entries, filters, and the verdict of the hash chain."""
