import pytest


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client
