import json
import re
from decimal import Decimal

from django.utils import timezone

from directory.models import SpokenLanguage
from tests.factories.directory import CompanyPageFactory, VacancyPageFactory


def _jsonld(response) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


HOURS = [
    {
        "type": "day",
        "value": {
            "weekday": "1",
            "status": "open",
            "slots": [
                {"opens": "08:00", "closes": "12:00"},
                {"opens": "13:00", "closes": "16:30"},
            ],
            "note": "",
        },
    },
    {
        "type": "day",
        "value": {"weekday": "7", "status": "closed", "slots": [], "note": ""},
    },
]


def test_company_jsonld(client, index_page, sector, quarter):
    company = CompanyPageFactory(
        parent=index_page,
        title="Bäckerei Sonnenhof",
        slug="baeckerei",
        sector=sector,
        quarter=quarter,
        street="Keplerstraße 3",
        postal_code="14480",
        phone="0331 123",
        opening_hours=HOURS,
        languages=list(SpokenLanguage.objects.filter(code__in=["de", "ar"])),
    )
    data = _jsonld(client.get(company.url))
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Bäckerei Sonnenhof"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Keplerstraße 3",
        "postalCode": "14480",
        "addressLocality": "Potsdam",
        "addressCountry": "DE",
    }
    assert data["geo"]["latitude"] == 52.375
    assert data["telephone"] == "0331 123"
    assert sorted(data["knowsLanguage"]) == ["ar", "de"]
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "12:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "13:00",
            "closes": "16:30",
        },
    ]
    # Only what the page shows: no e-mail given, none in the data.
    assert "email" not in data


def test_company_without_hours_is_organization(client, company_a):
    data = _jsonld(client.get(company_a.url))
    assert data["@type"] == "Organization"
    assert "openingHoursSpecification" not in data


def test_vacancy_jobposting(client, company_a):
    vacancy = VacancyPageFactory(
        parent=company_a,
        title="Elektroniker/in",
        slug="elektro",
        summary="Sie verlegen Leitungen.",
        tasks="<p>Kabel ziehen</p>",
        working_time="either",
        contract="fixed_term",
        pay_min=Decimal("14.50"),
        pay_max=Decimal("18"),
        pay_unit="HOUR",
        apply_email="jobs@firma-a.example",
    )
    data = _jsonld(client.get(vacancy.url))
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Elektroniker/in"
    assert "Sie verlegen Leitungen." in data["description"]
    assert "Kabel ziehen" in data["description"]
    assert data["datePosted"] == (
        timezone.localdate(vacancy.first_published_at).isoformat()
    )
    assert data["validThrough"].startswith(vacancy.apply_until.isoformat())
    assert data["employmentType"] == ["FULL_TIME", "PART_TIME", "TEMPORARY"]
    assert data["hiringOrganization"]["name"] == "Firma A"
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Galileistraße 1",
        "postalCode": "14480",
        "addressLocality": "Potsdam",
        "addressCountry": "DE",
    }
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "HOUR",
            "minValue": 14.5,
            "maxValue": 18.0,
        },
    }
    assert data["directApply"] is True


def test_vacancy_without_pay_has_no_salary(client, vacancy_a):
    data = _jsonld(client.get(vacancy_a.url))
    assert "baseSalary" not in data
    assert data["directApply"] is False
