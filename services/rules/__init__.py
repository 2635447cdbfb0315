"""The law of conventions de stage as code: pure checks (durations, gratification, limits, identity)
with French messages, plus `loading` which gathers the database facts they need.

Every legal number lives in `legal`; the yearly gratification rates in the `gratification_rate` table.
"""

from services.rules.catalog import LAST_STEP, STEP_FIELDS, STEP_TITLES, STEPS
from services.rules.durations import Duration, Period, effective_duration
from services.rules.verdict import RuleViolation, StepCheck, Verdict

__all__ = [
    'LAST_STEP',
    'STEPS',
    'STEP_FIELDS',
    'STEP_TITLES',
    'Duration',
    'Period',
    'RuleViolation',
    'StepCheck',
    'Verdict',
    'effective_duration',
]
