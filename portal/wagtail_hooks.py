from wagtail.snippets.models import register_snippet

from .viewsets import QuarterViewSet

register_snippet(QuarterViewSet)
