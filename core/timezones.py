"""Time zones by their IANA names ("Europe/Rome"): what events and deadlines are kept in, so that
a time is shown as its organisers wrote it, and stays right across summer-time changes."""

import zoneinfo
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UNKNOWN_TIME_ZONE = _("Choose a time zone from the list, for example Europe/Brussels.")


@cache
def time_zone_names():
    """Every IANA name this machine knows, A–Z (the legacy aliases such as "CET" aside)."""
    return sorted(
        name
        for name in zoneinfo.available_timezones()
        if ("/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))) or name == "UTC"
    )


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


def zone(name):
    """The ZoneInfo called `name`, or None for a name nobody knows."""
    if name not in time_zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def current_minute():
    """Now, to the minute: the moment that splits upcoming from past (or open from closed) for
    one request, the same in its counts (cached under it) and in its rows."""
    return timezone.now().replace(second=0, microsecond=0)
