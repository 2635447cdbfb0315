"""Fields of study: the thématique of their internships, the hosts that take their students, typical contents."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """A field of study: the thématique of its internships, hosts that take its students, typical contents."""

    thematique: str
    naf_prefixes: tuple[str, ...]
    subjects: tuple[str, ...]
    activities: tuple[str, ...]
    competences: tuple[str, ...]
    offer_titles: tuple[str, ...]


FIELDS = {
    'informatique': FieldSpec(
        thematique='INF',
        naf_prefixes=('62', '63', '58', '70', '64', '84'),
        subjects=(
            'Développement d’une application web de suivi des interventions',
            'Migration d’une application métier vers une architecture de micro-services',
            'Mise en place d’une chaîne d’intégration et de déploiement continus',
            'Conception d’un tableau de bord de pilotage à partir des données de production',
            'Développement d’une application mobile de prise de rendez-vous',
            'Automatisation des tests d’une plateforme de commerce en ligne',
            'Refonte de l’accessibilité (RGAA) d’un portail de services',
        ),
        activities=(
            'Analyse des besoins avec les utilisateurs, rédaction des spécifications, développement, tests '
            'et documentation',
            'Participation aux cérémonies agiles de l’équipe, développement de fonctionnalités, revue de code',
            'Étude de l’existant, proposition d’une architecture, réalisation d’un prototype puis mise en production',
        ),
        competences=(
            'Conduite d’un projet logiciel, qualité du code, travail en équipe agile',
            'Conception de bases de données, sécurité des applications web, communication avec les métiers',
            'Automatisation, intégration continue, rédaction de documentation technique',
        ),
        offer_titles=(
            'Développeur·se web',
            'Développeur·se Python',
            'Assistant·e chef de projet numérique',
            'Administrateur·rice systèmes et réseaux',
            'Data analyst',
        ),
    ),
    'mathematiques': FieldSpec(
        thematique='SCI',
        naf_prefixes=('64', '65', '66', '73', '62', '72'),
        subjects=(
            'Modélisation statistique de la sinistralité d’un portefeuille de contrats',
            'Prévision des ventes par séries temporelles',
            'Étude de la qualité des données d’un registre et méthodes d’imputation',
            'Optimisation des tournées de livraison par programmation linéaire',
        ),
        activities=(
            'Exploration et nettoyage des données, construction et validation de modèles, restitution des résultats',
            'Revue de la littérature, implémentation des méthodes en Python ou R, comparaison des performances',
        ),
        competences=(
            'Modélisation statistique, programmation scientifique, présentation de résultats à un public non '
            'spécialiste',
            'Rigueur méthodologique, esprit critique sur les données, autonomie',
        ),
        offer_titles=('Chargé·e d’études statistiques', 'Assistant·e actuariat', 'Data scientist junior'),
    ),
    'biologie': FieldSpec(
        thematique='REC',
        naf_prefixes=('72', '86', '21', '10', '75', '01'),
        subjects=(
            'Caractérisation de souches bactériennes résistantes aux antibiotiques',
            'Mise au point d’un protocole de PCR quantitative',
            'Suivi de la qualité microbiologique d’une ligne de production',
            'Étude de l’expression de gènes impliqués dans la réponse au stress chez la vigne',
        ),
        activities=(
            'Préparation des échantillons, réalisation des manipulations, analyse des résultats et tenue du cahier '
            'de laboratoire',
            'Participation aux contrôles qualité, rédaction de modes opératoires, veille bibliographique',
        ),
        competences=(
            'Techniques de biologie moléculaire, bonnes pratiques de laboratoire, analyse de données',
            'Démarche expérimentale, rédaction scientifique, respect des règles d’hygiène et de sécurité',
        ),
        offer_titles=(
            'Technicien·ne de laboratoire',
            'Assistant·e qualité en microbiologie',
            'Stagiaire en recherche biomédicale',
        ),
    ),
    'chimie': FieldSpec(
        thematique='SCI',
        naf_prefixes=('20', '21', '22', '71', '72', '10'),
        subjects=(
            'Validation d’une méthode de dosage par chromatographie en phase liquide',
            'Formulation d’un revêtement biosourcé',
            'Réduction des solvants utilisés dans un procédé de synthèse',
            'Mise en conformité REACH de fiches de données de sécurité',
        ),
        activities=(
            'Réalisation d’analyses, interprétation des chromatogrammes, rédaction du rapport de validation',
            'Essais de formulation à l’échelle du laboratoire, caractérisation des produits, suivi des stocks',
        ),
        competences=(
            'Chimie analytique, métrologie, démarche qualité',
            'Sécurité au laboratoire, gestion de projet expérimental, communication des résultats',
        ),
        offer_titles=('Assistant·e chimiste', 'Technicien·ne en contrôle qualité', 'Stagiaire formulation'),
    ),
    'gestion': FieldSpec(
        thematique='ADM',
        naf_prefixes=('69', '70', '64', '84', '47', '46', '86'),
        subjects=(
            'Participation à la clôture des comptes annuels',
            'Mise en place d’un tableau de bord de contrôle de gestion',
            'Dématérialisation du traitement des factures fournisseurs',
            'Analyse des coûts d’un service et propositions d’économies',
        ),
        activities=(
            'Saisie et révision comptable, rapprochements bancaires, préparation des déclarations de TVA',
            'Collecte des données auprès des services, construction d’indicateurs, présentation à la direction',
        ),
        competences=(
            'Comptabilité générale, maîtrise du tableur et d’un progiciel de gestion, rigueur',
            'Contrôle de gestion, analyse financière, communication écrite',
        ),
        offer_titles=('Assistant·e comptable', 'Assistant·e contrôle de gestion', 'Assistant·e ressources humaines'),
    ),
    'commerce': FieldSpec(
        thematique='COM',
        naf_prefixes=('47', '46', '73', '55', '56', '45'),
        subjects=(
            'Lancement d’une campagne de marketing digital',
            'Développement d’un portefeuille de clients professionnels',
            'Étude de satisfaction de la clientèle et plan d’actions',
            'Animation commerciale d’un rayon et suivi des ventes',
        ),
        activities=(
            'Prospection téléphonique et physique, préparation des rendez-vous, suivi des offres commerciales',
            'Création de contenus pour les réseaux sociaux, suivi des statistiques, organisation d’un événement',
        ),
        competences=(
            'Négociation commerciale, connaissance du client, outils de gestion de la relation client',
            'Marketing digital, analyse des indicateurs, travail en équipe',
        ),
        offer_titles=('Chargé·e de communication digitale', 'Assistant·e commercial·e', 'Assistant·e marketing'),
    ),
    'electronique': FieldSpec(
        thematique='ENE',
        naf_prefixes=('26', '27', '28', '29', '35', '43', '71'),
        subjects=(
            'Programmation d’automates pour une ligne de conditionnement',
            'Conception d’une carte d’acquisition de mesures',
            'Supervision énergétique d’un bâtiment tertiaire',
            'Rétrofit de l’armoire de commande d’une machine spéciale',
        ),
        activities=(
            'Étude du cahier des charges, schémas électriques, programmation, essais et mise en service',
            'Câblage de prototypes, tests en laboratoire, rédaction des dossiers techniques',
        ),
        competences=(
            'Automatismes industriels, électronique embarquée, respect des normes de sécurité électrique',
            'Lecture de schémas, diagnostic de pannes, travail avec les équipes de production',
        ),
        offer_titles=(
            'Technicien·ne automaticien·ne',
            'Assistant·e ingénieur·e électronique',
            'Technicien·ne de maintenance',
        ),
    ),
}

SUPERVISION = (
    'Point hebdomadaire avec le tuteur ; visite ou entretien à distance de l’enseignant référent à mi-stage.',
    'Réunion de lancement, suivi quotidien par le tuteur, échange mensuel entre le tuteur et l’enseignant référent.',
    'Entretien de suivi toutes les deux semaines ; bilan à mi-parcours avec l’enseignant référent.',
)
DELIVERABLES = ('Rapport de stage et soutenance', 'Rapport de stage', 'Mémoire et soutenance', 'Fiche de synthèse')
