"""The shared cache, degrading instead of failing.

Every page reads the cache (site settings, menus, renditions, rate limits).
With Django's own Redis backend an outage of Redis turns each of those reads
into a 500. This backend logs the outage and answers as an empty cache would:
pages render uncached, `/healthz` reports the cache as down (it asks
`check_health`, which does raise), and counters start again from zero until
Redis is back. Short socket timeouts keep a dead Redis from holding requests.
"""

import functools
import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(fallback):
    """Run the cache call; on an outage log it and answer `fallback(*args)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OUTAGE as error:
                logger.warning("cache unavailable in %s: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _none(*args, **kwargs):
    return None


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that answers like an empty cache while Redis is down."""

    def __init__(self, server, params):
        params = {**params}
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        params["OPTIONS"] = {**options, **params.get("OPTIONS", {})}
        super().__init__(server, params)

    def check_health(self) -> None:
        """Raise when Redis does not answer (for /healthz; never degraded)."""
        self._cache.get_client(write=True).ping()

    @_degrade(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    # An add that cannot reach Redis stored nothing, but a caller such as a
    # counter (add, then incr) should go on as if it had started afresh.
    @_degrade(lambda *args, **kwargs: True)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_degrade(_none)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_degrade(lambda *args, **kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_degrade(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_degrade(lambda *args, **kwargs: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_degrade(lambda *args, **kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_degrade(lambda key, delta=1, version=None: delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_degrade(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_degrade(_none)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_degrade(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()
