"""The outcome of a check: errors refuse (the step cannot go on), warnings only inform."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Verdict:
    """Messages keyed by the field they concern (the wizard shows them next to it), in French."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, key: str, message: str) -> None:
        # The first message for a field is the most basic one (e.g. « obligatoire » before « trop long »).
        self.errors.setdefault(key, message)

    def warn(self, key: str, message: str) -> None:
        self.warnings.setdefault(key, message)

    def merge(self, other: 'Verdict') -> 'Verdict':
        for key, message in other.errors.items():
            self.error(key, message)
        for key, message in other.warnings.items():
            self.warn(key, message)
        return self


# The name the legal texts suggest for a single refusal; one Verdict may hold several.
RuleViolation = Verdict


@dataclass
class StepCheck:
    """A step's verdict, with what the server computed (durations, minimums) and the typed values read."""

    verdict: Verdict
    computed: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # keyed like the Convention columns
