"""datasheet-kit: write, check and publish datasheets for datasets."""

__version__ = "0.1.0"
