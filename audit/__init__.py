"""translation-audit: find and explain errors in translated copy."""

__version__ = "0.1.0"
