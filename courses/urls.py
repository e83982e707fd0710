"""Public course pages (inside i18n_patterns, under a translated prefix)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "courses"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "sign-up/<int:settings_id>/"),
        views.signup,
        name="signup",
    ),
    path(
        pgettext_lazy("URL path", "sign-up/<int:settings_id>/account/"),
        views.signup_account,
        name="signup_account",
    ),
    path(
        pgettext_lazy("URL path", "registration/<str:token>/"),
        views.manage,
        name="manage",
    ),
    path(
        pgettext_lazy("URL path", "registration/<str:token>/calendar.ics"),
        views.manage_ics,
        name="manage_ics",
    ),
    path(pgettext_lazy("URL path", "code/"), views.by_code, name="by_code"),
]
