import factory
from factory.django import DjangoModelFactory

from casestudies.models import CaseStudy
from core.models import ModerationStatus
from projects.models import AreaOfImpact


class CaseStudyFactory(DjangoModelFactory):
    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n:04d}")
    slug = factory.Sequence(lambda n: f"case-study-{n:04d}")
    status = ModerationStatus.PUBLISHED
    intro = factory.Sequence(lambda n: f"Introduction number {n}.")
    body = factory.Sequence(lambda n: f"<p>Filler text number {n}.</p>")
    country = "IT"
    region = "Milan"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def areas_of_impact(self, create, extracted, **kwargs):
        if create and extracted:
            names = [a for a in extracted if isinstance(a, str)]
            rows = [a for a in extracted if not isinstance(a, str)]
            self.areas_of_impact.add(*rows, *AreaOfImpact.objects.filter(name__in=names))
