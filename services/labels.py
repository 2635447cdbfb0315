"""French labels of the enumerations, as the guide and the convention print them."""

from models import (
    AmendmentStatus,
    ConventionStatus,
    GratificationUnit,
    InternshipType,
    OfferStatus,
    OrganisationType,
    Respondent,
    Role,
    ValidationKind,
    WorkingTime,
)

CONVENTION_STATUS = {
    ConventionStatus.CREATED: 'créée',
    ConventionStatus.VALIDATED: 'validée',
    ConventionStatus.SIGNED: 'signée',
    ConventionStatus.FINISHED: 'terminée',
    ConventionStatus.CANCELLED: 'annulée',
}
DRAFT_STATUS = 'brouillon'

AMENDMENT_STATUS = {
    AmendmentStatus.CREATED: 'créé',
    AmendmentStatus.VALIDATED: 'validé',
    AmendmentStatus.CANCELLED: 'annulé',
}

OFFER_STATUS = {
    OfferStatus.DRAFT: 'brouillon',
    OfferStatus.TO_MODERATE: 'à modérer',
    OfferStatus.PUBLISHED: 'publiée',
    OfferStatus.FILLED: 'pourvue',
    OfferStatus.EXPIRED: 'expirée',
}

ROLE = {
    Role.STUDENT: 'étudiant',
    Role.TEACHER: 'enseignant',
    Role.MANAGER: 'gestionnaire',
    Role.ADMIN: 'administrateur',
}

ORGANISATION_TYPE = {
    OrganisationType.PRIVATE_COMPANY: 'Entreprise privée',
    OrganisationType.PUBLIC_COMPANY: 'Entreprise publique',
    OrganisationType.ADMINISTRATION: 'Administration',
    OrganisationType.ASSOCIATION: 'Association',
    OrganisationType.PUBLIC_INSTITUTION: 'Établissement public',
    OrganisationType.HOSPITAL: 'Établissement de santé',
    OrganisationType.EDUCATION: "Établissement d'enseignement",
    OrganisationType.OTHER: 'Autre',
}

INTERNSHIP_TYPE = {
    InternshipType.MANDATORY: 'Stage obligatoire',
    InternshipType.ADVISED: 'Stage conseillé',
    InternshipType.GAP_YEAR: 'Stage de césure',
    InternshipType.CONTINUING_EDUCATION: 'Formation continue',
}

WORKING_TIME = {WorkingTime.FULL_TIME: 'Temps plein', WorkingTime.PART_TIME: 'Temps partiel'}

GRATIFICATION_UNIT = {
    GratificationUnit.HOUR: 'par heure',
    GratificationUnit.DAY: 'par jour',
    GratificationUnit.WEEK: 'par semaine',
    GratificationUnit.MONTH: 'par mois',
    GratificationUnit.TOTAL: 'forfait total',
}

VALIDATION_KIND = {
    ValidationKind.PEDAGOGICAL: 'Validation pédagogique',
    ValidationKind.ADMINISTRATIVE_CHECK: 'Vérification administrative',
    ValidationKind.ADMINISTRATIVE: 'Validation administrative',
}

RESPONDENT = {
    Respondent.STUDENT: 'Étudiant',
    Respondent.TUTOR: 'Tuteur professionnel',
    Respondent.TEACHER: 'Enseignant référent',
}
