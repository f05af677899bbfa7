"""provenance: the same statement across news outlets, who said it, and who credited whom."""

__version__ = "0.1.0"
