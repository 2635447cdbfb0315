"""Fixed content of the demo: composantes, formations, and what internships in each field look like."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FormationSpec:
    code: str
    label: str
    diploma: str
    etape_code: str
    etape_label: str
    yearly_hours: int
    field: str  # key of FIELDS
    study_level: str  # code of the « niveaux d'études » list
    weeks: tuple[int, int]  # usual internship length at this étape


@dataclass(frozen=True)
class ComposanteSpec:
    code: str
    name: str
    address: str
    email: str
    phone: str
    representative_name: str
    representative_function: str
    validation_circuit: str
    students: int
    teachers: int
    disciplines: tuple[str, ...]
    formations: tuple[FormationSpec, ...]


def _licence(code: str, mention: str, field: str, etapes: tuple[tuple[int, int], ...]) -> tuple[FormationSpec, ...]:
    return tuple(
        FormationSpec(
            code,
            f'Licence mention {mention}',
            'Licence',
            f'{code}{year}',
            f'Licence {year} {mention}',
            hours,
            field,
            f'BAC{year}',
            (6, 10) if year == 3 else (4, 8),
        )
        for year, hours in etapes
    )


def _master(code: str, mention: str, parcours: str, field: str, hours: tuple[int, int]) -> tuple[FormationSpec, ...]:
    return (
        FormationSpec(
            code,
            f'Master mention {mention}',
            'Master',
            f'{code}1',
            f'Master 1 {mention}',
            hours[0],
            field,
            'BAC4',
            (8, 16),
        ),
        FormationSpec(
            code,
            f'Master mention {mention}',
            'Master',
            f'{code}2',
            f'Master 2 {mention} — parcours {parcours}',
            hours[1],
            field,
            'BAC5',
            (20, 26),
        ),
    )


def _but(code: str, speciality: str, parcours: str, field: str, hours: tuple[int, int]) -> tuple[FormationSpec, ...]:
    label = f'Bachelor universitaire de technologie {speciality}'
    return (
        FormationSpec(
            code,
            label,
            'BUT',
            f'{code}2',
            f'BUT 2 {speciality} — parcours {parcours}',
            hours[0],
            field,
            'BAC2',
            (8, 10),
        ),
        FormationSpec(
            code,
            label,
            'BUT',
            f'{code}3',
            f'BUT 3 {speciality} — parcours {parcours}',
            hours[1],
            field,
            'BAC3',
            (12, 16),
        ),
    )


COMPOSANTES = (
    ComposanteSpec(
        code='UFR-ST',
        name='UFR Sciences et Techniques',
        address='1 esplanade de l’Université, 21000 Dijon',
        email='stages-sciences@universite.example',
        phone='03 53 01 20 00',
        representative_name='Claire Martinot',
        representative_function='Directrice de l’UFR Sciences et Techniques',
        validation_circuit='pedagogique,validation_administrative',
        students=300,
        teachers=90,
        disciplines=('Informatique', 'Mathématiques', 'Biologie', 'Chimie', 'Physique'),
        formations=(
            *_licence('LINF', 'Informatique', 'informatique', ((2, 560), (3, 520))),
            *_licence('LMATH', 'Mathématiques', 'mathematiques', ((3, 500),)),
            *_licence('LSV', 'Sciences de la vie', 'biologie', ((3, 540),)),
            *_licence('LCHIM', 'Chimie', 'chimie', ((3, 530),)),
            *_master('MINF', 'Informatique', 'Génie logiciel', 'informatique', (450, 300)),
            *_master('MBIO', 'Biologie-santé', 'Biologie moléculaire et cellulaire', 'biologie', (440, 280)),
            *_master('MCHIM', 'Chimie', 'Chimie analytique et qualité', 'chimie', (430, 290)),
        ),
    ),
    ComposanteSpec(
        code='IUT',
        name='Institut universitaire de technologie',
        address='12 boulevard de la Technologie, 21000 Dijon',
        email='stages-iut@universite.example',
        phone='03 53 01 40 00',
        representative_name='Laurent Bessière',
        representative_function='Directeur de l’IUT',
        validation_circuit='pedagogique,verification_administrative,validation_administrative',
        students=200,
        teachers=60,
        disciplines=('Informatique', 'Gestion', 'Génie électrique', 'Commerce', 'Anglais', 'Communication'),
        formations=(
            *_but('BINFO', 'Informatique', 'Réalisation d’applications', 'informatique', (600, 480)),
            *_but(
                'BGEA',
                'Gestion des entreprises et des administrations',
                'Gestion comptable, fiscale et financière',
                'gestion',
                (620, 470),
            ),
            *_but(
                'BTC',
                'Techniques de commercialisation',
                'Marketing digital, e-business et entrepreneuriat',
                'commerce',
                (610, 460),
            ),
            *_but(
                'BGEII',
                'Génie électrique et informatique industrielle',
                'Automatisme et informatique industrielle',
                'electronique',
                (640, 500),
            ),
        ),
    ),
)
