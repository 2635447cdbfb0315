"""A fresh process-wide search engine built from the test's database (the app builds it at start-up)."""

from collections.abc import Iterator

import pytest

from services import search
from services.search import SearchEngine, build_from_database


@pytest.fixture
def search_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[SearchEngine]:
    """Searches go through the engine (not the SQL fallback used while it builds), as in production."""
    engine = SearchEngine()
    monkeypatch.setattr(search, '_engine', engine)
    build_from_database(engine)
    yield engine
