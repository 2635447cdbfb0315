"""Generated French establishments for the search benchmark: names with a register-sized vocabulary, SIRETs.

Names mix activity words, real and coined surnames, first names, brand-like coined words, acronyms, cities
and legal forms, with accents and case as registers write them. Word frequencies are Zipf-like, so common
words (SARL, boulangerie, Martin) sit next to hundreds of thousands of rare ones, as in SIRENE.
"""

import random
from dataclasses import dataclass

import numpy as np
from faker.providers.person.fr_FR import Provider as FrenchNames


def _split(text: str) -> list[str]:
    return text.split()


ACTIVITIES = _split(
    'Boulangerie Pâtisserie Boucherie Charcuterie Garage Carrosserie Plomberie Électricité Menuiserie Maçonnerie '
    'Peinture Couverture Transports Taxi Ambulances Pharmacie Cabinet Conseil Informatique Consulting Immobilier '
    'Agence Assurances Restaurant Brasserie Café Hôtel Bar Tabac Coiffure Esthétique Institut Fleurs Pressing '
    'Optique Librairie Imprimerie Auto Automobiles École Services Solutions Systèmes Technologies Industrie '
    'Distribution Logistique Bâtiment Travaux Énergie Environnement Santé Médical Dentaire Vétérinaire Avocats '
    'Notaires Expertise Comptable Architecture Ingénierie Formation Communication Marketing Digital Numérique '
    'Studio Atelier Maison Ferme Domaine Château Cave Vins Épicerie Supermarché Marché Bio Jardin Paysage '
    'Nettoyage Sécurité Gardiennage Location Vente Réparation Maintenance Mécanique Métallerie Chaudronnerie '
    'Usinage Plasturgie Textile Mode Couture Bijouterie Horlogerie Sport Fitness Danse Musique Spectacle '
    'Production Édition Presse Média Voyages Tourisme Camping Gîte Résidence Clinique Laboratoire Association '
    'Club Fédération Syndicat Mutuelle Banque Crédit Finance Investissement Holding Gestion Patrimoine Promotion '
    'Construction Rénovation Isolation Chauffage Climatisation Sanitaire Toiture Charpente Terrassement '
    'Déménagement Livraison Nautique Équitation Centre Groupe Société Compagnie Établissements Entreprise '
    'Pizzeria Crêperie Traiteur Fromagerie Poissonnerie Primeur Quincaillerie Droguerie Ameublement Décoration '
    'Cuisines Salles Bains Piscines Motos Cycles Pneus Contrôle Technique Auto-École Ambulance Kinésithérapie '
    'Ostéopathie Orthophonie Infirmiers Podologie Radiologie Analyses Recrutement Intérim Travail Temporaire'
)
ADJECTIVES = _split(
    'Nouvelle Générale Française Européenne Internationale Régionale Centrale Moderne Grand Petit Belle Vert Bleu '
    'Rouge Soleil Mer Mont Val Lac Pont Port Plage Forêt Bois Étoile Avenir Horizon Océan Alpes Provence Bretagne '
    'Normandie Atlantique Méditerranée Express Rapide Plus Pro Premium Services Conseils Associés Partenaires'
)
LEGAL_FORMS = _split('SARL SAS SASU SA EURL SCI SNC SCOP SELARL EI EARL GAEC')
LEGAL_WEIGHTS = (30, 25, 15, 8, 10, 6, 2, 1, 2, 3, 2, 1)
ONSETS = _split('b c ch d f g gu j l m n p qu r s t v br cr dr fr gr pr tr bl cl fl gl pl vr k z')
VOWELS = _split('a e i o u ou au ai ei é è an on in en oi')
CODAS = ['', '', '', 'r', 'l', 'n', 's', 't', 'x', 'rd', 'rt', 'nd', 'nt', 'ck', 'm']
SURNAME_ENDINGS = _split('ier et ot eau and ard in ou ac y ault ois aud ent elle ine at on ez al aux enne ieu')
BRAND_ENDINGS = _split(
    'ia eo ix tek tech sys lab ly io up go one nova vision line web net art pro med bio eco soft data cloud '
    'form log mat tel trans ys ea is ium ora ika'
)
CITY_PATTERNS = ('{} ', 'Saint-{} ', '{}-sur-{} ', '{}-les-Bains ', 'Le {} ', 'La {} ', '{}-en-{} ', '{}ville ')
DEPARTEMENTS = [f'{n:02d}' for n in range(1, 96) if n != 20] + ['2A', '2B', '971', '972', '974']
NAF_SECTIONS = list('ABCDEFGHIJKLMNOPQRSTU')


@dataclass
class Establishment:
    id: int
    name: str
    siret: str
    departement: str
    naf_section: str
    open: bool


def luhn_complete(digits: str) -> str:
    """`digits` followed by the check digit that makes the whole number Luhn-valid."""
    total = 0
    for position, char in enumerate(reversed(digits + '0')):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_complete(number[:-1]) == number


class Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def stem(self, syllables: int) -> str:
        rng = self.rng
        return ''.join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CODAS)

    def surname(self) -> str:
        return (self.stem(self.rng.choice((1, 1, 2))) + self.rng.choice(SURNAME_ENDINGS)).capitalize()

    def brand(self) -> str:
        word = self.stem(self.rng.choice((1, 2, 2))) + self.rng.choice(BRAND_ENDINGS)
        return word.upper() if self.rng.random() < 0.4 else word.capitalize()

    def acronym(self) -> str:
        return ''.join(self.rng.choice('ABCDEFGHIJKLMNOPRSTV') for _ in range(self.rng.choice((2, 3, 3, 4, 4, 5))))

    def city(self) -> str:
        pattern = self.rng.choice(CITY_PATTERNS)
        parts = [self.stem(self.rng.choice((1, 2))).capitalize() for _ in range(pattern.count('{}'))]
        return pattern.format(*parts).strip()


class Pools:
    """Word pools drawn with Zipf-like weights: a few very common entries, a long tail of rare ones."""

    def __init__(self, rng: random.Random, np_rng: np.random.Generator, size: int) -> None:
        words = Words(rng)
        self.np_rng = np_rng
        real_surnames = list(FrenchNames.last_names)
        self.surnames = real_surnames + [words.surname() for _ in range(max(2000, size // 6))]
        self.first_names = list(FrenchNames.first_names_male) + list(FrenchNames.first_names_female)
        self.brands = [words.brand() for _ in range(max(2000, size // 3))]
        self.acronyms = [words.acronym() for _ in range(max(500, size // 40))]
        self.cities = [words.city() for _ in range(max(500, size // 30))]
        self.words = words

    def draw(self, pool: list[str], count: int, exponent: float = 1.0) -> list[str]:
        weights = 1.0 / np.arange(1, len(pool) + 1) ** exponent
        picks = self.np_rng.choice(len(pool), size=count, p=weights / weights.sum())
        return [pool[i] for i in picks.tolist()]


def generate(count: int, seed: int = 20260501) -> list[Establishment]:
    rng = random.Random(seed)
    pools = Pools(rng, np.random.default_rng(seed), count)
    surnames = iter(pools.draw(pools.surnames, 2 * count, 0.8))
    firsts = iter(pools.draw(pools.first_names, count, 0.7))
    brands = iter(pools.draw(pools.brands, count, 0.6))
    acronyms = iter(pools.draw(pools.acronyms, count, 0.7))
    cities = iter(pools.draw(pools.cities, 2 * count, 0.8))
    activity_weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(ACTIVITIES))]
    departement_weights = [1.0 / (rank + 1) ** 0.6 for rank in range(len(DEPARTEMENTS))]
    fresh = pools.words
    establishments: list[Establishment] = []
    siren = ''
    for number in range(count):
        activity = rng.choices(ACTIVITIES, activity_weights)[0]
        legal = rng.choices(LEGAL_FORMS, LEGAL_WEIGHTS)[0]
        brand = next(brands) if rng.random() < 0.6 else fresh.brand()  # a coined word: often unique
        template = rng.randrange(14)
        if template == 0:
            name = f'{activity} {next(surnames)}'
        elif template == 1:
            name = f'{activity} {next(surnames)} {legal}'
        elif template == 2:
            name = f'{next(surnames).upper()} {next(firsts).upper()}'
        elif template == 3:
            name = f'{activity} {next(surnames)} et Fils'
        elif template == 4:
            name = f'{brand} {legal}'
        elif template == 5:
            name = f'{brand} {activity}'
        elif template == 6:
            name = f'{next(acronyms)} {activity} {rng.choice(ADJECTIVES)}'
        elif template == 7:
            name = f'{activity} de {next(cities)}'
        elif template == 8:
            name = f'{rng.choice(ADJECTIVES)} {activity} {next(cities)}'
        elif template == 9:
            name = f'{legal} {next(surnames)} {next(surnames)}'
        elif template == 10:
            name = f'{activity} {next(surnames)} {next(cities)}'
        elif template == 11:
            name = f'Cabinet {next(surnames)} {fresh.surname()} {legal}'
        elif template == 12:
            name = f'{brand} {rng.choice(ADJECTIVES)} {activity} {legal}'
        else:
            name = f'{next(firsts)} {activity} {fresh.brand()}'
        if rng.random() < 0.5:
            name = name.upper()
        branch = establishments and rng.random() < 0.08
        if branch:  # another establishment of the previous company: same SIREN, the city added
            name = f'{establishments[-1].name} {next(cities)}'
        else:
            siren = luhn_complete(f'{rng.randrange(10**8):08d}')
        siret = luhn_complete(f'{siren}{rng.randrange(1, 10**4):04d}')
        establishments.append(
            Establishment(
                id=number + 1,
                name=name,
                siret=siret,
                departement=rng.choices(DEPARTEMENTS, departement_weights)[0],
                naf_section=rng.choice(NAF_SECTIONS),
                open=rng.random() < 0.9,
            )
        )
    return establishments
