"""Small helpers for reading rendered pages and their headers."""

import io
from urllib.parse import urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from PIL import Image


def soup(response) -> BeautifulSoup:
    assert response["Content-Type"].startswith("text/html")
    return BeautifulSoup(response.content, "html.parser")


def html_lang(response) -> str:
    return soup(response).html["lang"]


def main_text(response) -> str:
    """The visible text of the <main> landmark, whitespace collapsed."""
    return " ".join(soup(response).find("main").get_text(" ").split())


def footer_links(response) -> dict[str, str]:
    """Footer legal navigation: link text -> href."""
    nav = soup(response).select_one("footer .site-footer__legal")
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}


def csp_directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy: directive -> sources."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def text_language(node) -> tuple[str, str]:
    """The language and direction a text node is in: its nearest
    ancestors' lang and dir."""
    language = direction = ""
    for element in node.parents:
        attributes = getattr(element, "attrs", None) or {}
        language = language or attributes.get("lang", "")
        direction = direction or attributes.get("dir", "")
        if language and direction:
            break
    return language, direction


def shown_text_language(html, text) -> tuple[str, str]:
    """`text_language` of the text node that reads exactly `text`."""
    node = html.find(string=lambda s: s and s.strip() == text)
    assert node is not None, f"{text!r} is not shown"
    return text_language(node)


def sitemap_files(client) -> list:
    """The parsed files `/sitemap.xml` indexes (one per app and language)."""
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ElementTree.fromstring(index.content)  # noqa: S314 - our own sitemap
    assert root.tag == f"{sm}sitemapindex"
    files = []
    for loc in root.iter(f"{sm}loc"):
        parts = urlsplit(loc.text)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, loc.text
        assert response["Content-Type"].startswith("application/xml")
        files.append(ElementTree.fromstring(response.content))  # noqa: S314
    return files


def image_bytes(fmt="JPEG", size=(640, 480), exif=None) -> bytes:
    """A generated picture in the given format, for upload tests."""
    buffer = io.BytesIO()
    picture = Image.new("RGB", size, (30, 120, 80))
    kwargs = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()
