import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from blog.models import Category, Post
from core.models import ModerationStatus


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post {n:04d}")
    slug = factory.Sequence(lambda n: f"post-{n:04d}")
    status = ModerationStatus.PUBLISHED
    category = Category.NEWS
    author_name = "Ada Lovelace"
    summary = factory.Sequence(lambda n: f"Summary number {n}.")
    body = factory.Sequence(lambda n: f"<p>Filler text number {n}.</p>")
    published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(days=1, minutes=n)
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
