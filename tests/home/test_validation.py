"""What editors cannot save: checked where they meet it, in the page editor
(and, for a few edge cases, on the blocks directly)."""

import json
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ContactPointPage, StandardPage
from portal.blocks import CallToActionBlock, ImageBlock, OpeningHoursBlock
from tests.factories.home import ContactPointPageFactory


def listblock(values):
    """Form data of a ListBlock, for use inside `nested_form_data`."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def day(weekday, status="open", slots=(), note=""):
    return (
        "day",
        {
            "weekday": weekday,
            "status": status,
            "slots": listblock(
                [{"opens": opens, "closes": closes} for opens, closes in slots]
            ),
            "note": note,
        },
    )


def contact_point_data(**overrides):
    data = {
        "title": "Anlaufstelle Drewitz",
        "slug": "anlaufstelle-drewitz",
        "intro": "",
        "street": "Konrad-Wolf-Allee 26",
        "postal_code": "14480",
        "city": "Potsdam",
        "latitude": "52.365900",
        "longitude": "13.141800",
        "phone": "",
        "email": "",
        "notice": "",
        "notice_until": "",
        "opening_hours": streamfield([]),
        "services": streamfield([]),
        "contact_persons": streamfield([]),
        "accessibility_notes": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def german(message: str) -> str:
    """The message as the (German) admin shows it."""
    with translation.override("de"):
        return gettext(message)


def errors_json(response, field: str) -> str:
    """All messages of a field's (possibly nested block) errors, as JSON."""
    assert response.status_code == 200, "the form was not accepted"
    errors = response.context["form"].errors
    assert field in errors, f"no error on {field}: {errors.as_json()}"
    collected = []
    for error in errors[field].as_data():
        if hasattr(error, "as_json_data"):
            collected.append(error.as_json_data())
        else:
            collected.extend(error.messages)
    return json.dumps(collected, ensure_ascii=False, default=str)


@pytest.fixture
def add_contact_point(admin_client, home_de):
    url = f"/admin/pages/add/home/contactpointpage/{home_de.pk}/"

    def post(**overrides):
        return admin_client.post(url, contact_point_data(**overrides))

    return post


def test_admin_creates_valid_contact_point(add_contact_point):
    response = add_contact_point(
        opening_hours=streamfield(
            [
                day("1", slots=[("09:00", "12:00"), ("13:00", "16:00")]),
                day("2", status="appointment"),
                day("6", status="closed"),
            ]
        )
    )

    assert response.status_code == 302
    page = ContactPointPage.objects.get(slug="anlaufstelle-drewitz")
    assert page.live
    assert [child.value["weekday"] for child in page.opening_hours] == ["1", "2", "6"]
    monday = page.opening_hours[0].value
    assert [(s["opens"], s["closes"]) for s in monday["slots"]] == [
        (time(9), time(12)),
        (time(13), time(16)),
    ]


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("52.521900", "13.413200"),  # Berlin, Alexanderplatz
        ("52.408400", "12.562000"),  # Brandenburg an der Havel
        ("0", "0"),
        ("13.141800", "52.365900"),  # Potsdam with the numbers swapped
    ],
)
def test_admin_rejects_contact_point_outside_potsdam(
    add_contact_point, latitude, longitude
):
    response = add_contact_point(latitude=latitude, longitude=longitude)

    assert german("This point does not lie in Potsdam.") in errors_json(
        response, "latitude"
    )
    assert not ContactPointPage.objects.filter(slug="anlaufstelle-drewitz").exists()


def test_admin_rejects_only_one_coordinate(add_contact_point):
    response = add_contact_point(longitude="")

    assert german("Enter both latitude and longitude, or neither.") in errors_json(
        response, "longitude"
    )


def test_contact_point_without_coordinates_is_fine(add_contact_point):
    response = add_contact_point(latitude="", longitude="")

    assert response.status_code == 302
    page = ContactPointPage.objects.get(slug="anlaufstelle-drewitz")
    assert page.latitude is None


@pytest.mark.parametrize(("opens", "closes"), [("16:00", "09:00"), ("12:00", "12:00")])
def test_admin_rejects_closing_before_opening(add_contact_point, opens, closes):
    response = add_contact_point(
        opening_hours=streamfield(
            [day("1", slots=[("09:00", "11:00"), (opens, closes)])]
        )
    )

    errors = json.loads(errors_json(response, "opening_hours"))
    slot_errors = errors[0]["blockErrors"]["0"]["blockErrors"]["slots"]["blockErrors"]
    assert "0" not in slot_errors, "the valid first slot has no error"
    assert slot_errors["1"]["blockErrors"]["closes"]["messages"] == [
        german("The closing time must be after the opening time.")
    ]


