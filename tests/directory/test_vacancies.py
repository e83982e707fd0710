import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from directory.models import VacancyPage
from tests.factories.directory import VacancyPageFactory


def test_apply_until_sets_expiry_at_end_of_day(vacancy_a):
    expected = VacancyPage.expiry_for(vacancy_a.apply_until)
    assert vacancy_a.expire_at == expected
    local = timezone.localtime(vacancy_a.expire_at)
    assert (local.hour, local.minute) == (23, 59)


def test_open_vacancy_is_listed_on_its_company(client, company_a, vacancy_a):
    response = client.get(company_a.url)
    assert response.status_code == 200
    assert "Stelle A" in response.content.decode()


def _expire(vacancy):
    past = timezone.now() - dt.timedelta(hours=1)
    VacancyPage.objects.filter(pk=vacancy.pk).update(
        expire_at=past, apply_until=past.date()
    )


def test_expired_vacancy_leaves_company_page_and_answers_410(
    client, company_a, vacancy_a
):
    similar = VacancyPageFactory(
        parent=company_a, title="Ähnliche Stelle", slug="aehnlich"
    )
    url = vacancy_a.url
    _expire(vacancy_a)

    company_html = client.get(company_a.url).content.decode()
    assert "Stelle A" not in company_html
    assert "Ähnliche Stelle" in company_html

    # Before the scheduler ran: still live, but over.
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This vacancy has ended" in html or "Stelle ist beendet" in html
    assert similar.url in html

    # After `publish_scheduled` unpublished it: still 410, not 404.
    call_command("publish_scheduled")
    vacancy_a.refresh_from_db()
    assert vacancy_a.live is False
    assert vacancy_a.expired is True
    response = client.get(url)
    assert response.status_code == 410
    assert similar.url in response.content.decode()


def test_unpublished_never_expired_vacancy_is_404(client, company_a, vacancy_a):
    vacancy_a.unpublish()
    assert client.get(f"{company_a.url}stelle-a/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"hours_min": 30, "hours_max": 20}, "hours_max"),
        ({"pay_min": 20, "pay_max": 10, "pay_unit": "HOUR"}, "pay_max"),
        ({"pay_min": 12}, "pay_unit"),
        ({"working_time_models": ["moonlight"]}, "working_time_models"),
    ],
)
def test_vacancy_validation(company_a, fields, error_field):
    vacancy = VacancyPage(title="X", slug="x", summary="s", **fields)
    with pytest.raises(ValidationError) as error:
        company_a.add_child(instance=vacancy)
    assert error_field in error.value.message_dict
    assert not VacancyPage.objects.filter(slug="x").exists()
