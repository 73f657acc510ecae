"""Routes of the seekers blueprint, one module per page: seekers (list, page, edit, erase, rankings), consents,
capability assessments, the workplace list and the comparison with a bundle's demand."""

from app.seekers.routes import capability, compare, consents, seekers, workplace  # noqa: F401
