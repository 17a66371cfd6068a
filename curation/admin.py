from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from curation.models import Report


class OpenFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", pgettext_lazy("report state", "Open")), ("no", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Visitors' reports, with the record they are about; staff act on the record (mark spam,
    merge, edit) and resolve the report."""

    list_display = ["record", "content_type", "kind", "duplicate_of", "created_at", "resolved_at"]
    list_filter = [OpenFilter, "kind", "content_type"]
    search_fields = ["note", "email", "duplicate_of"]
    list_select_related = ["content_type"]
    readonly_fields = [
        "content_type", "object_id", "kind", "duplicate_of", "note", "email", "created_at",
        "resolved_at", "resolved_by",
    ]  # fmt: skip
    actions = ["resolve_selected"]

    def has_add_permission(self, request):
        return False  # visitors report on the site

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    @admin.action(description=_("Resolve selected"), permissions=["change"])
    def resolve_selected(self, request, queryset):
        reports = list(queryset.open())
        for report in reports:
            report.resolve(by=request.user)
        self.message_user(
            request,
            ngettext("%(count)s resolved.", "%(count)s resolved.", len(reports))
            % {"count": len(reports)},
            messages.SUCCESS,
        )
