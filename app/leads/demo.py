"""Demo step 70 (filled in below)."""


def load() -> None:
    """Create the demo leads, proposals and placements."""
