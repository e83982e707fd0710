"""Thin public views: the enquiry form and the board post (both served by
their pages). The admin's views are in `economy.admin_views`."""

from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import rules, selectors, services
from .choices import Audience
from .forms import AnswerForm, EnquiryForm

TOO_MANY = _(
    "You have sent this form several times in a short while. Please try again "
    "in an hour, or write to us directly."
)


def enquiry_form(request, *, index_page):
    sent = False
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST, locale=index_page.locale)
        if form.is_valid():
            if services.form_rate_limited(
                request=request, form_name="enquiry", email=form.cleaned_data["email"]
            ):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                data = {name: form.cleaned_data[name] for name in form.Meta.fields}
                services.enquiry_submit(data=data, language=get_language())
                sent = True
        else:
            status = 400
    else:
        form = EnquiryForm(locale=index_page.locale)
    return TemplateResponse(
        request,
        "economy/enquiry_form.html",
        {"page": index_page, "form": form, "sent": sent},
        status=status,
    )


def board_post(request, *, post):
    """A post's page with the relay form; members-only posts for members."""
    if post.has_ended:
        return TemplateResponse(
            request, "economy/post_ended.html", {"page": post}, status=410
        )
    if post.audience != Audience.PUBLIC and not rules.is_member(request.user):
        # Not even the title: the page's own meta tags would name it.
        return TemplateResponse(
            request, "economy/post_members_only.html", {}, status=403
        )
    sent = False
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            if services.form_rate_limited(
                request=request, form_name="answer", email=form.cleaned_data["email"]
            ):
                form.add_error(None, TOO_MANY)
                status = 429
            else:
                services.answer_submit(
                    post=post,
                    data={name: form.cleaned_data[name] for name in form.Meta.fields},
                )
                sent = True
        else:
            status = 400
    else:
        form = AnswerForm()
    context = post.get_context(request)
    context.update(
        {
            "form": form,
            "sent": sent,
            "firm": post.get_parent().specific,
            "board": selectors.board_for(locale=post.locale),
        }
    )
    return TemplateResponse(
        request, "economy/board_post_page.html", context, status=status
    )
