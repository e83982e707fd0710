"""Who may do what to which directory object, in one place.

Page permissions themselves are Wagtail's (see services.firm_access_sync);
these rules cover what Wagtail's permission model cannot say.
"""

from wagtail.models import Page

from .models import CompanyPage, VacancyPage


def can_manage_firm_access(user) -> bool:
    """Editors invite firm users and decide who may publish directly."""
    return user.is_active and user.has_perm("directory.manage_firm_access")


def can_delete_company(user, page: Page) -> bool:
    """Only editors remove a company from the network, never the firm itself
    (even a firm that may publish directly)."""
    return can_manage_firm_access(user) or user.is_superuser


def can_end_vacancy(user, vacancy: VacancyPage) -> bool:
    """A firm may take its own vacancy off the site without an editor's review
    (Wagtail ties unpublishing to publish permission, which firms under review
    do not have)."""
    if not user.is_active or not vacancy.live:
        return False
    return vacancy.permissions_for_user(user).can_edit()


def is_company(page: Page) -> bool:
    return issubclass(page.specific_class or Page, CompanyPage)
