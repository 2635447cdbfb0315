"""What the engine stores and returns: plain values, no database types."""

from collections.abc import Mapping
from dataclasses import dataclass, field

AttributeValue = str | int | bool | None


@dataclass(frozen=True)
class SearchRecord:
    """One searchable record.

    title: the words people type to find it (raison sociale + enseigne, « Nom Prénom », an offer's title);
    body: secondary words that count less (an offer's description and host);
    codes: identifiers found by prefix (SIRET, convention or offer number);
    attributes: values filters and preferences compare exactly (département, pays, section NAF, open…).
    """

    title: str
    body: str = ''
    codes: tuple[str, ...] = ()
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


Filters = Mapping[str, AttributeValue]
