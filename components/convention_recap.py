"""The read-only recap of a convention, grouped as the wizard's steps, with room for actions.

`convention_recap()` returns the actions row (marked 'recap-actions') where pages add « Modifier »,
« Supprimer », « Impression »…; `section_actions`, when given, is called inside each group's header
with the group's key so a page can add a per-group « modifier » link.
"""

from collections.abc import Callable

from nicegui import ui

from components.display import field_grid, fr_date, fr_datetime, section_title, yes_no
from services.convention_detail import ConventionDetail, PersonPart
from services.i18n import _

NIR_MASK = '•••••••••••••••'

SectionActions = Callable[[str], None]


def _group(key: str, title: str, rows: list[tuple[str, object]], section_actions: SectionActions | None) -> None:
    with ui.card().classes('w-full').mark(f'recap-section recap-{key}'):
        with ui.row().classes('w-full items-center'):
            section_title(title)
            ui.space()
            if section_actions is not None:
                section_actions(key)
        field_grid(rows)


def _person_rows(person: PersonPart, function_label: str) -> list[tuple[str, object]]:
    return [
        (_('Nom'), person.name),
        (function_label, person.function),
        (_('E-mail'), person.email),
        (_('Téléphone'), person.phone),
    ]


def convention_recap(detail: ConventionDetail, *, section_actions: SectionActions | None = None) -> ui.row:
    with ui.row().classes('items-center gap-3 flex-wrap').mark('recap-header'):
        ui.label(_('Convention n° {number}', number=detail.number)).classes('text-lg font-semibold')
        ui.badge(_(detail.status_label)).props('color=primary').classes('text-sm').mark('recap-status')
        ui.label(_('créée le {date}', date=fr_datetime(detail.created_at))).classes('text-grey-8')
    s, h, c = detail.student, detail.host, detail.content
    _group(
        'etudiant',
        _('Étudiant'),
        [
            (_('Nom'), s.name),
            (_('N° étudiant'), s.student_number),
            (_('Date de naissance'), fr_date(s.birth_date)),
            (_('E-mail institutionnel'), s.email),
            (_('E-mail personnel'), s.personal_email),
            (_('Téléphone'), s.phone),
            (_('Adresse'), s.address),
            (_('Composante'), s.composante),
            (_('Formation'), s.formation),
            (_('Étape'), s.etape),
            (_('Année universitaire'), s.academic_year),
            (_('Volume horaire annuel de la formation'), _('{hours} h', hours=s.formation_yearly_hours)),
            (_('Affiliation sécurité sociale'), yes_no(s.social_security_affiliation)),
            (_("Caisse d'assurance maladie"), s.health_insurance_fund),
            (_('N° de sécurité sociale'), NIR_MASK if s.nir_recorded else None),
        ],
        section_actions,
    )
    _group(
        'etablissement',
        _("Établissement d'accueil"),
        [
            (_('Raison sociale'), h.name),
            (_('SIRET'), h.siret),
            (_('Code NAF/APE'), h.naf),
            (_('Adresse'), h.address),
            (_('Téléphone'), h.phone),
            (_('E-mail'), h.email),
        ],
        section_actions,
    )
    _group(
        'service',
        _("Service d'accueil"),
        [
            (_('Nom du service'), detail.service.name),
            (_('Lieu'), detail.service.address),
            (_('Téléphone'), detail.service.phone),
        ],
        section_actions,
    )
    _group('tuteur', _('Tuteur professionnel'), _person_rows(detail.tutor, _('Fonction')), section_actions)
    interruptions = '\n'.join(
        _('du {start} au {end}', start=fr_date(start), end=fr_date(end)) for start, end in c.interruptions
    )
    _group(
        'contenu',
        _('Contenu du stage'),
        [
            (_('Type de stage'), _(c.internship_type)),
            (_('Thématique'), c.thematique),
            (_('Sujet'), c.subject),
            (_('Activités confiées'), c.activities),
            (_('Compétences à acquérir'), c.competences),
            (_("Modalités d'encadrement et de suivi"), c.supervision),
            (_('Dates'), _('du {start} au {end}', start=fr_date(c.start_date), end=fr_date(c.end_date))),
            (_('Interruptions'), interruptions),
            (_('Temps de travail'), _(c.working_time)),
            (
                _('Horaires'),
                _('{hours:g} h par semaine, {days:g} jours par semaine', hours=c.hours_per_week, days=c.days_per_week),
            ),
            (
                _('Durée effective'),
                _('{hours:g} heures, {days:g} jours', hours=c.effective_hours, days=c.effective_days),
            ),
            (_('Présence'), ', '.join(c.special_times)),
            (_('Jours de congés'), c.leave_days),
            (_('Gratification'), c.gratification),
            (_("Langue d'impression"), _(c.print_language)),
        ],
        section_actions,
    )
    _group('enseignant', _('Responsable pédagogique'), _person_rows(detail.referent, _('Discipline')), section_actions)
    _group('signataire', _('Signataire'), _person_rows(detail.signatory, _('Fonction')), section_actions)
    with ui.card().classes('w-full').mark('recap-section recap-validations'):
        section_title(_('Validations'))
        for state in detail.validations:
            with ui.row().classes('items-center gap-2').mark(f'validation validation-{state.kind.value}'):
                ui.icon('check_circle' if state.granted else 'hourglass_empty').classes(
                    'text-positive' if state.granted else 'text-grey-7'
                )
                ui.label(_(state.label)).classes('font-medium')
                if state.granted:
                    ui.label(_('accordée par {who} le {at}', who=state.by, at=fr_datetime(state.at)))
                elif state.by:
                    ui.label(
                        _(
                            'retirée par {who} le {at} : {reason}',
                            who=state.by,
                            at=fr_datetime(state.at),
                            reason=state.reason or '—',
                        )
                    )
                else:
                    ui.label(_('en attente'))
    return ui.row().classes('gap-2 flex-wrap').mark('recap-actions')
