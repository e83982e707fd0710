"""Reads for image consent: which images an object would publish without
the consent of the people they show."""

from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex


def images_lacking_consent(*, obj) -> list:
    """The images `obj` references (StreamField blocks, image fields, rich
    text) that show people whose consent is not recorded."""
    Image = get_image_model()
    image_type = ContentType.objects.get_for_model(Image)
    # The object as it is about to be published (not the stored index).
    ids = {
        object_id
        for content_type_id, object_id, *_rest in (
            ReferenceIndex._extract_references_from_object(obj)
        )
        if content_type_id == image_type.pk
    }
    if not ids:
        return []
    images = Image.objects.filter(pk__in=ids, shows_people=True)
    return [image for image in images if not image.may_be_published]
