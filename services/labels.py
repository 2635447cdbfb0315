"""French labels of the enumerations, as the guide and the convention print them.

N_() marks them for the English catalogue: pages show them through `_()`, documents print them as they are.
"""

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
from services.i18n import N_

CONVENTION_STATUS = {
    ConventionStatus.CREATED: N_('créée'),
    ConventionStatus.VALIDATED: N_('validée'),
    ConventionStatus.SIGNED: N_('signée'),
    ConventionStatus.FINISHED: N_('terminée'),
    ConventionStatus.CANCELLED: N_('annulée'),
}
DRAFT_STATUS = N_('brouillon')

AMENDMENT_STATUS = {
    AmendmentStatus.CREATED: N_('créé'),
    AmendmentStatus.VALIDATED: N_('validé'),
    AmendmentStatus.CANCELLED: N_('annulé'),
}

OFFER_STATUS = {
    OfferStatus.DRAFT: N_('brouillon'),
    OfferStatus.TO_MODERATE: N_('à modérer'),
    OfferStatus.PUBLISHED: N_('publiée'),
    OfferStatus.FILLED: N_('pourvue'),
    OfferStatus.EXPIRED: N_('expirée'),
}

ROLE = {
    Role.STUDENT: N_('étudiant'),
    Role.TEACHER: N_('enseignant'),
    Role.MANAGER: N_('gestionnaire'),
    Role.ADMIN: N_('administrateur'),
}

ORGANISATION_TYPE = {
    OrganisationType.PRIVATE_COMPANY: N_('Entreprise privée'),
    OrganisationType.PUBLIC_COMPANY: N_('Entreprise publique'),
    OrganisationType.ADMINISTRATION: N_('Administration'),
    OrganisationType.ASSOCIATION: N_('Association'),
    OrganisationType.PUBLIC_INSTITUTION: N_('Établissement public'),
    OrganisationType.HOSPITAL: N_('Établissement de santé'),
    OrganisationType.EDUCATION: N_("Établissement d'enseignement"),
    OrganisationType.OTHER: N_('Autre'),
}

INTERNSHIP_TYPE = {
    InternshipType.MANDATORY: N_('Stage obligatoire'),
    InternshipType.ADVISED: N_('Stage conseillé'),
    InternshipType.GAP_YEAR: N_('Stage de césure'),
    InternshipType.CONTINUING_EDUCATION: N_('Formation continue'),
}

WORKING_TIME = {WorkingTime.FULL_TIME: N_('Temps plein'), WorkingTime.PART_TIME: N_('Temps partiel')}

GRATIFICATION_UNIT = {
    GratificationUnit.HOUR: N_('par heure'),
    GratificationUnit.DAY: N_('par jour'),
    GratificationUnit.WEEK: N_('par semaine'),
    GratificationUnit.MONTH: N_('par mois'),
    GratificationUnit.TOTAL: N_('forfait total'),
}

VALIDATION_KIND = {
    ValidationKind.PEDAGOGICAL: N_('Validation pédagogique'),
    ValidationKind.ADMINISTRATIVE_CHECK: N_('Vérification administrative'),
    ValidationKind.ADMINISTRATIVE: N_('Validation administrative'),
}

RESPONDENT = {
    Respondent.STUDENT: N_('Étudiant'),
    Respondent.TUTOR: N_('Tuteur professionnel'),
    Respondent.TEACHER: N_('Enseignant référent'),
}
