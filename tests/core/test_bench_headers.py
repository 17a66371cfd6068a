"""The benchmark's query-count header: exact when DJANGO_BENCH_HEADERS is on, absent otherwise."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.organisations.factories import OrganisationFactory

MIDDLEWARE_PATH = "core.middleware.QueryCountHeaderMiddleware"


def three_queries(request):
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT 1")
    return HttpResponse("ok")


def no_query(request):
    return HttpResponse("ok")


urlpatterns = [path("three/", three_queries), path("none/", no_query)]


@pytest.fixture
def bench_headers_on(settings):
    settings.BENCH_HEADERS = True
    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_header_counts_exactly_the_queries_of_the_request(client, bench_headers_on):
    assert client.get("/three/")["X-Query-Count"] == "3"
    response = client.get("/none/")
    assert response["X-Query-Count"] == "0"
    assert response["Server-Timing"].startswith("app;dur=")
    assert 'db;dur=0.00;desc="0 queries"' in response["Server-Timing"]


@pytest.mark.django_db
def test_header_matches_the_queries_a_real_page_runs(client, bench_headers_on):
    organisation = OrganisationFactory(tags=["open data", "makerspace"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert int(response["X-Query-Count"]) == len(queries.captured_queries) > 0


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_no_header_when_off(client):
    assert MIDDLEWARE_PATH not in django_settings.MIDDLEWARE
    response = client.get("/three/")
    assert "X-Query-Count" not in response
    assert "Server-Timing" not in response


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_listed_by_mistake_while_off_it_unloads_itself(client, settings):
    settings.BENCH_HEADERS = False
    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]
    assert "X-Query-Count" not in client.get("/three/")


@pytest.mark.parametrize(("value", "installed"), [("true", True), ("false", False), (None, False)])
def test_settings_install_it_first_only_when_the_variable_is_on(value, installed):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_BENCH_HEADERS"}
    if value is not None:
        env["DJANGO_BENCH_HEADERS"] = value
    code = (
        "from django.conf import settings; "
        f"print('RESULT', settings.BENCH_HEADERS, settings.MIDDLEWARE.count({MIDDLEWARE_PATH!r}), "
        "settings.MIDDLEWARE[0]); "
        "from django.urls import resolve, Resolver404\n"
        "try: resolve('/bench/baseline/'); print('BASELINE yes')\n"
        "except Resolver404: print('BASELINE no')"
    )
    result = subprocess.run(
        [sys.executable, str(django_settings.BASE_DIR / "manage.py"), "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    _, flag, count, first = line.split()
    assert flag == str(installed)
    assert count == ("1" if installed else "0")
    assert (first == MIDDLEWARE_PATH) is installed
    # The benchmark's yardstick page exists only for the benchmark.
    assert ("BASELINE yes" if installed else "BASELINE no") in result.stdout


@pytest.mark.django_db
def test_the_benchmark_baseline_is_a_plain_page_of_three_queries(client):
    from django.test import RequestFactory

    from dsi_directory.views import benchmark_baseline

    OrganisationFactory(name="Polifactory")
    with CaptureQueriesContext(connection) as queries:
        response = benchmark_baseline(RequestFactory().get("/bench/baseline/"))
    assert response.status_code == 200
    assert len(queries.captured_queries) == 3
    assert b"<li>Polifactory</li>" in response.content
