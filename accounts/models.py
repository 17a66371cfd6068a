from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.fields import WebAddressField, one_line


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
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(max_length=150, blank=True, validators=[one_line])
    bio = models.TextField(blank=True, max_length=2000)
    location = models.CharField(max_length=120, blank=True)
    website = WebAddressField(blank=True)
    links = models.TextField(blank=True, help_text=_("Other web addresses, one per line."))
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
