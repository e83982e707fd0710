"""QR codes drawn by the portal itself (segno), never by an outside service."""

import segno


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code for `url`, sized by CSS through its viewBox."""
    return segno.make(url, error="m", micro=False).svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="qr",
        omitsize=True,
    )
