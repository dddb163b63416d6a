"""debrief: war reporting into a ledger of events and claims, every field traceable to its text."""

__version__ = "0.1.0"
