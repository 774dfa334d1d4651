"""Dashboard, exam sessions, the sandbox clock and the sandbox reset (trainers, administrators)."""
