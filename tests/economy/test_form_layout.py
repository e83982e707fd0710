"""The settlement enquiry lays its fields out as the portal's other forms
do (courses, ideas): each label above its control (class field__label,
shown as a block), a checkbox before its label in a `field--checkbox`
row, a group of choices as a fieldset with the label as legend; help and
error texts are named by the control's aria-describedby."""

import pytest
from bs4 import Tag

from tests.utils import soup

pytestmark = pytest.mark.django_db


def _controls(form):
    for control in form.select("input, select, textarea"):
        if control.get("type") in ("hidden", "submit"):
            continue
        if control.find_parent(class_="field") is None:
            continue  # the honeypot sits outside the laid-out fields
        yield control


def _before(first: Tag, second: Tag) -> bool:
    return second in first.find_all_next()


def test_every_field_is_laid_out_like_the_other_forms(client, listing):
    form = soup(client.get(listing.url + "anfrage/")).select_one("form.enquiry-form")

    seen = set()
    for control in _controls(form):
        field = control.find_parent(class_="field")
        seen.add(control.get("type") or control.name)
        group = control.find_parent("fieldset", class_="field__group")
        if group is not None:
            assert group.legend is not None
            assert "field__label" in group.legend["class"]
            continue
        label = form.find("label", attrs={"for": control["id"]})
        assert label is not None, control["name"]
        assert "field__label" in label["class"], control["name"]
        if control.get("type") == "checkbox":
            assert "field--checkbox" in field["class"], control["name"]
            assert _before(control, label), f"{control['name']}: box, then label"
        else:
            assert "field--checkbox" not in field["class"], control["name"]
            assert _before(label, control), f"{control['name']}: label, then field"
    assert {"email", "checkbox", "textarea"} <= seen


def test_errors_are_named_by_the_control(client, listing):
    form = soup(client.post(listing.url + "anfrage/", {})).select_one(
        "form.enquiry-form"
    )

    email = form.find("input", attrs={"name": "email"})
    described = email.get("aria-describedby", "").split()
    assert described
    for id_ in described:
        assert form.find(id=id_) is not None, id_
