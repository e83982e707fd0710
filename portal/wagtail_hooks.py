from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet

from .consent import images_lacking_consent
from .viewsets import QuarterViewSet

register_snippet(QuarterViewSet)


@hooks.register("before_publish_page")
def refuse_images_without_consent(request, page):
    # Every page type, not only campaigns: a photo of people is published
    # only with their consent, recorded once on the image.
    lacking = images_lacking_consent(obj=page)
    if not lacking:
        return None
    messages.error(
        request,
        _(
            "Not published: these images show people whose consent is not "
            "recorded: %(images)s. Record the consent on the image, or choose "
            "another image. Your changes are saved as a draft."
        )
        % {"images": ", ".join(f"“{image.title}”" for image in lacking)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
