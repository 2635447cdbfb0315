"""What the demo's host organisations look like: activities (NAF), legal forms, names, places abroad."""

from dataclasses import dataclass

from models import OrganisationType


def _weights(text: str) -> dict[str, int]:
    """'62.01Z:8 70.22Z:6' -> {'62.01Z': 8, '70.22Z': 6}"""
    return {code: int(weight) for code, weight in (item.split(':') for item in text.split())}


# NAF codes that take many interns, with a relative weight; the rest of the list is drawn now and then.
COMMON_NAF = _weights("""
    62.01Z:8 62.02A:5 62.03Z:2 62.09Z:2 63.11Z:2 63.12Z:1 58.29C:2 58.21Z:1
    70.22Z:6 70.21Z:2 69.20Z:5 69.10Z:3 73.11Z:3 73.20Z:1 71.12B:5 71.20B:2 72.19Z:3 72.11Z:2
    64.19Z:3 65.12Z:2 66.22Z:2 65.11Z:1 10.71C:3 10.13A:1 10.51C:1 11.02B:2 01.21Z:2 01.11Z:1
    20.14Z:1 20.30Z:1 20.42Z:1 21.20Z:2 22.22Z:1 22.29A:1 26.11Z:1 26.51B:1 27.12Z:1 28.29B:1 29.32Z:1 25.62B:2
    35.11Z:1 35.14Z:1 43.21A:3 43.22A:2 41.20A:2 45.11Z:2 45.20A:2 46.51Z:1 46.69B:1 46.90Z:1
    47.11F:2 47.11D:2 47.71Z:2 47.91B:2 49.41A:2 52.29A:1 52.10B:1 49.31Z:1 55.10Z:2 56.10A:3
    84.11Z:6 85.31Z:2 85.42Z:1 86.10Z:3 86.90B:1 75.00Z:1 88.99B:2 94.99Z:3 93.12Z:1 91.02Z:1 90.01Z:1
""")

# Words a company of that NAF division puts in its name.
SECTOR_WORDS = {
    '01': ('Domaine', 'Ferme', 'Vignobles'),
    '10': ('Alimentaire', 'Saveurs', 'Boulangerie'),
    '11': ('Vins', 'Domaine', 'Caves'),
    '20': ('Chimie', 'Industries', 'Polymères'),
    '21': ('Pharma', 'Laboratoires'),
    '22': ('Plasturgie', 'Emballages'),
    '25': ('Mécanique', 'Usinage'),
    '26': ('Électronique', 'Instruments'),
    '27': ('Électrique', 'Énergie'),
    '28': ('Machines', 'Équipements'),
    '29': ('Automotive', 'Équipements'),
    '35': ('Énergies', 'Solaire'),
    '41': ('Construction', 'Habitat'),
    '43': ('Électricité', 'Bâtiment'),
    '45': ('Automobiles', 'Garage'),
    '46': ('Distribution', 'Négoce'),
    '47': ('Commerce', 'Boutique', 'Market'),
    '49': ('Transports', 'Logistique'),
    '52': ('Logistique', 'Express'),
    '55': ('Hôtel', 'Résidence'),
    '56': ('Restaurant', 'Brasserie'),
    '58': ('Software', 'Éditions'),
    '62': ('Informatique', 'Numérique', 'Digital'),
    '63': ('Data', 'Cloud', 'Web'),
    '64': ('Finance', 'Banque'),
    '65': ('Assurances', 'Prévoyance'),
    '66': ('Courtage', 'Assurances'),
    '69': ('Expertise', 'Audit', 'Avocats'),
    '70': ('Conseil', 'Consulting'),
    '71': ('Ingénierie', 'Études'),
    '72': ('Recherche', 'Biotech', 'Innovation'),
    '73': ('Communication', 'Études'),
    '75': ('Vétérinaire',),
    '86': ('Laboratoire', 'Santé'),
}

