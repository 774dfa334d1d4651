"""The only door for changes: one function per user action, one transaction, one journal entry."""
