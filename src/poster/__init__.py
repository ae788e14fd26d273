"""poster: branded, print-ready posters of numbered two-sided contrast infographics."""

__version__ = "0.1.0"
