"""`make bench-load`'s mix (bench/load_mix.py), built from a sample as bench/sample.py prints it:
no server, no database."""

import random

from bench.load_mix import ACTIONS, EXPECTED, MIX, browsing, expected

SAMPLE = {
    "page_size": 24,
    "published_organisations": 240,
    "published_projects": 100,
    "organisation_slugs": ["polifactory", "fab-lab-turin-3"],
    "organisation_names": ["Polifactory", "Fab Lab Turin 3"],
    "countries": [["IT", 150], ["DE", 90]],
    "regions": [["Milan", 40]],
    "tags": [["makerspace", "makerspace", 30], ["open-data", "open data", 20]],
    "country_tag_pairs": [["IT", "makerspace", 20], ["DE", "open-data", 5]],
    "organisation_types": ["grassroots", "non-profit"],
    "organisation_sizes": ["0-5", "6-10"],
    "project_slugs": ["aria-pulita"],
    "event_slugs": ["open-data-day-2"],
    "event_countries": ["IT"],
    "funding_slugs": ["fund-for-mapping-1"],
    "funding_types": ["grant"],
}


def test_every_browsing_kind_of_the_mix_has_urls_from_the_sample():
    kinds = browsing(SAMPLE, random.Random(1))
    assert set(kinds) == set(MIX) - set(ACTIONS)
    assert all(browse.urls for browse in kinds.values())
    assert "/organisations/polifactory/" in kinds["profile"].urls
    assert kinds["list_page"].urls[-1] == "/organisations/?page=10"  # 240 / 24: every page
    assert kinds["projects_page"].urls[-1] == "/projects/?page=5"
    assert kinds["overlay"].headers == {"HX-Request": "true"}
    assert kinds["search_rare"].urls[0].startswith("/search/?q=")


def test_exports_are_small_filtered_ones_never_the_whole_dump():
    kinds = browsing(SAMPLE, random.Random(1))
    exports = kinds["export"].urls + kinds["export_tag"].urls
    assert all(url.startswith("/export/organisations.csv?country=") for url in exports)
    assert "/export/organisations.csv?country=IT&tag=makerspace" in kinds["export_tag"].urls


def test_only_the_rate_limited_posts_may_answer_429():
    assert expected(("profile", 200, 1.0, "web1", "/"))[0]
    assert not expected(("profile", 429, 1.0, "web1", "/"))[0]
    assert not expected(("profile", "ConnectionError", 1.0, "-", "/"))[0]
    assert expected(("sign-up POST", 429, 1.0, "web1", "/newsletter/")) == (True, True)
    assert expected(("submission POST", 302, 1.0, "web2", "/organisations/new/")) == (True, False)
    assert not expected(("submission POST", 200, 1.0, "web2", "/organisations/new/"))[0]
    assert not expected(("sign-in POST", 429, 1.0, "web2", "/accounts/login/"))[0]
    assert set(EXPECTED) == {"sign-up POST", "submission POST", "sign-in POST"}
