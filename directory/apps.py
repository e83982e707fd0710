from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from portal.languages import SPOKEN_LANGUAGES


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Business network")

    def ready(self):
        # Models and what imports them need the app registry: not at the top.
        from portal import roles

        from . import (
            mails,  # noqa: F401 - registers the mail makers
            receivers,
        )
        from .models import CompanyPage, VacancyPage

        roles.role_grant(
            roles.EDITORS,
            "directory.add_sector",
            "directory.change_sector",
            "directory.delete_sector",
            "directory.manage_firm_access",
        )
        post_migrate.connect(
            _after_migrate, sender=self, dispatch_uid="directory-after-migrate"
        )
        _page_cache_register()
        page_published.connect(
            receivers.company_reindex_with_tags,
            sender=CompanyPage,
            dispatch_uid="directory-reindex",
        )
        page_published.connect(
            receivers.company_firm_access_follow,
            sender=CompanyPage,
            dispatch_uid="directory-firm-access",
        )
        for model in (CompanyPage, VacancyPage):
            page_published.connect(
                receivers.page_translations_follow,
                sender=model,
                dispatch_uid=f"directory-follow-original-{model.__name__}",
            )


def _after_migrate(sender, **kwargs):
    from .models import SpokenLanguage

    # The language rows follow portal.languages; new codes appear here.
    for position, (code, _name) in enumerate(SPOKEN_LANGUAGES):
        SpokenLanguage.objects.update_or_create(
            code=code, defaults={"sort_order": position}
        )


def _page_cache_register():
    """What the anonymous page cache purges when firms' pages change."""
    from portal.models import Quarter
    from portal.page_cache import (
        model_tag,
        page_cache_depends,
        page_cache_purge_on_change,
    )

    from .models import (
        CompanyPage,
        DirectoryIndexPage,
        Sector,
        SpokenLanguage,
        VacancyFinderPage,
        VacancyPage,
    )

    terms = (model_tag(Sector), model_tag(Quarter), model_tag(SpokenLanguage))
    page_cache_depends(DirectoryIndexPage, "listing:companies", *terms)
    page_cache_depends(CompanyPage, *terms)
    page_cache_depends(VacancyPage, *terms)
    page_cache_depends(VacancyFinderPage, "listing:vacancies", *terms)
    page_cache_purge_on_change(CompanyPage, lambda page: ["listing:companies"])
    # The directory shows each firm's open vacancies; the finder, the API
    # and the home page's teaser list them.
    page_cache_purge_on_change(
        VacancyPage, lambda page: ["listing:vacancies", "listing:companies"]
    )
    page_cache_purge_on_change(SpokenLanguage)
