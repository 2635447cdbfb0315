"""Use cases: the only code that opens database sessions and writes. No UI import here."""
