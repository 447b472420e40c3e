"""kg: a knowledge graph of bilateral diplomatic relations built from source documents."""

__version__ = "0.1.0"
