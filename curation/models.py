"""Reports from visitors: "spam", "duplicate of…", "closed", "wrong information", with a
note. Anyone may send one (no account, rate limited per address); they queue in the admin with
the record, and staff resolve them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import WebAddressField


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    class Kind(models.TextChoices):
        SPAM = "spam", _("It is spam")
        DUPLICATE = "duplicate", _("It is a duplicate of another page")
        CLOSED = "closed", _("It has closed or stopped")
        WRONG = "wrong", _("Some information is wrong")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("what is the problem?"), max_length=16, choices=Kind)
    duplicate_of = WebAddressField(
        _("address of the other page"),
        blank=True,
        help_text=_("For a duplicate: the address of the page it repeats."),
    )
    note = models.TextField(
        _("anything else we should know"), blank=True, max_length=2000, help_text=_("Optional.")
    )
    email = models.EmailField(
        _("your email address"),
        blank=True,
        help_text=_("Optional: only if you would like us to reply."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="report_record_idx"),
            models.Index(fields=["resolved_at", "-created_at"], name="report_queue_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.record}"

    def resolve(self, by):
        self.resolved_at = timezone.now()
        self.resolved_by = by
        self.save(update_fields=["resolved_at", "resolved_by"])
