"""lawqa: a data-quality and provenance gate for Chinese government documents."""

__version__ = "0.1.0"
