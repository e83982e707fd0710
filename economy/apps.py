from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "economy"
    verbose_name = _("Local economy")

    def ready(self):
        from directory.models import CompanyPage
        from portal import admin_access, privacy, roles

        from . import (
            mails,  # noqa: F401 - registers the mail makers
            rules,
        )
        from . import privacy as economy_privacy
        from .models import Enquiry

        # Premises and board posts are pages below the firm's company page,
        # so the firm's page permissions cover them. The directory does not
        # know this app (layers): the page type is added from here.
        for page_type in ("economy.PremisesPage", "economy.BoardPostPage"):
            if page_type not in CompanyPage.subpage_types:
                CompanyPage.subpage_types = [*CompanyPage.subpage_types, page_type]

        roles.role_grant(
            roles.BUSINESS_ADVISERS,
            "economy.view_enquiry",
            "economy.change_enquiry",
            "economy.view_network_figures",
            "economy.view_boardanswer",
        )
        roles.role_grant(roles.EDITORS, "economy.view_network_figures")
        # Firms read the answers to their own posts (the viewset narrows it).
        roles.role_grant(roles.FIRMS, "economy.view_boardanswer")
        admin_access.private_model_register(Enquiry, can_read=rules.can_read_enquiries)

        privacy.personal_data_register(
            key="economy",
            models=("economy.Enquiry", "economy.BoardAnswer"),
            export=economy_privacy.personal_data_export,
            erase=economy_privacy.personal_data_erase,
        )
