"""The checks of each wizard step, pure: a draft's data plus the database facts in, a verdict out.

`data` is the draft's JSON, with the NIR decrypted into the transient key `nir` by the caller.
"""

from collections.abc import Callable
from typing import Any

from models import PrintLanguage
from services.i18n import _
from services.rules import academic_year, identity, step_content
from services.rules.catalog import LAST_STEP, STEP_TITLES
from services.rules.facts import PartyFacts, WizardFacts
from services.rules.reader import Reader
from services.rules.verdict import StepCheck, Verdict

Check = Callable[[dict[str, Any], WizardFacts], StepCheck]


def _student(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    read = Reader(data)
    if not data.get('formation_label'):
        read.verdict.error(
            'formation_label',
            _("Votre formation n'est pas connue de l'annuaire : contactez le bureau des stages de votre composante."),
        )
    year = str(data.get('academic_year') or '')
    if not academic_year.is_label(year):
        read.verdict.error(
            'academic_year', _('Année universitaire invalide « {year} » : attendu 2026-2027.', year=year)
        )
    read.email('student_email')
    read.email('student_personal_email', required=False)
    read.phone('student_phone', str(data.get('student_country_code') or 'FR'))
    read.text('student_address', required=False, max_length=300)
    read.text('student_postal_code', required=False, max_length=20)
    read.text('student_city', required=False, max_length=100)
    read.text('student_country_code', required=False, max_length=2)
    if read.boolean('social_security_affiliation', default=True):
        read.text('health_insurance_fund', max_length=300)
        message = identity.nir_error(str(data.get('nir') or ''))
        if message:
            read.verdict.error('nir', message)
    else:
        read.values['health_insurance_fund'] = read.text('health_insurance_fund', required=False, max_length=300) or ''
        nir = str(data.get('nir') or '')
        if nir and (message := identity.nir_error(nir)):
            read.verdict.error('nir', message)
    offer_id = read.ident('offer_id', required=False)
    if offer_id is not None and facts.offer_published is False:
        read.verdict.error(
            'offer_id', _("Cette offre n'est plus publiée : choisissez-en une autre ou répondez « Non ».")
        )
    return StepCheck(read.verdict, values=read.values)


def _organisation(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    read = Reader(data)
    if read.ident('organisation_id') is None:
        return StepCheck(read.verdict)
    host = facts.organisation
    if host is None:
        read.verdict.error('organisation_id', _("Cet établissement d'accueil n'existe plus : recherchez-le à nouveau."))
    elif not host.usable:
        read.verdict.error(
            'organisation_id',
            _("L'établissement « {name} » est fermé ou a été fusionné : choisissez-en un autre.", name=host.name),
        )
    return StepCheck(read.verdict, values=read.values)


def _party(key: str, chosen: Callable[[WizardFacts], PartyFacts | None], message: str) -> Check:
    """A service or contact of the chosen host (steps 3, 4, 7)."""

    def check(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
        read = Reader(data)
        if read.ident(key) is None:
            return StepCheck(read.verdict)
        party = chosen(facts)
        host_id = facts.organisation.id if facts.organisation else None
        if party is None or party.organisation_id != host_id:
            read.verdict.error(key, message)
        return StepCheck(read.verdict, values=read.values)

    return check


def _referent(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    read = Reader(data)
    if read.ident('referent_id') is None:
        return StepCheck(read.verdict)
    if facts.referent is None or not facts.referent.active:
        read.verdict.error(
            'referent_id', _("Cet enseignant ne fait plus partie de l'annuaire : choisissez un autre enseignant.")
        )
    return StepCheck(read.verdict, values=read.values)


def check_step(step: int, data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    """The verdict of one step; step 8 (the recap) checks every step again."""
    if step == LAST_STEP:
        return check_all(data, facts)
    checks: dict[int, Check] = {
        1: _student,
        2: _organisation,
        3: _party(
            'service_id', lambda f: f.service, _("Ce service n'appartient pas à l'établissement d'accueil choisi.")
        ),
        4: _party('tutor_id', lambda f: f.tutor, _("Ce tuteur n'appartient pas à l'établissement d'accueil choisi.")),
        5: step_content.check,
        6: _referent,
        7: _party(
            'signatory_id',
            lambda f: f.signatory,
            _("Ce signataire n'appartient pas à l'établissement d'accueil choisi."),
        ),
    }
    if step not in checks:
        raise ValueError(f'no such wizard step: {step}')
    return checks[step](data, facts)


def check_all(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    """Every step; errors are keyed by field, and `computed['failed_steps']` lists the steps to fix."""
    verdict = Verdict()
    computed: dict[str, Any] = {}
    values: dict[str, Any] = {}
    failed = []
    for step in range(1, LAST_STEP):
        result = check_step(step, data, facts)
        if not result.verdict.ok:
            failed.append(step)
        verdict.merge(result.verdict)
        computed.update(result.computed)
        values.update(result.values)
    computed['failed_steps'] = failed
    if failed:
        verdict.error(
            'steps',
            _(
                'Des étapes sont incomplètes ou incorrectes : {steps}.',
                steps=', '.join(f'{step}. {STEP_TITLES[step]}' for step in failed),
            ),
        )
    values.setdefault('print_language', PrintLanguage.FRENCH)
    return StepCheck(verdict, computed, values)
