"""The events that send e-mail, with the French label the administration sees next to each switch."""

import enum


class MailEvent(enum.StrEnum):
    CONVENTION_CREATED = 'convention_creee'
    CONVENTION_VALIDATED = 'convention_validee'
    CONVENTION_UNVALIDATED = 'convention_devalidee'
    AMENDMENT_CREATED = 'avenant_cree'
    AMENDMENT_VALIDATED = 'avenant_valide'
    START_DIGEST = 'recapitulatif_debut_proche'
    EVALUATION_INVITATION = 'evaluation_invitation'
    EVALUATION_REMINDER = 'evaluation_relance'


EVENT_LABELS = {
    MailEvent.CONVENTION_CREATED: 'Convention créée (au bureau des stages de la composante)',
    MailEvent.CONVENTION_VALIDATED: "Convention validée (à l'étudiant)",
    MailEvent.CONVENTION_UNVALIDATED: "Validation retirée (à l'étudiant)",
    MailEvent.AMENDMENT_CREATED: 'Avenant créé (au bureau des stages de la composante)',
    MailEvent.AMENDMENT_VALIDATED: "Avenant validé (à l'étudiant)",
    MailEvent.START_DIGEST: 'Récapitulatif quotidien des stages qui commencent bientôt sans être validés',
    MailEvent.EVALUATION_INVITATION: "Invitation à l'évaluation du stage (étudiant, tuteur, enseignant référent)",
    MailEvent.EVALUATION_REMINDER: "Relance de l'évaluation du stage (étudiant, tuteur, enseignant référent)",
}
