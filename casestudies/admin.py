from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy
from core.admin import CountryFilter, ModeratedAdmin, TranslationsAdmin


@admin.register(CaseStudy)
class CaseStudyAdmin(TranslationsAdmin, ModeratedAdmin):
    translated_fields = ("title", "intro", "body")
    list_display = ["title", "status", "featured", "position", "country", "updated_at"]
    list_editable = ["featured", "position"]
    list_filter = ["status", "featured", "areas_of_impact", CountryFilter]
    search_fields = ["title", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = []
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    autocomplete_fields = ["project", "organisation"]
    filter_horizontal = ["areas_of_impact"]
    ordering = ["-featured", "position", "-created_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "intro", "body"]}),
        (_("Home page"), {"fields": ["featured", "position"]}),
        (_("About"), {"fields": ["project", "organisation", "areas_of_impact", "tags"]}),
        (_("Place and time"), {"fields": ["country", "region", "start_date", "end_date"]}),
        (_("Call to action"), {"fields": ["call_to_action_url", "call_to_action_label"]}),
        (_("Images"), {"fields": ["card_image", "header_image"]}),
        (
            _("Record"),
            {"fields": ["legacy_id", "created_by", "created_at", "updated_by", "updated_at"]},
        ),
    ]
