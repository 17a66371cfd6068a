import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsletter.models import Subscriber

CSV_COLUMNS = ["email", "language", "source", "confirmed_at", "consent_version"]
# A cell starting with one of these is a formula to spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def confirmed_csv(queryset):
    """The confirmed subscribers among `queryset` as a CSV download."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="newsletter-confirmed-subscribers-{stamp}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    rows = queryset.confirmed().order_by("confirmed_at", "id").values_list(*CSV_COLUMNS)
    for row in rows.iterator(chunk_size=2000):
        writer.writerow([_csv_cell(v.isoformat() if hasattr(v, "isoformat") else v) for v in row])
    return response


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "source",
        "language",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
    ]
    list_select_related = ["confirmation_email"]
    list_filter = ["status", "source", "consent_version"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    list_per_page = 100
    show_facets = admin.ShowFacets.NEVER
    actions = ["export_confirmed"]
    fieldsets = [
        (None, {"fields": ["email", "status", "source", "language"]}),
        (_("Consent"), {"fields": ["consent_text", "consent_version", "consented_at"]}),
        (
            _("Steps"),
            {
                "fields": [
                    "created_at",
                    "confirmation_requested_at",
                    "confirmation_sent_at",
                    "confirmed_at",
                    "unsubscribed_at",
                    "updated_at",
                ]
            },
        ),
        (
            _("Sending the confirmation"),
            {
                "classes": ["collapse"],
                "fields": [
                    "confirmation_email",
                    "confirmation_attempts",
                    "confirmation_error",
                ],
            },
        ),
    ]

    # The confirmation email's state, from its row in the outbox.
    @admin.display(description=_("Confirmation sent at"))
    def confirmation_sent_at(self, subscriber):
        email = subscriber.confirmation_email
        return email.sent_at if email else None

    @admin.display(description=_("Sending attempts"))
    def confirmation_attempts(self, subscriber):
        email = subscriber.confirmation_email
        return email.attempts if email else None

    @admin.display(description=_("Last sending error"))
    def confirmation_error(self, subscriber):
        email = subscriber.confirmation_email
        return email.last_error if email else ""

    def get_readonly_fields(self, request, obj=None):
        # Consent is recorded by the person's own actions, never typed in by staff; staff may
        # only delete a row (on request) or look at it.
        return [name for _, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        counts = Subscriber.objects.counts()
        summary = ", ".join(
            f"{counts[value]} {str(label).lower()}" for value, label in Subscriber.Status.choices
        )
        extra_context = {
            **(extra_context or {}),
            "title": gettext("Newsletter subscribers"),
            "subtitle": summary,
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="newsletter_subscriber_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return confirmed_csv(Subscriber.objects.all())

    @admin.action(description=_("Export the confirmed among selected as CSV"), permissions=["view"])
    def export_confirmed(self, request, queryset):
        return confirmed_csv(queryset)
