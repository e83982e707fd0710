"""allauth's mails to residents, made in the worker (`portal.mail`). The
request queues the template and the user; the password-reset and the
confirmation links, and every other absolute link, are made here at sending,
so the queue never holds a link that opens an account.

The one secret that does go into the queue is a login code: allauth keeps
it in the visitor's session and checks what is typed against it, so it
cannot be made again in the worker. It is valid for minutes
(ACCOUNT_LOGIN_BY_CODE_TIMEOUT) and only in the session that asked for it.
"""

from __future__ import annotations

from allauth.account import app_settings
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse

from portal.absolute import absolute_url
from portal.mail import MailContent, mail_enqueue, mail_maker

MAKER = "residents.account"
#: Links allauth puts into a mail's context, each made again by the maker.
LINKS = ("password_reset_url", "activate_url", "signup_url")
#: Secrets beside the links: the token and the user's id in the reset link,
#: the key of the confirmation link.
SECRETS = ("key", "uid")


def account_mail_enqueue(*, template_prefix: str, email: str, context: dict) -> None:
    """`ResidentAccountAdapter.send_mail`: one of allauth's mails (sign-up
    confirmation, login code, password reset …) leaves the request as a
    template, its links left to the worker."""
    context = {
        key: value
        for key, value in context.items()
        # The portal signs with its name; allauth would remind the resident
        # of a login name that is random (populate_username).
        if key not in (*LINKS, *SECRETS, "username")
    }
    mail_enqueue(
        renderer="allauth",
        templates={"prefix": template_prefix},
        to=[email],
        context={**context, "email": email, "template_prefix": template_prefix},
        maker=MAKER,
    )


@mail_maker(MAKER)
def account_mail(context: dict) -> MailContent | None:
    prefix = context.pop("template_prefix")
    user = context.get("user")
    if prefix == "account/email/password_reset_key":
        if user is None or not user.is_active:
            return None
        uid = user_pk_to_url_str(user)
        key = app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": uid, "key": key}
        )
        context["password_reset_url"] = absolute_url(path)
    elif prefix.startswith("account/email/email_confirmation"):
        address = EmailAddress.objects.filter(
            user=user, email__iexact=context["email"]
        ).first()
        if address is None or address.verified:
            return None  # confirmed or removed since
        confirmation = EmailConfirmationHMAC(address)
        path = reverse("account_confirm_email", args=[confirmation.key])
        context["activate_url"] = absolute_url(path)
    elif prefix == "account/email/account_already_exists":
        context["password_reset_url"] = absolute_url(reverse("account_reset_password"))
    elif prefix == "account/email/unknown_account":
        context["signup_url"] = absolute_url(reverse("account_signup"))
    return MailContent(context)
