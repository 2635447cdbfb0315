"""SQLModel tables, one module per aggregate. Importing this package registers every table."""

from models.amendment import Amendment, AmendmentStatus
from models.audit import AuditEntry
from models.convention import (
    AmountBasis,
    Convention,
    ConventionDraft,
    ConventionStatus,
    GratificationUnit,
    InternshipType,
    Interruption,
    PaymentMethod,
    PrintLanguage,
    SchedulePeriod,
    Signatory,
    Signature,
    ValidationEvent,
    ValidationKind,
    WorkingTime,
)
from models.document import ClauseText
from models.evaluation import (
    EvaluationAnswer,
    EvaluationForm,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Respondent,
)
from models.jobs import JobLease
from models.mail import MailEventSwitch, OutboxMessage
from models.mail_template import MailTemplate
from models.nomenclature import GratificationRate, NomenclatureEntry, NomenclatureKind, NumberSequence
from models.offer import Offer, OfferStatus
from models.organisation import Civility, Contact, Organisation, OrganisationType, Service
from models.person import Role, Sex, Student, Teacher, User, UserRole
from models.security import LoginFailure, SignedLinkUse
from models.site_text import SiteText
from models.types import utcnow
from models.university import Composante, Formation

__all__ = [
    'Amendment',
    'AmendmentStatus',
    'AmountBasis',
    'AuditEntry',
    'Civility',
    'ClauseText',
    'Composante',
    'Contact',
    'Convention',
    'ConventionDraft',
    'ConventionStatus',
    'EvaluationAnswer',
    'EvaluationForm',
    'EvaluationQuestion',
    'EvaluationResponse',
    'Formation',
    'GratificationRate',
    'GratificationUnit',
    'InternshipType',
    'Interruption',
    'JobLease',
    'LoginFailure',
    'MailEventSwitch',
    'MailTemplate',
    'NomenclatureEntry',
    'NomenclatureKind',
    'NumberSequence',
    'Offer',
    'OfferStatus',
    'Organisation',
    'OrganisationType',
    'OutboxMessage',
    'PaymentMethod',
    'PrintLanguage',
    'QuestionKind',
    'Respondent',
    'Role',
    'SchedulePeriod',
    'Service',
    'Sex',
    'Signatory',
    'Signature',
    'SignedLinkUse',
    'SiteText',
    'Student',
    'Teacher',
    'User',
    'UserRole',
    'ValidationEvent',
    'ValidationKind',
    'WorkingTime',
    'utcnow',
]
