from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.fields import RichTextField, Translations, one_line
from core.models import ModerationStatus, PublicEntity, PublicEntityQuerySet, TranslatedContent
from core.search import SearchableQuerySet
from core.text import plain_text

RESERVED_SLUGS = {"feed"}


class Category(models.TextChoices):
    NEWS = "news", _("News")
    BLOG = "blog", _("Blog")


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey(
        "Post", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_tag")
        ]


class PostQuerySet(SearchableQuerySet, PublicEntityQuerySet):
    trigram_field = "title"

    def published(self):
        """Published, and its publication time has come: the rule for every public page."""
        return super().published().filter(published_at__lte=timezone.now())

    def for_listing(self):
        return self.select_related("author").only(
            "slug",
            "title",
            "category",
            "summary",
            "body",
            "i18n",
            "featured_image",
            "published_at",
            "author_name",
            "author__name",
            "author__email",
        )


class Post(TranslatedContent, PublicEntity):
    title = models.CharField(max_length=200, validators=[one_line])
    # Kept current by triggers (blog/migrations/0002_search.py); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)
    category = models.CharField(max_length=8, choices=Category, default=Category.NEWS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    author_name = models.CharField(
        _("author display name"),
        max_length=150,
        blank=True,
        help_text=_("Shown as the author; when empty, the author's account name is shown."),
    )
    summary = models.CharField(max_length=150, blank=True, help_text=_("At most 150 characters."))
    body = RichTextField(blank=True)
    # Translations of the title, summary and body (title_de, body_fr…), edited in the admin;
    # a page shows the visitor's language where there is one, else the English.
    i18n = Translations(fields=("title", "summary", "body"))
    featured_image = models.ImageField(upload_to="blog/", blank=True)
    published_at = models.DateTimeField(
        default=timezone.now, help_text=_("A post shows from this moment on, once published.")
    )

    tags = TaggableManager(
        through=TaggedPost,
        blank=True,
        related_name="posts",
        help_text=_("Topics, separated by commas."),
    )

    objects = PostQuerySet.as_manager()

    slug_source = "title"

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("News & blogs")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="post_listing_idx"),
            models.Index(fields=["status", "category", "-published_at"], name="post_category_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("blog:detail", kwargs={"slug": self.slug})

    @classmethod
    def unique_slug(cls, text, taken=None):
        # /blog/feed/ is the RSS feed: no post may take its address.
        return super().unique_slug(text, (taken or set()) | RESERVED_SLUGS)

    @property
    def is_published(self):
        return self.status == ModerationStatus.PUBLISHED and self.published_at <= timezone.now()

    @property
    def byline(self):
        """The name shown as the author."""
        if self.author_name:
            return self.author_name
        return self.author.name if self.author else ""

    @property
    def description(self):
        """One line for meta descriptions and the feed."""
        if self.summary_i18n:
            return self.summary_i18n
        text = plain_text(self.body_i18n)
        return text[:147] + "…" if len(text) > 150 else text