PRIVATE_LEGAL = _weights('5710:40 5499:30 5599:8 1000:6 5485:4 5202:2 5785:2')
PERSON_NAMES = (
    'Marie Curie',
    'Victor Hugo',
    'Jules Ferry',
    'Simone Veil',
    'Gustave Eiffel',
    'Louis Pasteur',
    'Colette',
    'Jean Moulin',
    'Émilie du Châtelet',
    'Albert Camus',
    'George Sand',
    'Paul Langevin',
    'Olympe de Gouges',
)
CAUSES = ('Solidarité', 'Insertion', 'Culture', 'Environnement', 'Jeunesse', 'Patrimoine', 'Santé', 'Sport')


@dataclass(frozen=True)
class PublicBody:
    """An organisation of the public or non-profit sector: how its name is built and its legal category."""

    name: str  # format with {city}, {of_city} (« de Dijon », « d’Auxerre », « du Havre »), {dep}, {person}, {cause}
    kind: OrganisationType
    legal: str
    headcount: tuple[str, ...]


PUBLIC_BODIES = {
    '84.11Z': (
        PublicBody('Mairie {of_city}', OrganisationType.ADMINISTRATION, '7210', ('12', '21', '22', '31', '41')),
        PublicBody('Conseil départemental — {dep}', OrganisationType.ADMINISTRATION, '7220', ('41', '42', '51')),
        PublicBody('Communauté d’agglomération {of_city}', OrganisationType.ADMINISTRATION, '7346', ('12', '21')),
        PublicBody(
            'Direction départementale des territoires — {dep}',
            OrganisationType.ADMINISTRATION,
            '7172',
            ('21', '22', '31'),
        ),
    ),
    '85.31Z': (PublicBody('Lycée {person}', OrganisationType.EDUCATION, '7331', ('21', '22', '31')),),
    '85.42Z': (
        PublicBody('École supérieure d’ingénieurs {of_city}', OrganisationType.EDUCATION, '7383', ('22', '31', '32')),
    ),
    '86.10Z': (
        PublicBody('Centre hospitalier {of_city}', OrganisationType.HOSPITAL, '7364', ('41', '42', '51', '52')),
        PublicBody('Clinique {person}', OrganisationType.HOSPITAL, '5710', ('22', '31', '32')),
    ),
    '88.99B': (
        PublicBody('Association {cause} {city}', OrganisationType.ASSOCIATION, '9220', ('01', '02', '03', '11')),
    ),
    '94.99Z': (
        PublicBody(
            'Association {cause} et territoires', OrganisationType.ASSOCIATION, '9220', ('NN', '01', '02', '03')
        ),
    ),
    '93.12Z': (
        PublicBody('Club omnisports {of_city}', OrganisationType.ASSOCIATION, '9220', ('NN', '01', '02', '03')),
    ),
    '91.02Z': (PublicBody('Musée municipal {of_city}', OrganisationType.ADMINISTRATION, '7210', ('03', '11', '12')),),
    '90.01Z': (PublicBody('Compagnie théâtrale {person}', OrganisationType.ASSOCIATION, '9220', ('01', '02', '03')),),
    '49.31Z': (
        PublicBody('Régie des transports {of_city}', OrganisationType.PUBLIC_COMPANY, '4110', ('22', '31', '32', '41')),
    ),
    '35.11Z': (PublicBody('Régie d’électricité {of_city}', OrganisationType.PUBLIC_COMPANY, '4110', ('12', '21')),),
}

PRIVATE_HEADCOUNT = _weights('00:4 01:10 02:12 03:12 11:14 12:14 21:9 22:7 31:3 32:4 41:3 42:2 51:1 52:1')
# Lowest and highest headcount of each INSEE range, to draw a plausible exact headcount.
_BOUNDS = '00:0 01:1 02:3 03:6 11:10 12:20 21:50 22:100 31:200 32:250 41:500 42:1000 51:2000 52:5000 53:10000'
_LOWEST = _weights(_BOUNDS)
HEADCOUNT_BOUNDS = {'NN': (0, 0)} | {
    code: (low, next((v - 1 for v in _LOWEST.values() if v > low), 2 * low)) for code, low in _LOWEST.items()
}

