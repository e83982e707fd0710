"""schema.org JSON-LD for a commercial unit: an `Offer` (to let) whose item
is the `Place` (also an `Accommodation`, the type that has `floorSize`).

Only what the page itself shows goes in."""

from __future__ import annotations

from django.utils import timezone

from portal import absolute


def premises(unit, *, company, request) -> dict:
    place = {
        "@type": ["Place", "Accommodation"],
        "name": unit.title,
        "description": unit.summary,
        "floorSize": {
            "@type": "QuantitativeValue",
            "value": float(unit.area),
            "unitCode": "MTK",
            "unitText": "m²",
        },
        "floorLevel": str(unit.floor),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": unit.street,
            "postalCode": unit.postal_code,
            "addressLocality": unit.city,
            "addressCountry": "DE",
        },
        "amenityFeature": [
            {
                "@type": "LocationFeatureSpecification",
                "name": name,
                "value": bool(value),
            }
            for name, value in (
                ("step-free access", unit.step_free),
                ("shop window", unit.shop_window),
            )
        ],
    }
    if unit.latitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(unit.latitude),
            "longitude": float(unit.longitude),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Offer",
        "url": absolute.page_url(unit, request),
        "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
        "itemOffered": place,
        "offeredBy": {
            "@type": "Organization",
            "name": company.title,
            "url": absolute.page_url(company, request),
        },
        "availabilityStarts": (unit.available_from or timezone.localdate()).isoformat(),
    }
    if unit.expire_at:
        data["validThrough"] = unit.expire_at.isoformat()
    if unit.rent_per_m2 is not None:
        specifications = [
            {
                "@type": "UnitPriceSpecification",
                "name": "net cold rent",
                "price": float(unit.rent_per_m2),
                "priceCurrency": "EUR",
                "unitCode": "MTK",
                "referenceQuantity": {
                    "@type": "QuantitativeValue",
                    "value": 1,
                    "unitCode": "MON",
                },
            }
        ]
        if unit.service_charges_per_m2 is not None:
            specifications.append(
                {
                    "@type": "UnitPriceSpecification",
                    "name": "service charges",
                    "price": float(unit.service_charges_per_m2),
                    "priceCurrency": "EUR",
                    "unitCode": "MTK",
                }
            )
        data["priceSpecification"] = specifications
    return data
