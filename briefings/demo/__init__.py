"""Demo data: the IMRF outcomes briefing of the seed, its records, and an upcoming follow-up."""
from .programme import load_demo
from .records import load_records

__all__ = ["load_demo", "load_records"]
