"""Search engine (draft docstring, completed below)."""

from services.search.engine import (
    CONVENTIONS,
    ESTABLISHMENTS,
    OFFERS,
    STUDENTS,
    TEACHERS,
    IndexStats,
    SearchEngine,
)
from services.search.records import Filters, Hit, SearchRecord

__all__ = [
    'CONVENTIONS',
    'ESTABLISHMENTS',
    'OFFERS',
    'STUDENTS',
    'TEACHERS',
    'Filters',
    'Hit',
    'IndexStats',
    'SearchEngine',
    'SearchRecord',
]
