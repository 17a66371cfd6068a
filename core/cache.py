"""Redis as a cache that can fail: with Redis down every read misses and every write is
skipped, so pages fall through to the database instead of answering 500."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


def _fall_back(method, fallback):
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except REDIS_DOWN as error:
            logger.warning(
                "Cache unavailable (%s); %s skipped, failing open", error, method.__name__
            )
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    guarded.__name__ = method.__name__
    guarded.__doc__ = method.__doc__
    return guarded


class ResilientRedisCache(RedisCache):
    get = _fall_back(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _fall_back(RedisCache.get_many, {})
    has_key = _fall_back(RedisCache.has_key, False)
    # "Stored" when it could not be: locks and counters built on add() then let people in
    # (allauth's rate limits take a lock with add(); a False would lock everyone out of
    # signing in while Redis is down). Failing open is logged by _fall_back.
    add = _fall_back(RedisCache.add, True)
    set = _fall_back(RedisCache.set, None)
    set_many = _fall_back(RedisCache.set_many, lambda data, *a, **kw: list(data))
    touch = _fall_back(RedisCache.touch, False)
    delete = _fall_back(RedisCache.delete, False)
    delete_many = _fall_back(RedisCache.delete_many, None)
    clear = _fall_back(RedisCache.clear, None)
    # incr is left to raise: a counter that silently reads 0 would switch rate limits off
    # without anyone deciding so; callers choose what a missing Redis means for them.
