"""The site's own middleware: limits on what a request may carry, security headers Django
does not send itself, and the benchmark's instrumentation.

Benchmark instrumentation: what each response cost in SQL queries and server time.

`make bench` reads these headers over HTTP. The middleware is installed by the settings only
when DJANGO_BENCH_HEADERS=true (setting BENCH_HEADERS), so a normal site neither runs it nor
sends the headers; it also refuses to load (MiddlewareNotUsed) if listed while the setting is off.
"""

import time
from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.shortcuts import render

QUERY_COUNT_HEADER = "X-Query-Count"
SERVER_TIMING_HEADER = "Server-Timing"


class _QueryCounter:
    """An execute wrapper that counts the queries run through it and the time they take."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


class QueryCountHeaderMiddleware:
    """Adds `X-Query-Count: <n>` and `Server-Timing: app;dur=<ms>, db;dur=<ms>` to responses.

    Put it first in MIDDLEWARE so it counts the queries of every other middleware too, and so a
    page cache further in never stores its headers with a cached page.
    """

    def __init__(self, get_response):
        if not getattr(settings, "BENCH_HEADERS", False):
            raise MiddlewareNotUsed("BENCH_HEADERS is off")
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        started = time.perf_counter()
        with ExitStack() as wrappers:
            for connection in connections.all():
                wrappers.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers[QUERY_COUNT_HEADER] = str(counter.count)
        response.headers[SERVER_TIMING_HEADER] = (
            f'app;dur={elapsed_ms:.2f}, db;dur={counter.seconds * 1000:.2f};desc="{counter.count} '
            f'queries"'
        )
        return response


PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class PermissionsPolicyMiddleware:
    """The site uses no camera, microphone, location or payment: say so, so that nothing
    injected into a page could ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestBodyLimitMiddleware:
    """Refuses a request body over MAX_REQUEST_BODY_BYTES with 413 before anything reads it.

    Django refuses big form fields only after the multipart parser has streamed the whole
    body to disk; this runs first, on the Content-Length. (Django reads no more than the
    Content-Length says, and nothing of a body sent without one, so that is the whole
    story.)"""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cap = settings.MAX_REQUEST_BODY_BYTES

    def __call__(self, request):
        environ = request.META
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.cap:
            return self.too_large(request)
        return self.get_response(request)

    def too_large(self, request):
        megabytes = self.cap // (1024 * 1024)
        return render(request, "413.html", {"megabytes": megabytes}, status=413)
