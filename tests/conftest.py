import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Tests share one Redis database: each starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        email="staff@example.org",
        password="correct horse battery",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        email="person@example.org", password="correct horse battery"
    )
