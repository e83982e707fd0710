"""The lists company pages and vacancies pick from: the sectors editors keep,
the spoken languages, and the tags firms give themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel

from portal.languages import SPOKEN_LANGUAGE_NAMES
from portal.models import Term

from .. import choices


class Sector(Term):
    """An industry of the business network, mapped to a WZ 2008 section so the
    network can report by the official classification. Editors keep them."""

    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filter links.")
    )
    wz_section = models.CharField(
        _("WZ 2008 section"), max_length=1, choices=choices.WZSection.choices
    )

    panels = [*Term.panels, FieldPanel("wz_section")]

    class Meta(Term.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class SpokenLanguage(models.Model):
    """A language people can speak, as a row so companies and vacancies can be
    filtered and counted by it in the database. The rows mirror
    `portal.languages.SPOKEN_LANGUAGES` (kept in sync after every migrate)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["sort_order"]

    def __str__(self):
        return str(SPOKEN_LANGUAGE_NAMES.get(self.code, self.code))


class CompanyTag(TaggedItemBase):
    """Services and products a company names (django-taggit through model)."""

    content_object = ParentalKey(
        "directory.CompanyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )
