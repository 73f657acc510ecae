"""Demo step 80: placeholder, filled below."""


def load() -> None:
    """Nothing yet."""
