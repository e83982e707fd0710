"""The events filter form is valid HTML: its action is the page's own URL,
never the empty string (the Nu checker's "Bad value for attribute action");
and no template anywhere writes an empty action."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.utils import soup

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize("view", ["", "calendar/", "archive/"])
def test_filter_form_action_is_the_page_url(site_client, event_index, view):
    url = event_index.url + view
    response = site_client.get(url)
    assert response.status_code == 200
    forms = soup(response).select("main form")
    assert forms, "no form on the page"
    for form in forms:
        assert form.has_attr("action")
        assert form["action"] != ""
    filters = soup(response).select_one("form.event-filters")
    assert filters["action"] == url


def test_no_template_has_an_empty_form_action():
    templates = list(TEMPLATES.rglob("*.html"))
    assert len(templates) > 50
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in templates
        if 'action=""' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
