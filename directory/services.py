"""Writes of the directory: firm access (groups, collections, invitations),
the review workflow, expiry reminders and the "still open" confirmation.

A write on a person's behalf checks `rules` itself and raises
`PermissionDenied` (as the admin views do), whoever calls it.

docs/firm-access.md explains the model behind these functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from portal import absolute, roles
from portal.mail import mail_enqueue, mail_enqueue_on_commit

from . import rules
from .models import CompanyPage, DirectoryIndexPage, VacancyPage
from .selectors.firms import firm_users
from .selectors.vacancies import vacancies_due_for_reminder

WORKFLOW_NAME = "Firmenprofil prüfen"
WORKFLOW_TASK_NAME = "Redaktion prüft Firmenprofil"
FIRM_GROUP_PREFIX = rules.FIRM_GROUP_PREFIX

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
    invitation with a link to set a password. Only for those who manage firm
    access (`rules.can_manage_firm_access`); anyone else changes nothing."""
    if not rules.can_manage_firm_access(invited_by):
        raise PermissionDenied
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

    mail_enqueue_on_commit(
        renderer="django",
        templates={"body": "directory/email/firm_invitation.txt"},
        to=[user.email],
        context={"user": user, "company": company, "invited_by": invited_by},
        language=company.locale.language_code,
        maker="directory.firm_invitation",
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


def _original(pages: list[Page]) -> Page:
    """Of the language versions of one page, the one the firm keeps: the
    German original when it is among them."""
    default = Locale.get_default().pk
    return next((page for page in pages if page.locale_id == default), pages[0])


@dataclass
class RemindersSent:
    mails: int
    vacancies: int


def vacancy_reminders_send(*, now: dt.datetime | None = None) -> RemindersSent:
    """E-mail each firm once per run about its vacancies that end within the
    next days. A vacancy and its translations are one vacancy: one entry, one
    still-open link (which extends every language), in the firm's language."""
    due = list(vacancies_due_for_reminder(now=now).select_related("locale"))
    by_key: dict = defaultdict(list)
    for page in due:
        by_key[page.translation_key].append(page)
    # The original of each vacancy (the live German page the firm keeps, when
    # there is one) and the firm it belongs to.
    originals = {
        page.translation_key: page
        for page in VacancyPage.objects.live().filter(
            translation_key__in=by_key, locale=Locale.get_default()
        )
    }
    by_firm: dict = defaultdict(list)
    for key, pages in by_key.items():
        vacancy = originals.get(key) or _original(pages)
        company = vacancy.get_parent().specific
        company = company.get_translation_or_none(Locale.get_default()) or company
        by_firm[company].append(vacancy)

    mails = 0
    for company, vacancies in by_firm.items():
        vacancies.sort(key=lambda vacancy: (vacancy.expire_at, vacancy.title))
        recipients = [u.email for u in firm_users(company=company) if u.email]
        if not recipients and company.email:
            recipients = [company.email]
        if recipients:
            mail_enqueue(
                renderer="django",
                templates={"body": "directory/email/vacancy_reminder.txt"},
                to=recipients,
                context={"company": company, "vacancies": vacancies},
                language=company.locale.language_code,
                maker="directory.vacancy_reminder",
            )
            mails += 1
    # Every language version counts as reminded for its end date. (The end
    # date is a column of Wagtail's page table, so one update per date.)
    versions = VacancyPage.objects.filter(translation_key__in=by_key)
    for expire_at in set(versions.values_list("expire_at", flat=True)):
        versions.filter(expire_at=expire_at).update(reminded_for_expiry=expire_at)
    return RemindersSent(mails=mails, vacancies=len(by_key))


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
    # The vacancy is one in every language: all translations stay online as
    # long as the original (and a draft must not bring the old date back).
    versions = list(
        VacancyPage.objects.select_for_update(of=("self", "page_ptr"))
        .filter(translation_key=vacancy.translation_key)
        .select_related("latest_revision")
    )
    VacancyPage.objects.filter(pk__in=[page.pk for page in versions]).update(
        apply_until=apply_until, expire_at=expire_at
    )
    for page in versions:
        revision = page.latest_revision
        if revision is not None:
            revision.content["apply_until"] = apply_until.isoformat()
            revision.content["expire_at"] = expire_at.isoformat()
            revision.save(update_fields=["content"])
        page.apply_until, page.expire_at = apply_until, expire_at
        log(
            instance=page,
            action="directory.still_open",
            data={"apply_until": apply_until.isoformat()},
        )
    vacancy.apply_until, vacancy.expire_at = apply_until, expire_at
    return StillOpenResult(
        True,
        _("Thank you! The vacancy stays online until %(date)s.")
        % {"date": apply_until.strftime("%d.%m.%Y")},
        vacancy,
    )


@transaction.atomic
def vacancy_end(*, vacancy: VacancyPage, user) -> None:
    """A firm takes its own vacancy off the site (filled or withdrawn), in
    every language it was translated into. Only for those who may end it
    (`rules.can_end_vacancy`); anyone else changes nothing."""
    if not rules.can_end_vacancy(user, vacancy):
        raise PermissionDenied
    # Marked expired like a vacancy whose "apply until" passed, so that its
    # URL (shared, printed, behind a QR code) answers the same 410 page with
    # similar vacancies instead of a bare 404. Publishing it again clears it.
    translations = VacancyPage.objects.filter(
        translation_key=vacancy.translation_key, live=True
    )
    for page in translations.select_for_update():
        UnpublishPageAction(page, user=user, set_expired=True).execute(
            skip_permission_checks=True
        )


# Translations ---------------------------------------------------------------

#: Same in every language, but not the firm's to pass on: menus are the
#: editors', "publish directly" is a permission (firm_access_sync).
FOLLOW_EXCLUDED = {"show_in_menus", "publish_directly"}


def _synchronised_columns(model) -> list:
    """The model fields wagtail-localize copies unchanged into a translation
    (dates, numbers, choices, addresses for mail and web) that are columns."""
    fields = []
    for spec in get_translatable_fields(model):
        if not isinstance(spec, SynchronizedField):
            continue
        if spec.field_name in FOLLOW_EXCLUDED:
            continue
        field = model._meta.get_field(spec.field_name)
        if getattr(field, "concrete", False) and not field.many_to_many:
            fields.append(field)
    if model is VacancyPage:
        # Derived from "apply until"; decides whether the vacancy is online.
        fields.append(model._meta.get_field("expire_at"))
    return fields


def _text_names(model) -> list[str]:
    return [
        spec.field_name
        for spec in get_translatable_fields(model)
        if not isinstance(spec, SynchronizedField) and spec.field_name != "slug"
    ]


def _previously_published(page: Page, revision) -> object | None:
    # At `page_published` time the live revision is already the new one and
    # this publish is not logged yet: the latest publish log is the one before.
    entry = (
        PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


@transaction.atomic
def translations_follow_original(*, page: Page, revision) -> None:
    """After a company or vacancy page is published: a German original passes
    its facts on to its translations (live row and latest draft) and marks them
    outdated when its text changed; a published translation is current again."""
    model = type(page)
    if page.locale_id != Locale.get_default().pk:
        model.objects.filter(pk=page.pk).update(original_changed_at=None)
        return
    translations = model.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    )
    if not translations.exists():
        return
    columns = _synchronised_columns(model)
    translations.update(
        **{field.attname: getattr(page, field.attname) for field in columns}
    )
    data = page.serializable_data()
    facts = {field.name: data[field.name] for field in columns if field.name in data}
    # A translator's draft must not bring the old facts back when published.
    for translated in translations.select_related("latest_revision"):
        if translated.latest_revision is not None:
            translated.latest_revision.content.update(facts)
            translated.latest_revision.save(update_fields=["content"])
    previous = _previously_published(page, revision)
    if previous is not None and any(
        previous.content.get(name) != revision.content.get(name)
        for name in _text_names(model)
    ):
        translations.filter(original_changed_at__isnull=True).update(
            original_changed_at=timezone.now()
        )
