import factory
from factory.django import DjangoModelFactory

from core.models import ModerationStatus
from projects.models import AreaOfImpact, DsiFocus, Project, ProjectState, Technology


def _vocabulary(model, values):
    """Rows of a seeded vocabulary, given as rows or names."""
    names = [v for v in values if isinstance(v, str)]
    rows = [v for v in values if not isinstance(v, str)]
    return rows + list(model.objects.filter(name__in=names))


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Project {n:04d}")
    slug = factory.Sequence(lambda n: f"project-{n:04d}")
    status = ModerationStatus.PUBLISHED
    state = ProjectState.LIVE
    short_description = factory.Sequence(lambda n: f"Summary number {n}.")
    description = factory.Sequence(lambda n: f"<p>Filler text number {n}.</p>")
    social_impact = factory.Sequence(lambda n: f"<p>Filler text number {n}.</p>")
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

    @factory.post_generation
    def focus(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus.add(*_vocabulary(DsiFocus, extracted))

    @factory.post_generation
    def areas_of_impact(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas_of_impact.add(*_vocabulary(AreaOfImpact, extracted))

    @factory.post_generation
    def technologies(self, create, extracted, **kwargs):
        if create and extracted:
            self.technologies.add(*_vocabulary(Technology, extracted))

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.add(*extracted)
