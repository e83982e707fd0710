"""The directory's mails as the worker makes them (`portal.mail`): the
request queues the firm user, the company and the vacancies; the password
link of an invitation and the "still open" links of a reminder are made
here, at sending, so the queue never holds a link that opens an account or
extends a vacancy."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from portal import absolute
from portal.mail import MailContent, mail_maker

from .models import VacancyPage
from .services import STILL_OPEN_EXTENSION_DAYS, vacancy_still_open_url


@mail_maker("directory.firm_invitation")
def firm_invitation(context: dict) -> MailContent | None:
    user, company = context["user"], context["company"]
    if user is None or company is None or not user.is_active:
        return None
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    base = absolute.base_url()
    link = base + reverse(
        "wagtailadmin_password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
    return MailContent(
        context={
            **context,
            "link": link,
            "admin_url": base + reverse("wagtailadmin_home"),
        },
        subject=_("Invitation: keep the profile of %(company)s up to date")
        % {"company": company.title},
    )


@mail_maker("directory.vacancy_reminder")
def vacancy_reminder(context: dict) -> MailContent | None:
    company = context["company"]
    # Deleted or unpublished since the run: nothing left to confirm.
    vacancies = [v for v in context["vacancies"] if v is not None and v.live]
    if company is None or not vacancies:
        return None
    keys = [vacancy.translation_key for vacancy in vacancies]
    languages: dict = defaultdict(list)
    for key, code in (
        VacancyPage.objects.live()
        .filter(translation_key__in=keys)
        .exclude(locale=company.locale_id)
        .order_by("locale__language_code")
        .values_list("translation_key", "locale__language_code")
    ):
        languages[key].append(code)
    entries = [
        {
            "vacancy": vacancy,
            "link": vacancy_still_open_url(vacancy=vacancy),
            "vacancy_url": absolute.page_url(vacancy),
            "languages": ", ".join(
                str(get_language_info(code)["name_translated"])
                for code in languages[vacancy.translation_key]
            ),
        }
        for vacancy in vacancies
    ]
    if len(vacancies) == 1:
        subject = _("Your vacancy “%(title)s” ends soon") % {
            "title": vacancies[0].title
        }
    else:
        subject = ngettext(
            "%(count)d vacancy of %(company)s ends soon",
            "%(count)d vacancies of %(company)s end soon",
            len(vacancies),
        ) % {"count": len(vacancies), "company": company.title}
    return MailContent(
        context={
            "company": company,
            "entries": entries,
            "extension_days": STILL_OPEN_EXTENSION_DAYS,
        },
        subject=subject,
    )
