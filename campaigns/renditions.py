"""The image sizes campaign pages show, made when a campaign is published.

AVIF and WebP renditions take seconds each to encode; a campaign with a
series of photos needs dozens. Made lazily, the first visitor after
publishing would wait for all of them, so `campaign_renditions_prepare`
makes them right after publishing instead. The specs below must match the
`{% picture %}` tags of the campaign templates (a test renders a published
campaign and checks that no rendition is missing).
"""

from wagtail.images.models import Filter

# The filter specs exactly as the templates write them (the rendition of a
# spec is found again by its text).
#: templates/campaigns/campaign_page.html (hero and its social-media image)
HERO = [
    *Filter.expand_spec("format-{avif,webp,jpeg} fill-{640x360,1280x720,1920x1080}"),
    "fill-1200x630|format-jpeg",
]
#: templates/campaigns/_card.html and home_teaser.html (listing, home page)
CARD = Filter.expand_spec("format-{avif,webp,jpeg} fill-{400x250,800x500}")
#: the image series on templates/campaigns/campaign_page.html
SERIES = Filter.expand_spec("format-{avif,webp,jpeg} width-{480,960,1440}")


def campaign_rendition_specs(page) -> list[tuple[object, list[str]]]:
    """Each image of the campaign with the filter specs the site shows it in."""
    pairs = []
    if page.hero_image_id:
        pairs.append((page.hero_image, HERO + CARD))
    for item in page.images.select_related("image"):
        if item.image_id:
            pairs.append((item.image, SERIES))
    return pairs
