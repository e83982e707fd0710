"""What premises and board posts share with vacancies: an end date that is
the page's expiry, and a 410 page at the old address afterwards."""

import datetime as dt

from django.db import models
from django.utils import timezone
from wagtail.url_routing import RouteResult


def expiry_for(day: dt.date) -> dt.datetime:
    """The end of `day` in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


class ExpiringPage(models.Model):
    """A page whose URL keeps answering (410) after it ended on its own."""

    # The expiry the last reminder e-mail was sent for.
    reminded_for_expiry = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def has_ended(self) -> bool:
        if self.expired:
            return True
        return self.expire_at is not None and self.expire_at <= timezone.now()

    def route(self, request, path_components):
        # Unpublished by `publish_scheduled` when it ended; its URL still
        # answers (410) instead of a bare 404, like an ended vacancy.
        if not path_components and not self.live and self.expired:
            parent = self.get_parent()
            if parent is not None and parent.live:
                return RouteResult(self)
        return super().route(request, path_components)
