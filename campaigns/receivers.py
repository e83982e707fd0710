"""The campaigns app's reaction to a page going live (Wagtail's
`page_published` signal, sent however a page is published). Connected in
`CampaignsConfig.ready()`."""

from django.db import transaction

from .tasks import campaign_renditions_prepare


def campaign_renditions_after_publish(sender, instance, **kwargs):
    # After the commit, so a queue worker finds the published page.
    transaction.on_commit(lambda: campaign_renditions_prepare.enqueue(instance.pk))
