"""A fresh process-wide search engine built from the test's database (the app builds it at start-up)."""

import pytest

from services import search
from services.search import SearchEngine, build_from_database


@pytest.fixture
def search_engine(monkeypatch: pytest.MonkeyPatch) -> SearchEngine:
    """Searches go through the engine (not the SQL fallback used while it builds), as in production."""
    engine = SearchEngine()
    monkeypatch.setattr(search, '_engine', engine)
    build_from_database(engine)
    return engine


def reindex(engine: SearchEngine, *kinds: str) -> None:
    """After rows were written straight to the database (as another instance would)."""
    if kinds:
        build_from_database(engine, kinds)
    else:
        build_from_database(engine)
