"""Fixtures for the profiles tests."""

import pytest

from tests.profiles import builders


@pytest.fixture
def codes(app):
    """The seed catalogue, loaded: {code: id}."""
    return builders.catalogue(app)
