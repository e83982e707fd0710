"""Small geometry helpers: is a point in Potsdam, in a quarter's boundary.

The portal needs no GIS database for this: boundaries are a handful of
corners, and a ray-casting test is exact enough for a city district.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

# Potsdam's administrative area, generously rounded outwards.
POTSDAM_BOUNDS = {"south": 52.33, "north": 52.52, "west": 12.88, "east": 13.17}


def in_potsdam(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    lat, lng = float(latitude), float(longitude)
    return (
        POTSDAM_BOUNDS["south"] <= lat <= POTSDAM_BOUNDS["north"]
        and POTSDAM_BOUNDS["west"] <= lng <= POTSDAM_BOUNDS["east"]
    )


def point_errors(latitude, longitude) -> dict[str, str]:
    """Translated errors by field name for an optional map point: both
    coordinates or neither, and the point in Potsdam. Empty when it is fine."""
    if (latitude is None) != (longitude is None):
        return {"longitude": _("Enter both latitude and longitude, or neither.")}
    if latitude is not None and not in_potsdam(latitude, longitude):
        return {"latitude": _("This point does not lie in Potsdam.")}
    return {}


def validate_polygon(corners) -> None:
    """Raise ValueError with a translated message unless `corners` is empty or
    a list of at least three [latitude, longitude] pairs inside Potsdam."""
    if corners in (None, []):
        return
    if not isinstance(corners, list) or len(corners) < 3:
        raise ValueError(_("A boundary needs at least three corners."))
    for corner in corners:
        if (
            not isinstance(corner, list | tuple)
            or len(corner) != 2
            or not all(isinstance(c, int | float) for c in corner)
        ):
            raise ValueError(_("Each corner must be a [latitude, longitude] pair."))
        if not in_potsdam(*corner):
            raise ValueError(_("Every corner must lie in Potsdam."))


def polygon_contains(corners, latitude: float, longitude: float) -> bool:
    """Ray casting: count crossings of a ray from the point eastwards."""
    if not corners:
        return False
    inside = False
    j = len(corners) - 1
    for i in range(len(corners)):
        lat_i, lng_i = corners[i]
        lat_j, lng_j = corners[j]
        if (lat_i > latitude) != (lat_j > latitude):
            crossing = (lng_j - lng_i) * (latitude - lat_i) / (lat_j - lat_i) + lng_i
            if longitude < crossing:
                inside = not inside
        j = i
    return inside


def polygon_bounds(corners) -> list[list[float]]:
    """[[south, west], [north, east]] of a boundary (Leaflet's bounds)."""
    lats = [float(corner[0]) for corner in corners]
    lngs = [float(corner[1]) for corner in corners]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


def quarter_shapes(quarters) -> list[dict]:
    """What a map draws of each quarter with a boundary: the same corners the
    server checks a point against (`polygon_contains`), so the map shows
    exactly where a pin is accepted."""
    return [
        {
            "id": quarter.pk,
            "name": quarter.name,
            "corners": [[float(lat), float(lng)] for lat, lng in quarter.boundary],
            "bounds": polygon_bounds(quarter.boundary),
        }
        for quarter in quarters
        if quarter.boundary
    ]
