"""The capped counts (search/engine.py): one query, never more than cap + 1 rows counted."""

import pytest

from organisations.models import Organisation
from projects.models import Project
from search.engine import capped_counts, count_label
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_counts_stop_after_the_cap_all_in_one_query(django_assert_num_queries):
    OrganisationFactory.create_batch(5)
    ProjectFactory.create_batch(2)
    querysets = {
        "organisations": Organisation.objects.published(),
        "projects": Project.objects.published(),
        "nothing": Organisation.objects.none(),
        "searched": Organisation.objects.published().search("organisation"),
    }
    with django_assert_num_queries(1):
        counts = capped_counts(querysets, cap=3)
    assert counts == {"organisations": 4, "projects": 2, "nothing": 0, "searched": 4}
    assert capped_counts(querysets, cap=10) == {
        "organisations": 5,
        "projects": 2,
        "nothing": 0,
        "searched": 5,
    }


def test_nothing_to_count_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert capped_counts({"a": Organisation.objects.none()}) == {"a": 0}


def test_count_labels():
    assert count_label(0) == "0"
    assert count_label(999) == "999"
    assert count_label(1_000) == "1,000"
    assert count_label(1_001) == "1,000+"
    assert count_label(12_345, cap=20_000) == "12,345"
    assert count_label(4, cap=3) == "3+"
    assert count_label(3, cap=3) == "3"
