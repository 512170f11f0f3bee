"""Scale and speed measurements: `make bench` and `make faults` (see README.md here)."""