def test_admin_rejects_duplicate_weekday(add_contact_point):
    response = add_contact_point(
        opening_hours=streamfield(
            [
                day("3", slots=[("09:00", "12:00")]),
                day("4", status="closed"),
                day("3", status="appointment"),
            ]
        )
    )

    assert german("Each weekday may appear only once.") in errors_json(
        response, "opening_hours"
    )
    assert not ContactPointPage.objects.exists()


def test_admin_rejects_open_day_without_times(add_contact_point):
    response = add_contact_point(opening_hours=streamfield([day("5", status="open")]))

    assert german("Add at least one time slot for an open day.") in errors_json(
        response, "opening_hours"
    )


def test_duplicate_weekday_rejected_on_the_block():
    block = OpeningHoursBlock()
    value = block.to_python(
        [
            {"type": "day", "value": {"weekday": "1", "status": "closed", "slots": []}},
            {"type": "day", "value": {"weekday": "1", "status": "closed", "slots": []}},
        ]
    )

    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(value)

    assert caught.value.non_block_errors


# Standard page blocks ------------------------------------------------------


@pytest.fixture
def add_standard_page(admin_client, home_de):
    url = f"/admin/pages/add/home/standardpage/{home_de.pk}/"

    def post(body):
        return admin_client.post(
            url,
            nested_form_data(
                {
                    "title": "Mitmachen",
                    "slug": "mitmachen",
                    "intro": "",
                    "body": streamfield(body),
                    "action-publish": "publish",
                }
            ),
        )

    return post


def cta(page="", external_url=""):
    return (
        "call_to_action",
        {
            "title": "Mitmachen",
            "text": "",
            "label": "Los geht's",
            "page": page,
            "external_url": external_url,
        },
    )


@pytest.mark.parametrize(
    ("with_page", "external_url"),
    [(False, ""), (True, "https://www.potsdam.de/")],
    ids=["neither", "both"],
)
def test_admin_rejects_cta_without_exactly_one_target(
    add_standard_page, home_de, with_page, external_url
):
    response = add_standard_page(
        [cta(page=home_de.pk if with_page else "", external_url=external_url)]
    )

    errors = json.loads(errors_json(response, "body"))
    block_errors = errors[0]["blockErrors"]["0"]["blockErrors"]
    message = german("Choose either a page or an external link.")
    assert block_errors["page"]["messages"] == [message]
    assert block_errors["external_url"]["messages"] == [message]
    assert not StandardPage.objects.filter(slug="mitmachen").exists()


@pytest.mark.parametrize(
    "target", ["page", "external_url"], ids=["page only", "link only"]
)
def test_admin_accepts_cta_with_one_target(add_standard_page, home_de, target):
    if target == "page":
        response = add_standard_page([cta(page=home_de.pk)])
    else:
        response = add_standard_page([cta(external_url="https://www.potsdam.de/")])

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="mitmachen")
    assert page.body[0].value.url in ("/", "https://www.potsdam.de/")


def test_admin_rejects_image_without_alt_text(add_standard_page, image):
    response = add_standard_page(
        [("image", {"image": image.pk, "alt_text": "", "caption": "Ohne Alt"})]
    )

    errors = json.loads(errors_json(response, "body"))
    assert "alt_text" in errors[0]["blockErrors"]["0"]["blockErrors"]
    assert not StandardPage.objects.filter(slug="mitmachen").exists()


def test_admin_accepts_image_with_alt_text(add_standard_page, image):
    response = add_standard_page(
        [
            ("heading", {"text": "Bilder", "level": "h2"}),
            ("paragraph", rich_text("<p>Text</p>")),
            ("image", {"image": image.pk, "alt_text": "Ein Spielplatz", "caption": ""}),
        ]
    )

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="mitmachen")
    assert page.body[2].value["alt_text"] == "Ein Spielplatz"


def test_image_block_clean_requires_alt_text(image):
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "", "caption": ""})

    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)

    assert set(caught.value.block_errors) == {"alt_text"}


def test_cta_block_clean_rejects_both_targets(home_de):
    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "T",
            "label": "L",
            "page": home_de.pk,
            "external_url": "https://example.org/",
        }
    )

    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)

    assert set(caught.value.block_errors) == {"page", "external_url"}


def test_full_clean_rejects_contact_point_outside_potsdam(home_de):
    page = ContactPointPageFactory.build(latitude="52.5219", longitude="13.4132")

    with pytest.raises(ValidationError) as caught:
        page.full_clean()

    assert "latitude" in caught.value.message_dict
