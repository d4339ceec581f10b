"""paperlint's version, in a leaf module: anything may import it without importing the package's
pipeline (``paperlint`` <-> ``paperlint.api`` was a cycle while it lived in ``__init__``)."""

__version__ = "0.1.0"
