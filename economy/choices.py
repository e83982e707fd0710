"""Fixed lists of the local-economy app: kinds of premises, the listing's
bands, the enquiry statuses and the kinds of network board posts."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class PremisesType(models.TextChoices):
    SHOP = "shop", _("Shop")
    OFFICE = "office", _("Office")
    WORKSHOP = "workshop", _("Workshop")
    PRACTICE = "practice", _("Practice")
    STORAGE = "storage", _("Storage")
    GASTRONOMY = "gastronomy", _("Gastronomy")


#: Area bands of the listing: key -> (label, from m² inclusive, to m² exclusive).
AREA_BANDS: dict[str, tuple] = {
    "s": (_("up to 50 m²"), None, Decimal(50)),
    "m": (_("50 to 100 m²"), Decimal(50), Decimal(100)),
    "l": (_("100 to 200 m²"), Decimal(100), Decimal(200)),
    "xl": (_("200 m² and more"), Decimal(200), None),
}

#: Rent bands (net cold rent per m²): key -> (label, from, to); "request" is
#: the units whose rent is given on request only.
RENT_BANDS: dict[str, tuple] = {
    "low": (_("up to 8 € per m²"), None, Decimal(8)),
    "mid": (_("8 to 12 € per m²"), Decimal(8), Decimal(12)),
    "high": (_("12 € per m² and more"), Decimal(12), None),
    "request": (_("rent on request"), None, None),
}


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_CONTACT = "in_contact", _("In contact")
    PREMISES_SHOWN = "premises_shown", _("Premises shown")
    SETTLED = "settled", _("Settled")
    NOT_PURSUED = "not_pursued", _("Not pursued")


#: Statuses after which an enquiry is closed (and later deleted).
CLOSED_STATUSES = frozenset({EnquiryStatus.SETTLED, EnquiryStatus.NOT_PURSUED})
#: Status changes the enquirer is told about by e-mail.
NOTIFIED_STATUSES = frozenset(
    {
        EnquiryStatus.IN_CONTACT,
        EnquiryStatus.PREMISES_SHOWN,
        EnquiryStatus.SETTLED,
        EnquiryStatus.NOT_PURSUED,
    }
)


class Support(models.TextChoices):
    PREMISES = "premises", _("Finding premises")
    FUNDING = "funding", _("Funding and financing")
    STAFF = "staff", _("Finding staff")
    NETWORK = "network", _("Contacts in the local business network")


class Timeframe(models.TextChoices):
    NOW = "now", _("As soon as possible")
    THREE_MONTHS = "3m", _("Within three months")
    SIX_MONTHS = "6m", _("Within six months")
    LATER = "later", _("Later or not yet known")


class PostType(models.TextChoices):
    PLACEMENT = "placement", _("Internship or trial work we can host")
    JOB_FAIR = "job_fair", _("Partner sought for a job fair")
    SERVICE = "service", _("Service offered to neighbours")
    SHARING = "sharing", _("Shared premises or equipment")
    TRAINING = "training", _("Training place to fill together")
    OTHER = "other", _("Other offer or need")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everybody")
    MEMBERS = "members", _("Logged-in member firms only")
