"""schema.org pieces that more than one page type describes the same way."""


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
