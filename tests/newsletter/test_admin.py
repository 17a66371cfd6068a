import csv
import io

import pytest
from django.urls import reverse

from newsletter.models import Subscriber
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsletter_subscriber_changelist")
EXPORT = reverse("admin:newsletter_subscriber_export")


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def subscribers():
    return {
        "confirmed": SubscriberFactory(email="ada@example.org", confirmed=True, source="home"),
        "confirmed2": SubscriberFactory(email="=cmd|calc@example.org", confirmed=True),
        "pending": SubscriberFactory(email="bob@example.org"),
        "unsubscribed": SubscriberFactory(email="cy@example.org", unsubscribed=True),
    }


def test_changelist_shows_counts_filters_and_search(
    client, staff_user, subscribers, django_assert_max_num_queries
):
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 pending confirmation, 2 confirmed, 1 unsubscribed" in html
    assert "Download confirmed subscribers (CSV)" in html
    assert "?status__exact=confirmed" in html
    assert "?source__exact=home" in html
    response = client.get(CHANGELIST, {"q": "ADA@"})
    assert list(response.context["cl"].result_list) == [subscribers["confirmed"]]
    response = client.get(CHANGELIST, {"status__exact": "pending"})
    assert list(response.context["cl"].result_list) == [subscribers["pending"]]


def test_change_page_is_read_only_and_add_is_refused(client, staff_user, subscribers):
    client.force_login(staff_user)
    subscriber = subscribers["pending"]
    url = reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="email"' not in response.content.decode()
    assert client.get(reverse("admin:newsletter_subscriber_add")).status_code == 403


def test_csv_export_of_confirmed_subscribers(client, staff_user, subscribers):
    client.force_login(staff_user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = read_csv(response)
    assert data[0] == ["email", "language", "source", "confirmed_at", "consent_version"]
    emails = [row[0] for row in data[1:]]
    # Only the confirmed; a cell that a spreadsheet would run as a formula is defused.
    assert sorted(emails) == ["'=cmd|calc@example.org", "ada@example.org"]


def test_csv_export_action_takes_the_confirmed_among_the_selected(client, staff_user, subscribers):
    client.force_login(staff_user)
    selected = [subscribers["confirmed"].pk, subscribers["pending"].pk]
    response = client.post(
        CHANGELIST,
        {"action": "export_confirmed", "_selected_action": selected},
    )
    assert response.status_code == 200
    data = read_csv(response)
    assert [row[0] for row in data[1:]] == ["ada@example.org"]


def test_export_is_for_staff_only(client, user, subscribers):
    # Anonymous: sent to the admin login.
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    # Signed in but not staff: refused the same way, no CSV.
    client.force_login(user)
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not response.get("Content-Disposition")


def test_export_needs_the_view_permission(client, django_user_model, subscribers):
    clerk = django_user_model.objects.create_user(
        email="clerk@example.org", password="correct horse battery", is_staff=True
    )
    client.force_login(clerk)
    assert client.get(EXPORT).status_code == 403
    assert client.get(CHANGELIST).status_code == 403


def test_counts_helper():
    SubscriberFactory.create_batch(2)
    SubscriberFactory(confirmed=True)
    assert Subscriber.objects.counts() == {"pending": 2, "confirmed": 1, "unsubscribed": 0}
