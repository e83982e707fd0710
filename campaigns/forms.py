"""The campaign page's admin form: drafts may be incomplete, but a campaign
is published only when every image has alt text and every image showing
recognisable people has their consent on record."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# Buttons of Wagtail's page editor that put a revision on the way to the
# public site: publish now (or scheduled) and submit to a workflow.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class CampaignPageForm(WagtailAdminPageForm):
    def is_publishing(self) -> bool:
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def is_valid(self):
        valid = super().is_valid()
        if not valid or not self.is_publishing():
            return valid
        return self._ready_to_publish()

    def _ready_to_publish(self) -> bool:
        ok = True
        if (
            self.cleaned_data.get("hero_image")
            and not self.cleaned_data.get("hero_alt_text", "").strip()
        ):
            self.add_error(
                "hero_alt_text",
                _("Describe the hero image before publishing (alternative text)."),
            )
            ok = False
        formset = self.formsets.get("images")
        for form in formset.forms if formset is not None else ():
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            if not (data.get("alt_text") or "").strip():
                form.add_error(
                    "alt_text",
                    _(
                        "This image has no alternative text. Describe what it "
                        "shows before publishing."
                    ),
                )
                ok = False
            if data.get("people_recognisable") and not data.get("consent_recorded"):
                form.add_error(
                    "consent_recorded",
                    _(
                        "People can be recognised in this image: record their "
                        "consent before publishing, or remove the image."
                    ),
                )
                ok = False
        if not ok:
            self.add_error(
                None,
                _(
                    "The campaign cannot be published yet: some images lack "
                    "alternative text or recorded consent. You can save it as a "
                    "draft."
                ),
            )
        return ok
