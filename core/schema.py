"""schema.org pieces that more than one page type describes the same way."""

from django.conf import settings


def absolute(path):
    """A path of ours as the address the world should use: on SITE_URL, whatever host the
    request came in by (the canonical link, og:url and the sitemap say the same)."""
    if path.startswith(("http://", "https://")):
        return path  # media on another store (S3) is addressed there already
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def place(record):
    """The address and geo coordinates of a record with country, region, latitude, longitude."""
    data = {}
    if record.country or record.region:
        data["address"] = {"@type": "PostalAddress", "addressCountry": record.country.code}
        if record.region:
            data["address"]["addressLocality"] = record.region
    if record.latitude is not None and record.longitude is not None:
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(record.latitude),
                "longitude": float(record.longitude),
            },
        }
    return data
