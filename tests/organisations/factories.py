import factory
from factory.django import DjangoModelFactory

from core.models import ModerationStatus
from organisations.models import Organisation, OrganisationSize, OrganisationType


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n:04d}")
    slug = factory.Sequence(lambda n: f"organisation-{n:04d}")
    status = ModerationStatus.PUBLISHED
    short_description = factory.Sequence(lambda n: f"Summary number {n}.")
    description = factory.Sequence(lambda n: f"<p>Filler text number {n}.</p>")
    organisation_type = OrganisationType.GRASSROOTS
    size = OrganisationSize.S_0_5
    country = "IT"
    region = "Milan"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.add(*extracted)
