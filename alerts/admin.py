from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alerts.models import Alert, Digest


class DigestInline(admin.TabularInline):
    model = Digest
    extra = 0
    can_delete = False
    fields = ["created_at", "count", "email"]
    readonly_fields = fields
    show_change_link = False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Alerts are the people's own: staff see them and may end one, nothing more."""

    list_display = [
        "email",
        "kind",
        "filters",
        "frequency",
        "status",
        "created_at",
        "last_digest_at",
    ]
    list_filter = ["status", "kind", "frequency"]
    search_fields = ["email"]
    list_select_related = ["user"]
    readonly_fields = [
        "email", "kind", "filters", "frequency", "language", "user", "consent_text",
        "consent_version", "consented_at", "confirmation_email", "created_at", "updated_at",
        "confirmed_at", "unsubscribed_at", "last_digest_at",
    ]  # fmt: skip
    fields = ["status", *readonly_fields]
    inlines = [DigestInline]
    actions = ["end_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("End selected alerts"))
    def end_selected(self, request, queryset):
        ended = sum(alert.unsubscribe() for alert in queryset)
        self.message_user(request, ngettext("%(n)d ended.", "%(n)d ended.", ended) % {"n": ended})
