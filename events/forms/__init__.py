"""Forms of the events pages."""

from events.forms.events import (
    AttendanceForm,
    CompetitorForm,
    EventForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    KindForm,
    OutcomeForm,
    ProfessionalClassForm,
    SlotForm,
    SlotFormSet,
    StatusForm,
)
from events.forms.public import (
    HONEYPOT,
    BulkUploadForm,
    CoverageForm,
    ManageFilterForm,
    ManualRegistrationForm,
    PublicFilterForm,
    PublicRegistrationForm,
    RegistrationForm,
)

__all__ = [
    "HONEYPOT",
    "AttendanceForm",
    "BulkUploadForm",
    "CompetitorForm",
    "CoverageForm",
    "EventForm",
    "EvidenceFileForm",
    "EvidenceLinkForm",
    "KindForm",
    "ManageFilterForm",
    "ManualRegistrationForm",
    "OutcomeForm",
    "ProfessionalClassForm",
    "PublicFilterForm",
    "PublicRegistrationForm",
    "RegistrationForm",
    "SlotForm",
    "SlotFormSet",
    "StatusForm",
]
