from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Resident accounts")

    def ready(self):
        from portal import privacy
        from portal.roles import EDITORS, MODERATORS, role_grant

        from . import mails  # noqa: F401 - registers the mail maker
        from .privacy import account_personal_data

        codes = (
            "residents.view_participationcodebatch",
            "residents.add_participationcodebatch",
        )
        role_grant(MODERATORS, *codes)
        role_grant(EDITORS, *codes)

        privacy.personal_data_register(
            key="account",
            models=(
                "portal.User",
                "account.EmailAddress",
                "residents.ParticipationCode",
            ),
            export=account_personal_data,
        )
        privacy.personal_data_exempt(
            "residents.ParticipationCodeBatch",
            reason="created_by names the staff member who printed the sheet, "
            "not the residents who use its codes",
        )