SERVICE_NAMES = {
    OrganisationType.PRIVATE_COMPANY: (
        'Direction technique',
        'Service informatique',
        'Service comptabilité',
        'Direction commerciale',
        'Service qualité',
        'Ressources humaines',
        'Bureau d’études',
        'Production',
        'Marketing et communication',
    ),
    OrganisationType.ADMINISTRATION: (
        'Direction des systèmes d’information',
        'Service des finances',
        'Service urbanisme',
        'Direction des ressources humaines',
        'Service communication',
        'Service culture et patrimoine',
    ),
    OrganisationType.HOSPITAL: (
        'Laboratoire de biologie médicale',
        'Direction des systèmes d’information',
        'Service qualité et gestion des risques',
        'Pharmacie',
        'Direction des achats',
    ),
    OrganisationType.ASSOCIATION: ('Accueil et animation', 'Administration', 'Communication', 'Projets'),
    OrganisationType.EDUCATION: ('Intendance', 'Service informatique', 'Laboratoire', 'Vie scolaire'),
}
TUTOR_FUNCTIONS = (
    'Responsable du service',
    'Ingénieur·e d’études',
    'Chef·fe de projet',
    'Responsable technique',
    'Responsable qualité',
    'Chargé·e de mission',
    'Responsable administratif·ve et financier·e',
)
SIGNATORY_FUNCTIONS = {
    OrganisationType.PRIVATE_COMPANY: (
        'Gérant·e',
        'Président·e',
        'Directeur·rice général·e',
        'Directeur·rice des ressources humaines',
    ),
    OrganisationType.PUBLIC_COMPANY: ('Directeur·rice général·e',),
    OrganisationType.ADMINISTRATION: ('Maire', 'Directeur·rice général·e des services', 'Président·e'),
    OrganisationType.HOSPITAL: ('Directeur·rice', 'Directeur·rice des ressources humaines'),
    OrganisationType.ASSOCIATION: ('Président·e', 'Directeur·rice'),
    OrganisationType.EDUCATION: ('Proviseur·e', 'Directeur·rice'),
}


@dataclass(frozen=True)
class Abroad:
    country: str
    company_suffix: str
    surnames: tuple[str, ...]
    streets: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, postal code)
    address_format: str  # with {n} and {street}


ABROAD = (
    Abroad(
        'DE',
        'GmbH',
        ('Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker'),
        ('Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße'),
        (('Berlin', '10115'), ('München', '80331'), ('Hamburg', '20095'), ('Köln', '50667')),
        '{street} {n}',
    ),
    Abroad(
        'ES',
        'S.L.',
        ('García', 'Fernández', 'López', 'Martínez', 'Sánchez'),
        ('Calle Mayor', 'Avenida de la Constitución', 'Calle de Alcalá', 'Calle del Sol'),
        (('Madrid', '28001'), ('Barcelona', '08001'), ('Valencia', '46001'), ('Sevilla', '41001')),
        '{street}, {n}',
    ),
    Abroad(
        'GB',
        'Ltd',
        ('Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans'),
        ('High Street', 'King Street', 'Church Road', 'Station Road'),
        (('London', 'EC1A 1BB'), ('Manchester', 'M1 1AE'), ('Edinburgh', 'EH1 1YZ'), ('Bristol', 'BS1 4DJ')),
        '{n} {street}',
    ),
    Abroad(
        'BE',
        'SRL',
        ('Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert'),
        ('Rue de la Loi', 'Avenue Louise', 'Rue Neuve', 'Boulevard d’Avroy'),
        (('Bruxelles', '1000'), ('Liège', '4000'), ('Namur', '5000'), ('Gent', '9000')),
        '{street} {n}',
    ),
    Abroad(
        'CH',
        'SA',
        ('Meier', 'Favre', 'Rochat', 'Keller'),
        ('Rue du Rhône', 'Avenue de la Gare', 'Rue du Lac'),
        (('Genève', '1201'), ('Lausanne', '1003'), ('Neuchâtel', '2000')),
        '{street} {n}',
    ),
)
