from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import ModeratedAdmin, StampedAdmin
from core.models import ModerationStatus
from submissions.models import Invitation, SiteSettings, staff_may


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """The one row: open or close submissions and word the message, without a deploy."""

    list_display = ["__str__", "submissions_open", "contact_email", "updated_at"]
    fields = ["submissions_open", "closed_message", "contact_email"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list would be a page with one link, so open the row itself.

        site = SiteSettings.current()
        return redirect("admin:submissions_sitesettings_change", site.pk)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "record", "invited_by", "created_at", "accepted_at"]
    search_fields = ["email"]
    readonly_fields = ["content_type", "object_id", "token", "invited_by", "accepted_by"]
    list_select_related = ["invited_by", "content_type"]


class AwaitingReviewFilter(admin.SimpleListFilter):
    title = _("moderation queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for review"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.awaiting_review()
        return queryset


class LikelyDuplicateFilter(admin.SimpleListFilter):
    """Records that look like another: the same name (case, spaces and punctuation aside) in
    the same country, or the same website. Listed A–Z, so each group sits together."""

    title = _("likely duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", _("Likely duplicates"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.likely_duplicates().order_by("name", "id")
        return queryset


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label=_("The record that stays"),
        empty_label=None,
        help_text=_(
            "It keeps its address and old id; the others are folded into it and their "
            "addresses redirect to it."
        ),
    )

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = records


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the owner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why, so the owner can put it right.")},
    )


class SubmittableAdmin(ModeratedAdmin):
    """The moderation queue for what people submit: approve, or reject with a reason. Each
    decision is emailed to the owner through the outbox, in the same transaction."""

    actions = [
        "approve_selected", "reject_selected", "unpublish_selected", "mark_spam_selected",
        "merge_selected",
    ]  # fmt: skip
    # Who made the record, who changed and reviewed it: the last fieldset of every such admin.
    record_fieldset = (
        _("Record"),
        {
            "fields": [
                "legacy_id", "created_by", "created_at", "updated_by", "updated_at",
                "review_requested_at", "reviewed_by", "reviewed_at", "rejection_reason",
                "flagged_reason", "merged_into",
            ]
        },
    )  # fmt: skip
    list_filter = [AwaitingReviewFilter, LikelyDuplicateFilter, "status"]
    readonly_fields = [
        *StampedAdmin.readonly_fields,
        "review_requested_at",
        "reviewed_by",
        "reviewed_at",
        "merged_into",
    ]

    def has_moderate_permission(self, request):
        return staff_may(request.user, "moderate", self.model)

    @admin.action(
        description=_("Approve selected (publish and tell the owner)"), permissions=["moderate"]
    )
    def approve_selected(self, request, queryset):
        rows = list(
            queryset.awaiting_review() | queryset.exclude(status=ModerationStatus.PUBLISHED)
        )
        with transaction.atomic():
            for obj in rows:
                obj.approve(by=request.user)
        self.message_user(
            request,
            ngettext("%(count)s approved.", "%(count)s approved.", len(rows))
            % {"count": len(rows)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Reject selected (with a reason for the owner)"), permissions=["moderate"]
    )
    def reject_selected(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            with transaction.atomic():
                for obj in queryset:
                    obj.reject(by=request.user, reason=form.cleaned_data["reason"])
            count = queryset.count()
            self.message_user(
                request,
                ngettext("%(count)s rejected.", "%(count)s rejected.", count) % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Reject and tell the owner"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action": "reject_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reject_selected.html", context)

    @admin.action(description=_("Merge selected into one (the others redirect to it)"))
    def merge_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        records = queryset.exclude(status=ModerationStatus.MERGED).order_by("legacy_id", "id")
        if records.count() < 2:
            self.message_user(
                request, gettext("Choose two records or more to merge."), messages.WARNING
            )
            return None
        form = MergeForm(
            request.POST if "survivor" in request.POST else None,
            records=records,
            initial={"survivor": records.first()},
        )
        if form.is_bound and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            merged = [record for record in records if record.pk != survivor.pk]
            with transaction.atomic():
                for record in merged:
                    record.merge_into(survivor, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)s merged into “%(survivor)s”.",
                    "%(count)s merged into “%(survivor)s”.",
                    len(merged),
                )
                % {"count": len(merged), "survivor": survivor},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Merge into one record"),
            "form": form,
            "queryset": records,
            "opts": self.model._meta,
            "action": "merge_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/merge_selected.html", context)
