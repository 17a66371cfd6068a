from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.admin import TranslationsAdmin
from funding.models import Opportunity, OpportunityType
from organisations.models import OrganisationType
from submissions.admin import AwaitingReviewFilter, SubmittableAdmin


@admin.register(OpportunityType)
class OpportunityTypeAdmin(TranslationsAdmin):
    translated_fields = ("name",)
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class OpportunityAdminForm(forms.ModelForm):
    eligible_countries = forms.MultipleChoiceField(
        label=_("Who can apply: countries"),
        choices=countries,
        required=False,
        help_text=_("None chosen: applicants from any country."),
    )
    eligible_organisation_types = forms.MultipleChoiceField(
        label=_("Who can apply: types of organisation"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any type of organisation."),
    )

    class Meta:
        model = Opportunity
        fields = "__all__"  # noqa: DJ007 - the admin edits every field, by its fieldsets


@admin.register(Opportunity)
class OpportunityAdmin(SubmittableAdmin):
    form = OpportunityAdminForm
    list_display = ["name", "status", "kind", "funder_name", "closes_at", "owner", "updated_at"]
    list_filter = [AwaitingReviewFilter, "status", "kind"]
    search_fields = ["name", "summary", "funder_name", "legacy_id"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["owner", "kind"]
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = "closes_at"
    raw_id_fields = ["owner"]
    autocomplete_fields = ["funder"]
    filter_horizontal = ["members"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "kind", "summary", "description"]}),
        (_("Funder"), {"fields": ["funder_name", "funder_website", "funder"]}),
        (_("Who can apply"), {"fields": ["eligible_countries", "eligible_organisation_types"]}),
        (_("Dates"), {"fields": ["opens_at", "closes_at", "time_zone"]}),
        (_("Applying"), {"fields": ["amount", "apply_url"]}),
        (_("Tags"), {"fields": ["tags"]}),
        (_("People"), {"fields": ["owner", "members"]}),
        SubmittableAdmin.record_fieldset,
    ]
