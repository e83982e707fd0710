"""schema.org JSON-LD for company and vacancy pages.

Only what the page itself shows goes in: search engines and assistive tools
must not learn anything a visitor cannot read on the page.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags

from portal import absolute
from portal.blocks import SCHEMA_WEEKDAYS

from .choices import Contract, OfferType, WorkingTime


def _absolute(request: HttpRequest | None, page) -> str:
    return absolute.page_url(page, request)


def _postal_address(company) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": company.street,
        "postalCode": company.postal_code,
        "addressLocality": company.city,
        "addressCountry": "DE",
    }


def _logo_url(company, request) -> str | None:
    if not company.logo_id:
        return None
    rendition = company.logo.get_rendition("max-400x200")
    return absolute.absolute_url(rendition.url)


def opening_hours_specification(opening_hours) -> list[dict]:
    specification = []
    for child in opening_hours:
        day = child.value
        if day["status"] != "open":
            continue
        for slot in day["slots"]:
            specification.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_WEEKDAYS[day['weekday']]}",
                    "opens": slot["opens"].strftime("%H:%M"),
                    "closes": slot["closes"].strftime("%H:%M"),
                }
            )
    return specification


def company(company, *, request, languages, sector) -> dict:
    hours = opening_hours_specification(company.opening_hours)
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness" if hours else "Organization",
        "name": company.title,
        "description": company.short_description,
        "url": _absolute(request, company),
        "address": _postal_address(company),
    }
    if sector is not None:
        data["knowsAbout"] = sector.name
    if company.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(company.latitude),
            "longitude": float(company.longitude),
        }
    if company.phone:
        data["telephone"] = company.phone
    if company.email:
        data["email"] = company.email
    logo = _logo_url(company, request)
    if logo:
        data["logo"] = logo
    same_as = [company.website] if company.website else []
    same_as += [child.value["url"] for child in company.social_profiles]
    if same_as:
        data["sameAs"] = same_as
    if hours:
        data["openingHoursSpecification"] = hours
    if languages:
        data["knowsLanguage"] = [lang.code for lang in languages]
    return data


EMPLOYMENT_TYPES = {
    OfferType.INTERNSHIP: "INTERN",
    OfferType.TRIAL_WORK: "PER_DIEM",
    OfferType.MINIJOB: "PART_TIME",
    OfferType.PART_TIME_APPRENTICESHIP: "PART_TIME",
}


def employment_types(vacancy) -> list[str]:
    types = []
    if vacancy.offer_type in EMPLOYMENT_TYPES:
        types.append(EMPLOYMENT_TYPES[vacancy.offer_type])
    else:
        if vacancy.working_time in (WorkingTime.FULL_TIME, WorkingTime.EITHER):
            types.append("FULL_TIME")
        if vacancy.working_time in (WorkingTime.PART_TIME, WorkingTime.EITHER):
            types.append("PART_TIME")
    if vacancy.contract == Contract.FIXED_TERM:
        types.append("TEMPORARY")
    return types


def vacancy_description(vacancy) -> str:
    """The description as the page shows it: summary, tasks, requirements and
    what the firm offers (schema.org allows simple HTML here)."""
    parts = [f"<p>{strip_tags(vacancy.summary)}</p>"]
    for text in (vacancy.tasks, vacancy.requirements, vacancy.what_we_offer):
        if text:
            parts.append(str(text))
    return "\n".join(parts)


def vacancy(vacancy, *, company, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy_description(vacancy),
        "url": _absolute(request, vacancy),
        "employmentType": employment_types(vacancy),
        "hiringOrganization": {
            "@type": "Organization",
            "name": company.title,
            "sameAs": _absolute(request, company),
        },
        "jobLocation": {"@type": "Place", "address": _postal_address(company)},
        # Applications go straight to the firm (link, e-mail), no sign-up.
        "directApply": bool(vacancy.apply_url or vacancy.apply_email),
        "totalJobOpenings": vacancy.openings,
    }
    if vacancy.first_published_at:
        # The day in Potsdam: a vacancy published at 00:30 was posted that day.
        data["datePosted"] = timezone.localdate(vacancy.first_published_at).isoformat()
    if vacancy.expire_at:
        data["validThrough"] = vacancy.expire_at.isoformat()
    logo = _logo_url(company, request)
    if logo:
        data["hiringOrganization"]["logo"] = logo
    if vacancy.pay_min is not None or vacancy.pay_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": vacancy.pay_unit}
        if vacancy.pay_min is not None:
            value["minValue"] = float(vacancy.pay_min)
        if vacancy.pay_max is not None:
            value["maxValue"] = float(vacancy.pay_max)
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": value,
        }
    return data
