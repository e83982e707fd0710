"""Validation of the directory's admin forms and of the visitor's filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.admin_access import ChosenMediaFormMixin
from portal.text import CleanTextField

from . import choices


class CompanyPageForm(ChosenMediaFormMixin, WagtailAdminPageForm):
    """The logo must come from a collection the firm may choose from."""


class VacancyPageForm(ChosenMediaFormMixin, WagtailAdminPageForm):
    working_time_models = forms.MultipleChoiceField(
        label=_("Working-time models"),
        choices=choices.WorkingTimeModel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_apply_until(self):
        apply_until = self.cleaned_data.get("apply_until")
        # Only a new date must lie ahead; an unchanged past date can still be
        # saved as a draft (e.g. while the firm edits an ended vacancy).
        if (
            apply_until
            and "apply_until" in self.changed_data
            and apply_until < timezone.localdate()
        ):
            raise forms.ValidationError(_("This day has already passed."))
        return apply_until


class FirmInviteForm(forms.Form):
    """An editor invites a person of the firm to keep its profile."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = CleanTextField(label=_("First name"), max_length=150)
    last_name = CleanTextField(label=_("Last name"), max_length=150)
