"""The wizard's steps: titles (the guide's exact names) and the draft keys each step owns.

Keys are named like the `Convention` columns, with three exceptions: `nir` (typed in clear, stored only
encrypted as `nir_encrypted`), `interruptions` (a list of [start_iso, end_iso]) and `schedule_periods`
(irregular calendar: a list of [start_iso, end_iso, hours_per_week, days_per_week]).
"""

from services.i18n import N_

STEPS: list[tuple[int, str]] = [
    (1, N_('Étudiant')),
    (2, N_("Établissement d'accueil")),
    (3, N_("Service d'accueil")),
    (4, N_('Tuteur professionnel')),
    (5, N_('Contenu du stage')),
    (6, N_('Responsable pédagogique')),
    (7, N_('Signataire')),
    (8, N_('Récapitulatif')),
]
STEP_TITLES = dict(STEPS)
LAST_STEP = 8

STEP_FIELDS: dict[int, tuple[str, ...]] = {
    1: (
        'student_email',
        'student_personal_email',
        'student_phone',
        'student_address',
        'student_postal_code',
        'student_city',
        'student_country_code',
        'social_security_affiliation',
        'health_insurance_fund',
        'nir',
        'offer_id',
    ),
    2: ('organisation_id',),
    3: ('service_id',),
    4: ('tutor_id',),
    5: (
        'internship_type',
        'thematique_code',
        'subject',
        'activities',
        'competences',
        'supervision',
        'start_date',
        'end_date',
        'interruptions',
        'working_time',
        'hours_per_week',
        'days_per_week',
        'irregular_schedule',
        'schedule_periods',
        'duration_override_hours',
        'duration_override_reason',
        'night_work',
        'sunday_work',
        'public_holiday_work',
        'leave_days',
        'gratified',
        'gratification_amount_cents',
        'gratification_unit',
        'gratification_basis',
        'gratification_currency',
        'gratification_payment',
        'benefits_meals',
        'benefits_transport',
        'benefits_other',
        'found_how',
        'deliverable',
        'validation_mode',
        'confidential',
        'ects_credits',
        'print_language',
    ),
    6: ('referent_id',),
    7: ('signatory_id',),
    8: (),
}

# Keys filled from the directory when the draft starts; shown read-only, never taken from the form.
PREFILLED = (
    'composante_id',
    'formation_id',
    'formation_label',
    'etape_label',
    'formation_yearly_hours',
    'academic_year',
)

# Keys computed by the server at step 5 and stored in the draft for the recap.
COMPUTED = ('effective_hours', 'effective_days')

# Choosing a new host (or place) makes the choices that depend on it void.
DEPENDENTS: dict[str, tuple[str, ...]] = {
    'organisation_id': ('service_id', 'tutor_id', 'signatory_id'),
    'service_id': ('tutor_id',),
}

LABELS: dict[str, str] = {
    'student_email': 'votre e-mail institutionnel',
    'student_personal_email': 'votre e-mail personnel',
    'student_phone': 'votre téléphone',
    'health_insurance_fund': "votre caisse d'assurance maladie",
    'nir': 'votre numéro de sécurité sociale',
    'organisation_id': "l'établissement d'accueil",
    'service_id': "le service d'accueil",
    'tutor_id': 'le tuteur professionnel',
    'internship_type': 'le type de stage',
    'thematique_code': 'la thématique',
    'subject': 'le sujet du stage',
    'activities': 'les activités confiées',
    'competences': 'les compétences à acquérir ou développer',
    'supervision': "les modalités d'encadrement et de suivi",
    'start_date': 'la date de début',
    'end_date': 'la date de fin',
    'working_time': 'le temps de travail (plein ou partiel)',
    'hours_per_week': 'le nombre d’heures par semaine',
    'days_per_week': 'le nombre de jours par semaine',
    'schedule_periods': 'les périodes du calendrier',
    'duration_override_reason': 'le motif de la correction de durée',
    'gratification_amount_cents': 'le montant de la gratification',
    'gratification_unit': "l'unité du montant (heure, jour, semaine, mois, forfait)",
    'gratification_basis': 'net ou brut',
    'gratification_payment': 'la modalité de versement',
    'print_language': "la langue d'impression",
    'referent_id': 'le responsable pédagogique',
    'signatory_id': 'le signataire',
}
