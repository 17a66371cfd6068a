from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from core.admin import ModeratedAdmin, TranslationsAdmin


@admin.register(Post)
class PostAdmin(TranslationsAdmin, ModeratedAdmin):
    translated_fields = ("title", "summary", "body")
    list_display = ["title", "category", "status", "published_at", "byline"]
    list_filter = ["status", "category", "published_at"]
    search_fields = ["title", "summary", "author_name"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["author"]
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = "published_at"
    raw_id_fields = ["author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "category", "summary", "body"]}),
        (_("Publication"), {"fields": ["published_at", "author", "author_name"]}),
        (_("Image and tags"), {"fields": ["featured_image", "tags"]}),
        (
            _("Record"),
            {"fields": ["legacy_id", "created_by", "created_at", "updated_by", "updated_at"]},
        ),
    ]

    @admin.display(description=_("author"))
    def byline(self, obj):
        return obj.byline
