from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ServiceBlock(blocks.StructBlock):
    """Something a contact point offers, e.g. the PC-Café with its hotspot."""

    KINDS = [
        ("pc_cafe", _("PC-Café")),
        ("hotspot", _("Public Wi-Fi hotspot")),
        ("workshop", _("Self-help workshop")),
        ("coaching", _("Job coaching")),
        ("counselling", _("Counselling")),
        ("applications", _("Help with applications")),
        ("childcare", _("Childcare during appointments")),
        ("other", _("Other")),
    ]

    kind = blocks.ChoiceBlock(label=_("Kind"), choices=KINDS, default="other")
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "tasks"
        label = _("Service")
        template = "components/service.html"
