"""A page of results: the items shown plus what the pager needs (total, page number, page size)."""

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar('T')

PAGE_SIZE = 20


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    number: int  # 1-based
    size: int = PAGE_SIZE

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def clamp_page(page: int, total: int, size: int = PAGE_SIZE) -> int:
    """A page number inside 1..page_count, whatever the URL or the pager asked for."""
    return min(max(1, page), max(1, math.ceil(total / size)))
