"""Background work of the campaigns app, through django-tasks so a queue
backend can take it out of the editor's publish request."""

import logging

from django_tasks import task

from .models import CampaignPage
from .renditions import campaign_rendition_specs

logger = logging.getLogger(__name__)


@task()
def campaign_renditions_prepare(page_id: int) -> int:
    """Makes every rendition a published campaign page shows (see
    campaigns.renditions); returns how many images were prepared."""
    page = CampaignPage.objects.live().filter(pk=page_id).first()
    if page is None:  # unpublished or deleted since
        return 0
    pairs = campaign_rendition_specs(page)
    for image, specs in pairs:
        try:
            image.get_renditions(*specs)
        except (OSError, ValueError):
            # A broken or missing file: the page still shows, without it.
            logger.exception("Renditions of image %s failed", image.pk)
    return len(pairs)
