"""Pure business logic: no Flask, no SQL, no I/O."""
