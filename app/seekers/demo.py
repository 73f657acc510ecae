"""Demo step 60: job seekers of `joensuu` (filled in below)."""


def load() -> None:
    """Create the demo seekers."""
