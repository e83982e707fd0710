"""The admin of the local economy: settlement enquiries for the business
advisers (with matching premises and the CSV/XLSX export) and the answers
to board posts, which each firm reads for its own posts only."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, When
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from portal import roles
from portal.exports import SpreadsheetExportMixin

from . import rules, selectors, services
from .models import BoardAnswer, Enquiry, PremisesPage


class SuggestedPremisesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        # Figures as the listing writes them, in the admin's language.
        rent = (
            _("%(rent)s € per m²") % {"rent": floatformat(unit.rent_per_m2, 2)}
            if unit.rent_per_m2 is not None
            else _("rent on request")
        )
        kind = unit.get_premises_type_display()
        area = floatformat(unit.area, -1)
        return f"{unit.title} · {kind} · {area} m² · {rent} · {unit.quarter}"


class EnquiryAdminForm(WagtailAdminModelForm):
    """The adviser's form: the premises to suggest are the ones that match
    the enquiry (type, area, budget; preferred quarter first) plus those
    already suggested."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = (
                get_user_model()
                .objects.filter(groups__name=roles.BUSINESS_ADVISERS, is_active=True)
                .order_by("first_name", "username")
            )
        if "suggested" in self.fields:
            matching = selectors.premises_matching(enquiry=self.instance)
            current = (
                list(self.instance.suggested.values_list("pk", flat=True))
                if self.instance.pk
                else []
            )
            ids = [unit.pk for unit in matching] + [
                pk for pk in current if pk not in {unit.pk for unit in matching}
            ]
            # In the order of the matching (the preferred quarter first), then
            # the units suggested before that match no longer.
            order = Case(
                *(When(pk=pk, then=position) for position, pk in enumerate(ids)),
                default=len(ids),
            )
            field = SuggestedPremisesField(
                queryset=PremisesPage.objects.filter(pk__in=ids)
                .select_related("quarter")
                .order_by(order),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=_("Suggested premises"),
                help_text=_(
                    "Units from the listing that match this enquiry (kind, area, "
                    "budget; the preferred quarter first). The enquirer gets the "
                    "ones you tick when you set the status to “premises shown”."
                ),
            )
            field.initial = self.fields["suggested"].initial
            self.fields["suggested"] = field


class LanguagePanel(FieldPanel):
    """A language code (`Enquiry.language`) shown read-only as the
    language's name in the admin's language ("Arabisch", not "ar")."""

    def format_value_for_display(self, value):
        return str(dict(settings.LANGUAGES).get(value, value))


class EnquiryEditView(generic.EditView):
    def get_object(self, queryset=None):
        enquiry = super().get_object(queryset)
        self.previous_status = enquiry.status
        return enquiry

    def save_instance(self):
        instance = super().save_instance()
        services.enquiry_update(
            enquiry=instance,
            previous_status=self.previous_status,
            user=self.request.user,
        )
        return instance


class EnquiryIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        if not rules.can_read_enquiries(self.request.user):
            return Enquiry.objects.none()
        return super().get_base_queryset().select_related("quarter", "assigned_to")


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Settlement enquiries")
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = EnquiryIndexView
    edit_view_class = EnquiryEditView
    list_display = [
        "__str__",
        "name",
        Column("status", label=_("status"), accessor="get_status_display"),
        "assigned_to",
        "created_at",
    ]
    list_filter = ["status", "assigned_to", "timeframe"]
    search_fields = ["business", "name", "organisation", "email", "notes"]
    list_export = [
        "created_at",
        "language",
        "business",
        "get_premises_types_display",
        "area_min",
        "area_max",
        "budget",
        "quarter",
        "get_timeframe_display",
        "employees",
        "get_support_display",
        "name",
        "organisation",
        "email",
        "phone",
        "message",
        "get_status_display",
        "assigned_to",
        "notes",
        "closed_at",
    ]
    export_headings = {
        "get_premises_types_display": _("kinds of premises"),
        "get_timeframe_display": _("when"),
        "get_support_display": _("support wanted"),
        "get_status_display": _("status"),
    }
    export_filename = "settlement-enquiries"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("business", read_only=True),
                    FieldPanel("premises_types", read_only=True),
                    FieldRowPanel(
                        [
                            FieldPanel("area_min", read_only=True),
                            FieldPanel("area_max", read_only=True),
                            FieldPanel("budget", read_only=True),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("quarter", read_only=True),
                            FieldPanel("timeframe", read_only=True),
                            FieldPanel("employees", read_only=True),
                        ]
                    ),
                    FieldPanel("support", read_only=True),
                    FieldPanel("message", read_only=True),
                ],
                heading=_("The enquiry"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("name", read_only=True),
                    FieldPanel("organisation", read_only=True),
                    FieldPanel("email", read_only=True),
                    FieldPanel("phone", read_only=True),
                    LanguagePanel("language", read_only=True),
                ],
                heading=_("Contact"),
            ),
            FieldRowPanel([FieldPanel("status"), FieldPanel("assigned_to")]),
            FieldPanel("suggested"),
            FieldPanel("notes"),
        ],
        base_form_class=EnquiryAdminForm,
    )


class AnswerIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.answers_for(user=self.request.user)


class AnswerInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.answers_for(user=self.request.user), pk=self.pk
        )


class BoardAnswerViewSet(ModelViewSet):
    model = BoardAnswer
    icon = "comment"
    menu_label = _("Answers to board posts")
    add_to_admin_menu = True
    menu_order = 260
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AnswerIndexView
    inspect_view_class = AnswerInspectView
    list_display = ["post", "organisation", "name", "created_at"]
    inspect_view_fields = [
        "post",
        "created_at",
        "name",
        "organisation",
        "email",
        "message",
    ]
    form_fields = ["name", "organisation", "email", "message"]
