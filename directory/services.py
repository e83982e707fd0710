"""Writes of the directory: firm access (groups, collections, invitations),
the review workflow, expiry reminders and the "still open" confirmation.

docs/firm-access.md explains the model behind these functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal import absolute, roles

from .models import CompanyPage, DirectoryIndexPage, VacancyPage
from .tasks import send_mail_task

WORKFLOW_NAME = "Firmenprofil prüfen"
WORKFLOW_TASK_NAME = "Redaktion prüft Firmenprofil"
FIRM_GROUP_PREFIX = "Firma: "

#: Page permissions every firm group holds on its company page (and so on the
#: vacancies below it). "publish" is added for firms that publish directly.
FIRM_PAGE_PERMISSIONS = ("add_page", "change_page")
FIRM_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
)

REMINDER_DAYS_BEFORE = 7
STILL_OPEN_EXTENSION_DAYS = 28
STILL_OPEN_LINK_MAX_AGE = dt.timedelta(days=21)
STILL_OPEN_SALT = "directory.vacancy-still-open"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


# Review workflow -----------------------------------------------------------


@transaction.atomic
def firm_workflow_ensure() -> Workflow:
    """The "Firmenprofil prüfen" workflow (editors approve), assigned to every
    directory index page so it covers all company and vacancy pages."""
    editors, _created = Group.objects.get_or_create(name=roles.EDITORS)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_TASK_NAME)
        task.groups.set([editors])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in DirectoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


# Firm access ---------------------------------------------------------------


def _group_name(company: CompanyPage) -> str:
    # Group names are unique; the page id keeps two firms of one name apart.
    return f"{FIRM_GROUP_PREFIX}{company.title[:100]} ({company.pk})"


@transaction.atomic
def firm_access_sync(*, company: CompanyPage) -> Group:
    """Create or update the firm's group: page permissions on exactly its
    company page subtree, and on exactly its own collection."""
    company = CompanyPage.objects.select_for_update().get(pk=company.pk)
    group = company.firm_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=_group_name(company))
        company.firm_group = group
        CompanyPage.objects.filter(pk=company.pk).update(firm_group=group)
    elif group.name != _group_name(company):
        group.name = _group_name(company)
        group.save(update_fields=["name"])
    # Translations of the company page belong to the same firm.
    companies = list(
        CompanyPage.objects.filter(translation_key=company.translation_key)
    )
    wanted = list(FIRM_PAGE_PERMISSIONS)
    if company.publish_directly:
        wanted.append("publish_page")
    GroupPagePermission.objects.filter(group=group).delete()
    for page in companies:
        for codename in wanted:
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=_permission(f"wagtailcore.{codename}"),
            )
    CompanyPage.objects.filter(translation_key=company.translation_key).update(
        firm_group=group
    )

    collection = firm_collection(company=company, group=group)
    GroupCollectionPermission.objects.filter(group=group).delete()
    for dotted in FIRM_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=_permission(dotted)
        )
    group.permissions.set([_permission("wagtailadmin.access_admin")])
    return group


def firm_collection(*, company: CompanyPage, group: Group) -> Collection:
    """The firm's own image and document collection (child of the root)."""
    name = group.name
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    return root.add_child(name=name)


def firm_users(*, company: CompanyPage):
    User = get_user_model()
    if company.firm_group_id is None:
        return User.objects.none()
    return User.objects.filter(groups=company.firm_group_id, is_active=True)


@dataclass
class Invitation:
    user: object
    created: bool


