"""What the demo builders share: the session, the seeded generators, and the rows made so far."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker
from sqlmodel import Session

from models import Composante, Formation, OrganisationType, Student, Teacher, User
from services.demo.catalogue import FormationSpec

# The demo is dated: statuses, publication windows and ages are computed from this day, so that two
# runs give the same data whenever they happen.
DEMO_TODAY = date(2026, 11, 29)
CURRENT_YEAR = 2026  # first year of the current academic year 2026-2027
ACADEMIC_YEAR_LAST_FRIDAY = date(CURRENT_YEAR + 1, 8, 27)  # stages of 2026-2027 end by then
UNIVERSITY_DOMAIN = 'universite.example'


@dataclass(frozen=True)
class Host:
    """An organisation as the builders need it (hosts are bulk-inserted as plain rows, for speed)."""

    id: int
    name: str
    city: str
    departement_code: str | None
    country_code: str
    naf_code: str
    kind: OrganisationType


@dataclass(frozen=True)
class HostService:
    id: int
    organisation_id: int
    name: str


@dataclass(frozen=True)
class HostContact:
    id: int
    first_name: str
    last_name: str
    email: str


@dataclass
class DemoContext:
    session: Session
    fake: Faker
    rng: random.Random
    composantes: list[Composante] = field(default_factory=list)
    formation_specs: dict[int, FormationSpec] = field(default_factory=dict)  # by formation id
    formations: dict[int, Formation] = field(default_factory=dict)
    students: dict[int, list[Student]] = field(default_factory=dict)  # by composante id
    teachers: dict[int, list[Teacher]] = field(default_factory=dict)  # by composante id
    organisations: dict[int, Host] = field(default_factory=dict)  # open ones, French and abroad, by id
    french_by_division: dict[str, list[Host]] = field(default_factory=dict)  # open and checked, by NAF division
    abroad: list[Host] = field(default_factory=list)  # open ones abroad
    services: dict[int, list[HostService]] = field(default_factory=dict)  # by organisation id
    tutors: dict[int, list[HostContact]] = field(default_factory=dict)  # by service id
    signatories: dict[int, HostContact] = field(default_factory=dict)  # by organisation id
    users: dict[str, User] = field(default_factory=dict)  # by login
    managers: dict[int, User] = field(default_factory=dict)  # gestionnaire by composante id
    demo_student: Student | None = None
    demo_teacher: Teacher | None = None

    @classmethod
    def start(cls, session: Session, seed: int) -> 'DemoContext':
        fake = Faker('fr_FR')
        fake.seed_instance(seed)
        return cls(session=session, fake=fake, rng=random.Random(seed))

    def moment(self, day: date) -> datetime:
        """An aware UTC timestamp during office hours of `day`."""
        return datetime.combine(day, time(self.rng.randint(7, 16), self.rng.randint(0, 59)), tzinfo=UTC)

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def monday_between(self, first: date, last: date) -> date:
        day = self.day_between(first, last)
        return day - timedelta(days=day.weekday())


def ident(value: int | None) -> int:
    """The id of a flushed row (typed as int for the foreign keys that need it)."""
    assert value is not None
    return value
