"""What the step checks need to know from the database, as plain values (the checks stay pure)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from services.rules.limits import OtherConvention


@dataclass(frozen=True)
class HostFacts:
    id: int
    name: str
    country_code: str
    usable: bool = True  # False when closed or merged into another organisation
    merged_into_id: int | None = None


@dataclass(frozen=True)
class PartyFacts:
    """A service, contact or teacher chosen in the wizard: who it belongs to."""

    id: int
    organisation_id: int | None = None
    service_id: int | None = None
    country_code: str | None = None  # a service at another address (abroad…)
    active: bool = True


@dataclass(frozen=True)
class WizardFacts:
    today: date
    is_staff: bool = False
    switch_month: int = 9
    switch_day: int = 1
    overlap_allowed: bool = False
    organisation: HostFacts | None = None
    service: PartyFacts | None = None
    tutor: PartyFacts | None = None
    signatory: PartyFacts | None = None
    referent: PartyFacts | None = None
    offer_published: bool | None = None  # None: no offer chosen
    thematiques: frozenset[str] = frozenset()
    found_how: frozenset[str] = frozenset()
    others: tuple[OtherConvention, ...] = ()  # the student's other live conventions, avenants applied
    rates: Mapping[int, int] = field(default_factory=dict)

    @property
    def country_code(self) -> str | None:
        """Where the stage takes place: the service's own country if it has one, else the host's."""
        if self.service is not None and self.service.country_code:
            return self.service.country_code
        return self.organisation.country_code if self.organisation else None

    @property
    def abroad(self) -> bool | None:
        country = self.country_code
        return None if country is None else country != 'FR'
