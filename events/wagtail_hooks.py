from wagtail.snippets.models import register_snippet

from .viewsets import EventSnippetsGroup

register_snippet(EventSnippetsGroup)
