"""Who may do what with the local economy's objects, in one place.

Premises and board posts are pages: Wagtail's page permissions (the firm's
group on its company page subtree) decide who edits them. These rules cover
the rest: enquiries are the business advisers' alone, never the firms'."""

from django.db.models import Q, QuerySet

from directory.models import CompanyPage
from portal import roles


def _in_group(user, *names: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_economy_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._economy_groups = cached
    return bool(cached & set(names))


def can_read_enquiries(user) -> bool:
    """Business advisers (and superusers) read settlement enquiries; firms,
    editors and everybody else never do."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _in_group(user, roles.BUSINESS_ADVISERS)


def can_change_enquiry(user) -> bool:
    return can_read_enquiries(user) and (
        user.is_superuser or user.has_perm("economy.change_enquiry")
    )


def can_see_figures(user) -> bool:
    return user.is_active and user.has_perm("economy.view_network_figures")


def is_member(user) -> bool:
    """Logged-in member firms (and the project's staff) read members-only
    board posts."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _in_group(
        user, roles.FIRMS, roles.BUSINESS_ADVISERS, roles.EDITORS
    )


def answers_visible_to(*, user, answers: QuerySet) -> QuerySet:
    """The answers a user reads in the admin: those to posts below a company
    whose firm group the user belongs to; the project's staff read all."""
    if not user.is_authenticated or not user.is_active:
        return answers.none()
    if user.is_superuser or _in_group(user, roles.BUSINESS_ADVISERS, roles.EDITORS):
        return answers
    paths = list(
        CompanyPage.objects.filter(firm_group__user=user).values_list("path", flat=True)
    )
    if not paths:
        return answers.none()
    below = Q()
    for path in paths:
        below |= Q(post__path__startswith=path)
    return answers.filter(below)


def can_mark_let(user, page) -> bool:
    """The firm (whoever may edit the unit) marks it as let, without the
    editors' review: it only takes the unit off the site."""
    if not user.is_active or not page.live:
        return False
    return page.permissions_for_user(user).can_edit()
