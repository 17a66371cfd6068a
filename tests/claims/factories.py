import factory
from factory.django import DjangoModelFactory

from claims.models import Claim
from tests.organisations.factories import OrganisationFactory


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    record = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("tests.claims.factories.UserFactory")
    note = "I run it."


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"

    email = factory.Sequence(lambda n: f"person{n}@example.org")
