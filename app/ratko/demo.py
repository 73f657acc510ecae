"""Demo RATKO engagements (written below)."""


def load() -> None:
    """Create the demo engagements."""
