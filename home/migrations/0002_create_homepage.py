"""Replace Wagtail's placeholder page with the home page in German and its
English translation, so a fresh database serves the portal's front door at /
and /en/ before any content is added."""

import uuid

from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    # Deleting Wagtail's welcome page also deletes the site pointing at it.
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    translation_key = uuid.uuid4()
    homes = []
    for position, (code, title) in enumerate([("de", "Startseite"), ("en", "Home")]):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        slug = "home" if code == settings.LANGUAGE_CODE else f"home-{code}"
        homes.append(
            HomePage.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=home_type,
                path=f"0001{position + 1:04d}",
                depth=2,
                numchild=0,
                url_path=f"/{slug}/",
                locale=locale,
                translation_key=translation_key,
                live=True,
            )
        )
    Page.objects.filter(depth=1).update(numchild=len(homes))
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Quartiersportal",
        root_page=homes[0],
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    # The site goes with the page (CASCADE).
    HomePage.objects.filter(depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
