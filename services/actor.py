"""Who is acting: a user with the union of his roles and their composante scopes."""

from dataclasses import dataclass, field

from models import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    login: str
    display_name: str
    # For each role held, the composantes it covers; None means every composante.
    scopes: dict[Role, frozenset[int] | None] = field(default_factory=dict)
    student_id: int | None = None
    teacher_id: int | None = None
    language: str = 'fr'

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(self.scopes)

    def has(self, role: Role) -> bool:
        return role in self.scopes

    def covers(self, role: Role, composante_id: int | None) -> bool:
        """True when `role` is held for `composante_id` (or for every composante)."""
        if role not in self.scopes:
            return False
        composantes = self.scopes[role]
        return composantes is None or (composante_id is not None and composante_id in composantes)

    def composantes(self, role: Role) -> frozenset[int] | None:
        """The composantes `role` covers: None for all, an empty set when the role is not held."""
        if role not in self.scopes:
            return frozenset()
        return self.scopes[role]
