from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import Event
from submissions.admin import AwaitingReviewFilter, SubmittableAdmin


@admin.register(Event)
class EventAdmin(SubmittableAdmin):
    list_display = ["name", "status", "starts_at", "attendance", "country", "owner", "updated_at"]
    list_filter = [AwaitingReviewFilter, "status", "attendance", "all_day", "country"]
    search_fields = ["name", "summary", "venue", "region", "legacy_id"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["owner"]
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = "starts_at"
    raw_id_fields = ["owner"]
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["members"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "summary", "description"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "all_day", "time_zone"]}),
        (
            _("Where"),
            {
                "fields": [
                    "attendance",
                    "venue",
                    "address",
                    "region",
                    "country",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        (_("Taking part"), {"fields": ["registration_url", "price", "organiser"]}),
        (_("Tags"), {"fields": ["tags"]}),
        (_("People"), {"fields": ["owner", "members"]}),
        SubmittableAdmin.record_fieldset,
    ]
