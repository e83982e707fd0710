"""The directory's views outside the page tree, mounted at the root by
config/urls.py without a namespace (the names are global: `shortlist_change`)."""

from django.urls import path

from .api import api as vacancy_api
from .finder_views import shortlist_change

urlpatterns = [
    # Read-only JSON of the open vacancies (docs/vacancy-api.md).
    path("api/vacancies/", vacancy_api.urls),
    # The finder's shortlist forms post here, in every language (the form
    # names its finder); no CSRF token, so the finder sets no cookie.
    path("merkliste/aendern/", shortlist_change, name="shortlist_change"),
]
