"""What a request may carry, and the headers every answer has."""

import socket

import pytest
from django.urls import reverse

from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_body_over_the_cap_is_refused_before_it_is_read(live_server, settings, tmp_path):
    """A client announces 500 MB and sends the first megabyte: the answer is 413 at once, and
    nothing of the body reached the disk (no upload temp file)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    host, port = live_server.url.removeprefix("http://").split(":")
    body_start = b'--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n' + b"a" * 2**20
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /newsletter/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 524288000\r\n\r\n" + body_start
        )
        answer = b""
        while b"</html>" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413")
    assert "too large" in answer
    assert list(tmp_path.iterdir()) == []


def test_a_body_under_the_cap_goes_through(client):
    response = client.post(reverse("newsletter:subscribe"), {"email": "x" * 2000})
    assert response.status_code != 413


def test_every_answer_refuses_camera_microphone_and_location(client):
    response = client.get("/")
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.parametrize(
    "url", ["/", "/organisations/", "/newsletter/", "/accounts/login/", "/search/?q=x"]
)
def test_head_answers_like_get(client, url):
    assert client.head(url).status_code == 200


def test_head_on_a_form_page_changes_nothing(client):
    from newsletter.models import Subscriber

    client.head(reverse("newsletter:subscribe"), {"email": "head@example.org"})
    assert not Subscriber.objects.exists()


def test_a_nul_byte_in_the_organisations_field_is_a_message_not_a_500(signed_in):
    from tests.submissions.kinds import KINDS

    OrganisationFactory(name="Polifactory")
    data = KINDS[1].valid_data(organisations="Polifactory\x00")
    response = signed_in.post(KINDS[1].create_url, data)
    assert response.status_code == 200
    assert "null characters" in " ".join(response.context["form"].errors["organisations"])