@transaction.atomic
def firm_user_invite(
    *,
    company: CompanyPage,
    email: str,
    first_name: str,
    last_name: str,
    invited_by,
) -> Invitation:
    """Create (or reuse) the firm's user, give it the firm's group and send an
    invitation with a link to set a password."""
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(
            username=email[:150],
            email=email,
            first_name=first_name,
            last_name=last_name,
            display_name=company.title[:60],
        )
        user.set_unusable_password()
        user.save()
    group = firm_access_sync(company=company)
    firms, _created = Group.objects.get_or_create(name=roles.FIRMS)
    user.groups.add(group, firms)

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    base = absolute.base_url()
    link = base + reverse(
        "wagtailadmin_password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
    context = {
        "user": user,
        "company": company,
        "link": link,
        "invited_by": invited_by,
        "admin_url": base + reverse("wagtailadmin_home"),
    }
    with translation.override(company.locale.language_code):
        subject = _("Invitation: keep the profile of %(company)s up to date") % {
            "company": company.title
        }
        body = render_to_string("directory/email/firm_invitation.txt", context)
    transaction.on_commit(
        lambda: send_mail_task.enqueue(subject=subject, body=body, to=[user.email])
    )
    return Invitation(user=user, created=created)


# Vacancies -----------------------------------------------------------------


def _still_open_token(vacancy: VacancyPage) -> str:
    return signing.dumps(
        {"v": vacancy.pk, "e": vacancy.expire_at.isoformat()}, salt=STILL_OPEN_SALT
    )


def vacancy_still_open_url(*, vacancy: VacancyPage) -> str:
    index = (
        DirectoryIndexPage.objects.ancestor_of(vacancy).first()
        or DirectoryIndexPage.objects.filter(locale_id=vacancy.locale_id).first()
    )
    prefix = absolute.page_url(index)
    value, stamp, signature = _still_open_token(vacancy).split(":")
    return prefix + index.reverse_subpage(
        "vacancy_still_open",
        kwargs={"value": value, "stamp": stamp, "signature": signature},
    )


def vacancies_due_for_reminder(*, now: dt.datetime | None = None):
    now = now or timezone.now()
    return (
        VacancyPage.objects.live()
        .filter(expire_at__gt=now)
        .filter(expire_at__lte=now + dt.timedelta(days=REMINDER_DAYS_BEFORE))
        .filter(
            Q(reminded_for_expiry__isnull=True) | ~Q(reminded_for_expiry=F("expire_at"))
        )
    )


def vacancy_reminders_send(*, now: dt.datetime | None = None) -> int:
    """E-mail the firm about each vacancy that ends within the next days, once
    per expiry date. Returns how many vacancies were reminded."""
    sent = 0
    for vacancy in vacancies_due_for_reminder(now=now):
        company = vacancy.get_parent().specific
        recipients = [u.email for u in firm_users(company=company) if u.email]
        if not recipients and company.email:
            recipients = [company.email]
        if recipients:
            context = {
                "vacancy": vacancy,
                "company": company,
                "link": vacancy_still_open_url(vacancy=vacancy),
                "vacancy_url": absolute.page_url(vacancy),
                "extension_days": STILL_OPEN_EXTENSION_DAYS,
            }
            with translation.override(vacancy.locale.language_code):
                subject = _("Your vacancy “%(title)s” ends soon") % {
                    "title": vacancy.title
                }
                body = render_to_string("directory/email/vacancy_reminder.txt", context)
            send_mail_task.enqueue(subject=subject, body=body, to=recipients)
            sent += 1
        VacancyPage.objects.filter(pk=vacancy.pk).update(
            reminded_for_expiry=vacancy.expire_at
        )
    return sent


@dataclass
class StillOpenResult:
    ok: bool
    message: str
    vacancy: VacancyPage | None = None


@transaction.atomic
def vacancy_confirm_open(*, token: str) -> StillOpenResult:
    """Extend a vacancy from the signed link of its reminder e-mail. A forged,
    expired or already used link changes nothing."""
    try:
        data = signing.loads(
            token, salt=STILL_OPEN_SALT, max_age=STILL_OPEN_LINK_MAX_AGE
        )
    except signing.SignatureExpired:
        return StillOpenResult(False, _("This link has expired."))
    except signing.BadSignature:
        return StillOpenResult(False, _("This link is not valid."))
    vacancy = (
        VacancyPage.objects.select_for_update().filter(pk=data.get("v")).first()
        if isinstance(data, dict)
        else None
    )
    if vacancy is None:
        return StillOpenResult(False, _("This vacancy no longer exists."))
    if not vacancy.live or vacancy.has_ended:
        return StillOpenResult(
            False,
            _(
                "This vacancy has already ended. Please publish it again in the "
                "editing area."
            ),
            vacancy,
        )
    if vacancy.expire_at is None or vacancy.expire_at.isoformat() != data.get("e"):
        return StillOpenResult(
            True, _("Thank you, this vacancy was already extended."), vacancy
        )
    apply_until = max(vacancy.apply_until or timezone.localdate(), timezone.localdate())
    apply_until += dt.timedelta(days=STILL_OPEN_EXTENSION_DAYS)
    expire_at = VacancyPage.expiry_for(apply_until)
    VacancyPage.objects.filter(pk=vacancy.pk).update(
        apply_until=apply_until, expire_at=expire_at
    )
    # A draft the firm is working on must not bring the old date back.
    revision = vacancy.latest_revision
    if revision is not None:
        revision.content["apply_until"] = apply_until.isoformat()
        revision.content["expire_at"] = expire_at.isoformat()
        revision.save(update_fields=["content"])
    vacancy.apply_until, vacancy.expire_at = apply_until, expire_at
    log(
        instance=vacancy,
        action="directory.still_open",
        data={"apply_until": apply_until.isoformat()},
    )
    return StillOpenResult(
        True,
        _("Thank you! The vacancy stays online until %(date)s.")
        % {"date": apply_until.strftime("%d.%m.%Y")},
        vacancy,
    )


@transaction.atomic
def vacancy_end(*, vacancy: VacancyPage, user) -> None:
    """A firm takes its own vacancy off the site (filled or withdrawn)."""
    UnpublishPageAction(vacancy, user=user).execute(skip_permission_checks=True)


def company_page_for_user(*, user, page: Page) -> CompanyPage | None:
    """The company page whose firm group `user` belongs to, above `page`."""
    companies = CompanyPage.objects.ancestor_of(page, inclusive=True)
    return companies.filter(firm_group__user=user).first()
