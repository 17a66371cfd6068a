"""What the changes feed remembers of records that left the public directory.

A published record that is unpublished, rejected or deleted leaves a `Withdrawal` behind, written
by PostgreSQL triggers on each table (opendata/migrations/0002_withdrawal_triggers.py), whichever
way the change is made (forms, admin, imports, raw SQL). Published again, its withdrawal goes. The
changes feed of the API lists them beside the records changed, so a mirror knows what to drop.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WithdrawalKind(models.TextChoices):
    ORGANISATION = "organisations", _("Organisation")
    PROJECT = "projects", _("Project")
    CASE_STUDY = "casestudies", _("Case study")
    POST = "posts", _("Post")


class Withdrawal(models.Model):
    kind = models.CharField(max_length=16, choices=WithdrawalKind)
    record_id = models.BigIntegerField(help_text=_("The primary key the record had."))
    legacy_id = models.PositiveIntegerField(null=True, blank=True)
    slug = models.SlugField(max_length=220)
    withdrawn_at = models.DateTimeField()

    class Meta:
        ordering = ["withdrawn_at", "record_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="one_withdrawal_per_record")
        ]
        indexes = [
            models.Index(fields=["kind", "withdrawn_at", "record_id"], name="withdrawal_feed_idx")
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id} ({self.slug}) withdrawn {self.withdrawn_at:%Y-%m-%d}"
