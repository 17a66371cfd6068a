from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from claims.forms import RefusalForm
from claims.models import Claim, ClaimError


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """The queue of claims: grant (the person becomes the owner) or refuse with a reason. Each
    decision is emailed to the person through the outbox."""

    list_display = ["record", "content_type", "user", "status", "record_website", "created_at"]
    list_filter = ["status", "content_type"]
    search_fields = ["user__email", "note"]
    list_select_related = ["user", "content_type"]
    readonly_fields = [
        "content_type", "object_id", "user", "note", "status", "matched_email", "reason",
        "created_at", "decided_at", "decided_by",
    ]  # fmt: skip
    actions = ["grant_selected", "refuse_selected"]

    def has_add_permission(self, request):
        return False  # people claim on the site

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    @admin.display(description=_("website"))
    def record_website(self, claim):
        return getattr(claim.record, "website", "")

    @admin.action(
        description=_("Grant selected (the person becomes the owner)"), permissions=["change"]
    )
    def grant_selected(self, request, queryset):
        granted = 0
        for claim in queryset.pending():
            try:
                with transaction.atomic():
                    claim.grant(by=request.user)
            except ClaimError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                granted += 1
        self.message_user(
            request,
            ngettext("%(count)d granted.", "%(count)d granted.", granted) % {"count": granted},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Refuse selected (with a reason for the person)"), permissions=["change"]
    )
    def refuse_selected(self, request, queryset):
        form = RefusalForm(request.POST if "reason" in request.POST else None)
        pending = queryset.pending()
        if form.is_bound and form.is_valid():
            with transaction.atomic():
                claims = list(pending)
                for claim in claims:
                    claim.refuse(by=request.user, reason=form.cleaned_data["reason"])
            self.message_user(
                request,
                ngettext("%(count)d refused.", "%(count)d refused.", len(claims))
                % {"count": len(claims)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Refuse and tell the person"),
            "intro": gettext(
                "These claims will be refused, and each person receives the reason by email:"
            ),
            "submit": gettext("Refuse and send the reason"),
            "form": form,
            "queryset": pending,
            "opts": self.model._meta,
            "action": "refuse_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reject_selected.html", context)
