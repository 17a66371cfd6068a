import uuid
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.fields import WebAddressField

INVITATION_LIFETIME = timedelta(days=14)


class UserManager(BaseUserManager):
    # Not in migrations: they would import this module, and no data migration creates users.
    use_in_migrations = False

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person, known by their email address: the directory has no user names."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, blank=True)
    bio = models.TextField(blank=True, max_length=2000)
    location = models.CharField(max_length=120, blank=True)
    website = WebAddressField(blank=True)
    links = models.TextField(blank=True, help_text="Other web addresses, one per line.")
    avatar = models.ImageField(upload_to="avatars/", blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.name or self.email

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name or self.email


class Invitation(models.Model):
    """An invitation, sent by email, to help edit a record (an organisation or a project)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    email = models.EmailField()
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.email} → {self.record}"

    def get_absolute_url(self):
        return reverse("accounts:invitation", kwargs={"token": self.token})

    @property
    def is_open(self):
        return self.accepted_at is None and timezone.now() - self.created_at < INVITATION_LIFETIME

    def accept(self, user):
        """The invited person joins the record's editors; the invitation cannot be used again."""
        updated = Invitation.objects.filter(pk=self.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if updated:
            self.record.members.add(user)
        return bool(updated)
