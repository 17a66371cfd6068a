from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CountryFilter
from organisations.models import Organisation, SocialLink
from submissions.admin import AwaitingReviewFilter, LikelyDuplicateFilter, SubmittableAdmin


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 1


class ProjectInline(admin.TabularInline):
    """The projects it is involved with, editable here as well as on each project. The link
    table is reached through the reverse relation: organisations never import projects."""

    model = Organisation.projects.through
    extra = 1
    autocomplete_fields = ["project"]
    verbose_name = _("project involved with")
    verbose_name_plural = _("projects involved with")


@admin.register(Organisation)
class OrganisationAdmin(SubmittableAdmin):
    list_display = [
        "name", "status", "organisation_type", "country", "owner", "flagged_reason",
        "updated_at",
    ]  # fmt: skip
    list_filter = [
        AwaitingReviewFilter, LikelyDuplicateFilter, "status", "organisation_type", "size",
        CountryFilter,
    ]  # fmt: skip
    search_fields = ["name", "short_description", "region", "legacy_id"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["owner", "updated_by"]
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    raw_id_fields = ["owner"]
    filter_horizontal = ["members"]
    inlines = [SocialLinkInline, ProjectInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "short_description", "description"]}),
        (_("Kind"), {"fields": ["organisation_type", "size", "start_date"]}),
        (_("Place"), {"fields": ["country", "region", "address", "latitude", "longitude"]}),
        (_("Links and images"), {"fields": ["website", "logo", "header_image"]}),
        (_("Tags"), {"fields": ["tags", "networks"]}),
        (_("People"), {"fields": ["owner", "members"]}),
        SubmittableAdmin.record_fieldset,
    ]
