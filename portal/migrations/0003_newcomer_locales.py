"""Locales for the newcomers' languages: Arabic, Persian, Ukrainian, Russian
and Turkish (issue 4). Reversible: going back removes a locale only when no
page or snippet uses it."""

from django.db import migrations

CODES = ["ar", "fa", "uk", "ru", "tr"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in CODES:
        Locale.objects.get_or_create(language_code=code)


def remove_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    for locale in Locale.objects.filter(language_code__in=CODES):
        if not Page.objects.filter(locale=locale).exists():
            locale.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_images_settings_quarters"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, remove_locales)]
