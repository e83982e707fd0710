"""schema.org `Event` for search engines, for the event's next date."""

from __future__ import annotations

from django.utils.translation import get_language

from portal import absolute

from .choices import EventStatus, Registration

_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}


def _status(event, occurrence) -> str:
    if occurrence is not None and occurrence.cancelled:
        return "https://schema.org/EventCancelled"
    if event.status == EventStatus.SCHEDULED and occurrence and occurrence.moved:
        return "https://schema.org/EventRescheduled"
    return _STATUS.get(event.status, _STATUS[EventStatus.SCHEDULED])


def _attendance_mode(event) -> str:
    has_place = event.place is not None and event.status != EventStatus.MOVED_ONLINE
    online = bool(event.online_url) or event.status == EventStatus.MOVED_ONLINE
    if has_place and online:
        return "https://schema.org/MixedEventAttendanceMode"
    if online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _location(event, page_url: str):
    locations = []
    place = event.place
    if place is not None and event.status != EventStatus.MOVED_ONLINE:
        data = {
            "@type": "Place",
            "name": place["name"],
            "address": {
                "@type": "PostalAddress",
                "streetAddress": place["street"],
                "postalCode": place["postal_code"],
                "addressLocality": place["city"],
                "addressCountry": "DE",
            },
        }
        if place["latitude"] is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(place["latitude"]),
                "longitude": float(place["longitude"]),
            }
        locations.append(data)
    if event.online_url or event.status == EventStatus.MOVED_ONLINE:
        locations.append(
            {"@type": "VirtualLocation", "url": event.online_url or page_url}
        )
    if len(locations) == 1:
        return locations[0]
    return locations or None


def event_jsonld(*, event, occurrence, request, registration_taken=False) -> dict:
    """schema.org Event. Where an app takes the registration over (a course's
    panel, `events.extensions`), the offer leads to this page and leaves the
    event's own places and outside link out, as the page does."""
    page_url = absolute.page_url(event, request)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_url,
        "eventStatus": _status(event, occurrence),
        "eventAttendanceMode": _attendance_mode(event),
        "inLanguage": event.languages or [get_language()],
        "isAccessibleForFree": event.is_free,
    }
    if event.teaser:
        data["description"] = event.teaser
    if occurrence is not None:
        if occurrence.all_day:
            data["startDate"] = occurrence.local_start.date().isoformat()
            data["endDate"] = occurrence.last_day.isoformat()
        else:
            data["startDate"] = occurrence.local_start.isoformat()
            data["endDate"] = occurrence.local_end.isoformat()
        if occurrence.moved:
            data["previousStartDate"] = occurrence.original_start.astimezone(
                occurrence.local_start.tzinfo
            ).isoformat()
    location = _location(event, page_url)
    if location:
        data["location"] = location
    fully_booked = event.fully_booked and not registration_taken
    available = not fully_booked and event.status != EventStatus.CANCELLED
    offer = {
        "@type": "Offer",
        "price": "0" if event.is_free else f"{event.price or 0:.2f}",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock"
        if available
        else "https://schema.org/SoldOut",
        "url": page_url if registration_taken else event.registration_url or page_url,
    }
    if (
        event.registration == Registration.REQUIRED
        and event.capacity
        and not registration_taken
    ):
        offer["inventoryLevel"] = {
            "@type": "QuantitativeValue",
            "value": event.capacity,
        }
    data["offers"] = offer
    organiser_name = event.organiser_name
    organiser_url = ""
    if event.organiser_page_id:
        organiser = event.organiser_page
        organiser_name = organiser_name or organiser.title
        organiser_url = absolute.page_url(organiser, request)
    if organiser_name:
        data["organizer"] = {"@type": "Organization", "name": organiser_name}
        if organiser_url:
            data["organizer"]["url"] = organiser_url
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x675|format-jpeg")
        data["image"] = [absolute.absolute_url(rendition.url)]
    return data
