from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse

from core.models import ModerationStatus, NetworkTag


class StampedAdmin(admin.ModelAdmin):
    """Records who created a row and who changed it last, as python.org's jobs admin does."""

    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class ModeratedAdmin(StampedAdmin):
    """Adds bulk publish and unpublish to the admin of a moderated entity."""

    actions = ["publish_selected", "unpublish_selected"]

    @admin.action(description="Publish selected", permissions=["change"])
    def publish_selected(self, request, queryset):
        self._set_status(request, queryset, ModerationStatus.PUBLISHED, "published")

    @admin.action(description="Unpublish selected (back to draft)", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        self._set_status(request, queryset, ModerationStatus.DRAFT, "unpublished")

    def _set_status(self, request, queryset, status, verb):
        # One model transition per row, so anything that follows a publish stays in one place.
        rows = list(queryset.exclude(status=status))
        for obj in rows:
            obj._moderate(status, request.user)
        self.message_user(request, f"{len(rows)} {verb}.", messages.SUCCESS)


@admin.register(NetworkTag)
class NetworkTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AwaitingReviewFilter(admin.SimpleListFilter):
    title = "moderation queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.awaiting_review()
        return queryset


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label="Reason, sent to the owner",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Say why, so the owner can put it right."},
    )


class SubmittableAdmin(ModeratedAdmin):
    """The moderation queue for what people submit: approve, or reject with a reason. Each
    decision is emailed to the owner through the outbox, in the same transaction."""

    actions = ["approve_selected", "reject_selected", "unpublish_selected"]
    # Who made the record, who changed and reviewed it: the last fieldset of every such admin.
    record_fieldset = (
        "Record",
        {
            "fields": [
                "legacy_id", "created_by", "created_at", "updated_by", "updated_at",
                "review_requested_at", "reviewed_by", "reviewed_at", "rejection_reason",
            ]
        },
    )  # fmt: skip
    list_filter = [AwaitingReviewFilter, "status"]
    readonly_fields = [
        *StampedAdmin.readonly_fields,
        "review_requested_at",
        "reviewed_by",
        "reviewed_at",
    ]

    @admin.action(
        description="Approve selected (publish and tell the owner)", permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        rows = list(
            queryset.awaiting_review() | queryset.exclude(status=ModerationStatus.PUBLISHED)
        )
        with transaction.atomic():
            for obj in rows:
                obj.approve(by=request.user)
        self.message_user(request, f"{len(rows)} approved.", messages.SUCCESS)

    @admin.action(
        description="Reject selected (with a reason for the owner)", permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            with transaction.atomic():
                for obj in queryset:
                    obj.reject(by=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, f"{queryset.count()} rejected.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject and tell the owner",
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action": "reject_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reject_selected.html", context)
