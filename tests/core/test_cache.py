"""Redis is a cache, never a reason for a page to fail."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.cache import REDIS_DOWN

DEAD_REDIS = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_the_suite_really_uses_redis():
    from core.cache import ResilientRedisCache

    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)
    cache.set("probe", 42)
    assert cache.get("probe") == 42
    assert cache._cache.get_client().ping()


@override_settings(CACHES=DEAD_REDIS)
def test_with_redis_down_reads_miss_and_writes_are_skipped():
    cache = caches.create_connection("default")
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("key", 1) is None
    assert cache.add("key", 1) is True  # fails open: locks built on add() let people in
    assert cache.get_or_set("key", 7) == 7
    assert cache.delete("key") is False
    with pytest.raises(REDIS_DOWN):
        cache.incr("counter")


@pytest.mark.django_db
def test_pages_render_with_redis_down(client, settings):
    settings.CACHES = DEAD_REDIS
    caches._settings = None  # forget the connections built from the old setting
    try:
        for url in ["/", "/organisations/"]:
            assert client.get(url).status_code == 200
    finally:
        caches._settings = None
