"""Desktop tool that turns Chinese news into a gold named-entity dataset."""

__version__ = "0.1.0"
