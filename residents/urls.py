"""Resident account pages beside allauth's (mounted under the same prefix)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "residents"

urlpatterns = [
    path(pgettext_lazy("URL path", "profile/"), views.profile, name="profile"),
    path(pgettext_lazy("URL path", "my-data.json"), views.account_data, name="data"),
    path(pgettext_lazy("URL path", "delete/"), views.account_delete, name="delete"),
    path(
        pgettext_lazy("URL path", "participation-code/"),
        views.code_redeem,
        name="code_redeem",
    ),
]
