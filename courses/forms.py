"""Validation of the sign-up forms (online, at the counter) and the
editors' settings form."""

from __future__ import annotations

import re
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.languages import SPOKEN_LANGUAGES
from portal.text import CleanTextField

from .choices import Question


def moment_parse(value: str | None) -> datetime | None:
    """An aware ISO datetime from a URL or form, or None for anything else."""
    if not value or len(value) > 40:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    return moment if moment and not timezone.is_naive(moment) else None


PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-]{4,30}$")


def _question_fields(questions) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    if Question.LANGUAGE in questions:
        fields["language_spoken"] = forms.ChoiceField(
            label=_("Which language do you speak best?"),
            choices=[("", "—"), *SPOKEN_LANGUAGES],
            required=False,
        )
    if Question.CHILDCARE in questions:
        fields["childcare"] = forms.BooleanField(
            label=_("I need childcare during the course."), required=False
        )
    if Question.ACCESSIBILITY in questions:
        fields["accessibility"] = CleanTextField(
            label=_("Accessibility needs"),
            required=False,
            max_length=300,
            help_text=_("E.g. wheelchair access, sign language, large print."),
        )
    if Question.FREE_TEXT in questions:
        fields["free_text"] = CleanTextField(
            label=_("Anything else we should know?"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return fields


ANSWER_FIELDS = ("language_spoken", "childcare", "accessibility", "free_text")


class _AnswersMixin:
    def answers(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ANSWER_FIELDS
            if name in self.fields
            and self.cleaned_data.get(name) not in ("", None, False)
        }


def _phone_clean(value: str) -> str:
    if value and not PHONE.match(value):
        raise forms.ValidationError(
            _("Please enter a phone number with digits only, e.g. 0331 123456.")
        )
    return value


class SignupForm(_AnswersMixin, forms.Form):
    """Online sign-up without an account: a name or pseudonym and one way to
    reach the person (e-mail or phone)."""

    name = CleanTextField(
        label=_("Name or pseudonym"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = CleanTextField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the project stores my name, contact and answers for "
            "this course and deletes them after it."
        ),
        error_messages={"required": _("Please agree so that we can keep your place.")},
    )

    def __init__(self, *args, questions=(), with_contact=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_contact:
            for name in ("name", "email", "phone", "consent"):
                del self.fields[name]
        self.fields.update(_question_fields(questions))

    def clean_phone(self):
        return _phone_clean(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        missing = not data.get("email") and not data.get("phone")
        wrong = self.errors.get("email") or self.errors.get("phone")
        if "email" in self.fields and missing and not wrong:
            raise forms.ValidationError(
                _("Please give an e-mail address or a phone number.")
            )
        return data


class CounterForm(_AnswersMixin, forms.Form):
    """Registration at the counter or by phone, by contact-point staff."""

    name = CleanTextField(label=_("Name"), max_length=80)
    phone = CleanTextField(label=_("Phone"), max_length=40)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    consent = forms.BooleanField(
        label=_("The person agrees that we store these details for the course.")
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_question_fields(questions))

    def clean_phone(self):
        return _phone_clean(self.cleaned_data.get("phone", ""))


class CodeForm(forms.Form):
    code = CleanTextField(
        label=_("Your code"),
        max_length=20,
        help_text=_("The code on your slip or in your confirmation."),
    )


class RegistrationSettingsForm(WagtailAdminModelForm):
    questions = forms.MultipleChoiceField(
        label=_("Questions to ask"),
        choices=Question.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
