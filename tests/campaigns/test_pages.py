"""Campaign pages: responsive AVIF/WebP renditions, Open Graph, index and the
home page's teasers."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

from tests.factories.campaigns import (
    CampaignImageFactory,
    CampaignPageFactory,
    ImageFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(campaign_index):
    page = CampaignPageFactory(
        parent=campaign_index,
        title="Wir sind Stern",
        hero_image=ImageFactory(file__width=1600, file__height=900),
        hero_alt_text="Plakatmotiv",
    )
    CampaignImageFactory(
        page=page, image=ImageFactory(file__width=1600, file__height=1000)
    )
    CampaignImageFactory(
        page=page,
        image=ImageFactory(file__width=1600, file__height=1000),
        alt_text="Markt am Schlaatz",
        people_recognisable=True,
        consent_recorded=True,
    )
    return page


def test_renditions_in_avif_and_webp_with_jpeg_fallback(site_client, campaign):
    response = site_client.get(campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="image/avif"') >= 3
    assert html.count('type="image/webp"') >= 3
    series = re.findall(r"<picture>.*?</picture>", html, re.S)[1:]
    assert len(series) == 2
    for picture in series:
        img = re.search(r"<img [^>]*>", picture).group(0)
        assert 'loading="lazy"' in img
        assert re.search(r'width="\d+"', img)
        assert re.search(r'height="\d+"', img)
        assert img.split('src="')[1].split('"')[0].endswith((".jpg", ".jpeg"))
        assert "srcset=" in picture
    assert 'alt="Markt am Schlaatz"' in html
    hero_img = re.search(
        r"<img [^>]*>", re.findall(r"<picture>.*?</picture>", html, re.S)[0]
    )
    assert 'loading="lazy"' not in hero_img.group(0)

    formats = {
        rendition.file.name.rsplit(".", 1)[1]
        for image in [campaign.hero_image, *[i.image for i in campaign.images.all()]]
        for rendition in image.renditions.all()
    }
    assert {"avif", "webp", "jpg"} <= formats


def test_open_graph_image(site_client, campaign):
    html = site_client.get(campaign.url).content.decode()
    assert '<meta property="og:title" content="Wir sind Stern">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith("http://localhost/")
    assert image.endswith(".jpg")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html


def test_credit_and_licence_shown(site_client, campaign):
    html = site_client.get(campaign.url).content.decode()
    assert "© Foto: Quartier" in html
    assert "Own photo (all rights with the project)" in html or "Eigenes Foto" in html


def test_index_groups_current_upcoming_and_past(site_client, campaign_index):
    today = timezone.localdate()
    CampaignPageFactory(parent=campaign_index, title="Jetzt", period_start=today)
    CampaignPageFactory(
        parent=campaign_index, title="Bald", period_start=today + timedelta(days=5)
    )
    CampaignPageFactory(
        parent=campaign_index,
        title="Vorbei",
        period_start=today - timedelta(days=50),
        period_end=today - timedelta(days=20),
    )
    html = site_client.get(campaign_index.url).content.decode()
    sections = re.findall(r'<h2 id="campaigns-(\w+)">.*?</ul>', html, re.S)
    assert sections == ["current", "upcoming", "past"]
    assert html.index("Jetzt") < html.index("Bald") < html.index("Vorbei")


def test_home_shows_current_campaign_and_next_events(site_client, campaign):
    events = EventIndexPageFactory()
    start = timezone.now() + timedelta(days=2)
    EventPageFactory(
        parent=events, title="PC-Café", start=start, end=start + timedelta(hours=2)
    )
    html = site_client.get("/").content.decode()
    assert "Wir sind Stern" in html
    assert campaign.claim in html
    assert "PC-Café" in html
    assert 'href="/veranstaltungen/"' in html


def test_ended_campaign_is_not_on_home(site_client, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        title="Alte Kampagne",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 2, 1),
    )
    assert "Alte Kampagne" not in site_client.get("/").content.decode()


def test_publishing_prepares_every_image_size_the_site_shows(
    site_client, campaign, django_capture_on_commit_callbacks, settings
):
    """AVIF takes seconds per rendition: they are made when the campaign is
    published, so its first visitor does not wait for them."""
    renditions = get_image_model().get_rendition_model().objects
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()
    prepared = renditions.count()
    assert prepared == 9 + 1 + 6 + 2 * 9  # hero, social image, card, series

    def files() -> int:
        return sum(1 for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())

    made = files()
    for url in (campaign.url, campaign.get_parent().url, "/"):
        response = site_client.get(url)
        assert response.status_code == 200
        assert campaign.title in response.content.decode()
    assert renditions.count() == prepared, "a page made a rendition itself"
    assert files() == made, "a page encoded an image again"
