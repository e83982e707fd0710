from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Image campaigns")
    # Editors' page permissions on the whole tree cover campaign pages, and
    # their collection permissions cover images and posters: no grants here.
