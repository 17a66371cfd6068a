from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from core.models import ModerationStatus, NetworkTag


class CountryFilter(admin.SimpleListFilter):
    """Only the countries some row is in, folded away until opened: the plain filter listed
    all 250 countries, 6,600 px of them, above everything else in the sidebar."""

    title = _("country")
    parameter_name = "country"
    template = "admin/folded_filter.html"

    def lookups(self, request, model_admin):
        used = set(
            model_admin.get_queryset(request)
            .exclude(country="")
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        return [(code, name) for code, name in countries if code in used]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


class TranslationsAdmin(admin.ModelAdmin):
    """Edits a modeltrans row's translations: a folded section per language (named in its own
    language), after the English fields; the virtual fields that only read (`name_i18n`, and
    `name_en`, which is `name` itself) stay out of the form."""

    translated_fields = ()

    def _translation_fields(self, language):
        return [f"{field}_{language}" for field in self.translated_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not self.fieldsets:
            # Django's one section of every field: the translations go to their own sections.
            virtual = {
                f"{field}_{code}"
                for field in self.translated_fields
                for code, _n in settings.LANGUAGES
            }
            fields = [f for f in fieldsets[0][1]["fields"] if f not in virtual]
            fieldsets = [(None, {"fields": fields})]
        for code, name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE:
                fieldsets.append(
                    (name, {"fields": self._translation_fields(code), "classes": ["collapse"]})
                )
        return fieldsets

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        for field in self.translated_fields:
            excluded += [f"{field}_i18n", f"{field}_{settings.LANGUAGE_CODE}"]
        return excluded


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

    actions = ["publish_selected", "unpublish_selected", "mark_spam_selected"]

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._set_status(
            request,
            queryset,
            ModerationStatus.PUBLISHED,
            lambda n: ngettext("%(count)s published.", "%(count)s published.", n),
        )

    @admin.action(description=_("Unpublish selected (back to draft)"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        self._set_status(
            request,
            queryset,
            ModerationStatus.DRAFT,
            lambda n: ngettext("%(count)s unpublished.", "%(count)s unpublished.", n),
        )

    @admin.action(
        description=_("Mark selected as spam (out of every public page, kept for audit)"),
        permissions=["change"],
    )
    def mark_spam_selected(self, request, queryset):
        self._set_status(
            request,
            queryset,
            ModerationStatus.SPAM,
            lambda n: ngettext("%(count)s marked as spam.", "%(count)s marked as spam.", n),
        )

    def _set_status(self, request, queryset, status, done):
        """`done(n)`: the message for n rows changed, translated ("%(count)s published.")."""
        # One model transition per row, so anything that follows a publish stays in one place.
        rows = list(queryset.exclude(status=status))
        for obj in rows:
            obj._moderate(status, request.user)
        self.message_user(request, done(len(rows)) % {"count": len(rows)}, messages.SUCCESS)


@admin.register(NetworkTag)
class NetworkTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
