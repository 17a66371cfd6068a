from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CountryFilter, TranslationsAdmin
from projects.models import AreaOfImpact, DsiFocus, Project, Technology
from submissions.admin import AwaitingReviewFilter, LikelyDuplicateFilter, SubmittableAdmin


class VocabularyAdmin(TranslationsAdmin):
    translated_fields = ("name",)
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DsiFocus)
class DsiFocusAdmin(VocabularyAdmin):
    translated_fields = ("name", "description")
    list_display = ["name", "position", "description"]


@admin.register(AreaOfImpact)
class AreaOfImpactAdmin(VocabularyAdmin):
    pass


@admin.register(Technology)
class TechnologyAdmin(VocabularyAdmin):
    pass


@admin.register(Project)
class ProjectAdmin(SubmittableAdmin):
    list_display = [
        "name", "status", "state", "country", "start_date", "end_date", "owner",
        "flagged_reason", "updated_at",
    ]  # fmt: skip
    list_filter = [
        AwaitingReviewFilter, LikelyDuplicateFilter, "status", "state", "focus",
        "areas_of_impact", "technologies",
        CountryFilter,
    ]  # fmt: skip
    search_fields = ["name", "short_description", "region", "legacy_id"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["owner"]
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    raw_id_fields = ["owner"]
    # Organisations are many: a search box rather than a list of every one.
    autocomplete_fields = ["organisations"]
    filter_horizontal = ["members", "focus", "areas_of_impact", "technologies"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "status",
                    "short_description",
                    "description",
                    "social_impact",
                ]
            },
        ),
        (_("Life"), {"fields": ["state", "start_date", "end_date"]}),
        (_("Place"), {"fields": ["country", "region", "latitude", "longitude"]}),
        (_("Vocabularies"), {"fields": ["focus", "areas_of_impact", "technologies"]}),
        (_("Tags"), {"fields": ["tags", "networks"]}),
        (_("Organisations involved"), {"fields": ["organisations"]}),
        (_("Links and images"), {"fields": ["website", "logo", "header_image"]}),
        (_("People"), {"fields": ["owner", "members"]}),
        SubmittableAdmin.record_fieldset,
    ]
