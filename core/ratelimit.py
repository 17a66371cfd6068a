"""The one rate limiter: a counter per key and window in the shared cache.

Every limit of ours (newsletter sign-ups per address, submissions per person, and whatever
comes next) counts here. When the cache cannot count (Redis down) the limit is off for the
moment, with a log line, rather than the form broken or people locked out.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from core.cache import REDIS_DOWN

logger = logging.getLogger(__name__)


def over_limit(scope, who, limit, window):
    """Count one attempt of `who` (a person's id, an address) in `scope` and say whether it
    goes over `limit` attempts in the `window` seconds that began with the first of them."""
    key = f"ratelimit:{scope}:{who}"
    try:
        cache.add(key, 0, window)
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add() and incr(): a new window
        return False
    except REDIS_DOWN as error:
        logger.warning("Rate limit %s not counted, cache unavailable: %s", scope, error)
        return False


def already_over(scope, who, limit):
    """Whether `who` has reached `limit` attempts in `scope`, without counting one more."""
    try:
        return (cache.get(f"ratelimit:{scope}:{who}") or 0) >= limit
    except REDIS_DOWN:  # ResilientRedisCache.get() logs and misses already; other backends
        return False


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the
    address the outermost trusted proxy saw (entries to its left can be forged)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
