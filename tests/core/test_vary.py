"""Views that answer htmx with a fragment say so (Vary: HX-Request), so no cache between the
browser and the site hands a fragment to a full-page visit or the other way round."""

import pytest
from django.urls import reverse
from django.utils.cache import has_vary_header

pytestmark = pytest.mark.django_db

HTMX_AWARE = [
    "organisations:list",
    "projects:list",
    "casestudies:list",
    "blog:list",
    "search:results",
    "newsletter:subscribe",
]


@pytest.mark.parametrize("url_name", HTMX_AWARE)
def test_pages_that_answer_htmx_differently_vary_on_it(client, url_name):
    url = reverse(url_name)
    plain = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert plain.status_code == fragment.status_code == 200
    assert has_vary_header(plain, "HX-Request")
    assert has_vary_header(fragment, "HX-Request")


def test_a_not_modified_answer_keeps_the_vary_header(client):
    url = reverse("organisations:list")
    etag = client.get(url)["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert has_vary_header(again, "HX-Request")
