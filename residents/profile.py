"""Sections of the profile page that other apps contribute (a registry like
portal.privacy's), so residents shows a person's ideas without importing
ideas. An app registers in its `AppConfig.ready()`:

    profile_section_register(
        key="ideas",
        template="ideas/includes/profile_sections.html",
        nav_template="ideas/includes/profile_nav.html",
        context=ideas_profile_context,   # (request) -> dict
    )
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class ProfileSection:
    key: str
    template: str
    context: Callable[[HttpRequest], dict]
    # Links of the app in the profile's account navigation (<li> items).
    nav_template: str = ""
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    nav: SafeString
    body: SafeString


_sections: dict[str, ProfileSection] = {}


def profile_section_register(
    *,
    key: str,
    template: str,
    context: Callable[[HttpRequest], dict],
    nav_template: str = "",
    order: int = 100,
) -> None:
    """Register a profile section (idempotent per key)."""
    _sections[key] = ProfileSection(
        key=key,
        template=template,
        context=context,
        nav_template=nav_template,
        order=order,
    )


def profile_sections_render(*, request: HttpRequest) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        nav = (
            render_to_string(section.nav_template, context, request=request)
            if section.nav_template
            else SafeString("")
        )
        body = render_to_string(section.template, context, request=request)
        rendered.append(RenderedSection(key=section.key, nav=nav, body=body))
    return rendered
