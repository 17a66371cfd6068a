from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.images import ImageUploadField
from organisations.models import Organisation
from submissions.forms import SubmissionForm


class OrganisationForm(SubmissionForm):
    """The submission and edit form: what, where, description, images, tags."""

    sections = [
        (_("What it is"), ["name", "organisation_type", "size", "short_description", "start_date"]),
        (_("Where it is"), ["country", "region", "address"]),
        (_("Description"), ["description", "language", "website"]),
        (_("Tags"), ["tags", "networks"]),
        (_("Images"), ["logo", "header_image"]),
    ]

    logo = ImageUploadField(required=False)
    header_image = ImageUploadField(label=_("Header image"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name", "organisation_type", "size", "short_description", "start_date",
            "country", "region", "address", "description", "language", "website", "tags",
            "networks",
            "logo", "header_image",
        ]  # fmt: skip
        labels = {
            "name": _("Name of the organisation"),
            "short_description": _("One-line summary"),
            "region": _("City or region"),
            "start_date": _("When did it start?"),
            "description": _("Description"),
            "tags": _("Tagged under"),
            "networks": _("Networks you belong to"),
        }
        help_texts = {
            "short_description": _("At most 140 characters. Shown on cards and in search results."),
            "description": _(
                "What you do and why. You can use Markdown: **bold**, *italic*, "
                "[links](https://example.org) and lists."
            ),
            "website": _("Starting with https:// or http://"),
            "start_date": _("If you only know the year, choose the 1st of January."),
            "tags": _("Topics, separated by commas: digital fabrication, makerspace"),
            "networks": _("Separated by commas: FabLab Network"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "short_description": forms.TextInput(attrs={"maxlength": 140}),
            "start_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation_type", "short_description", "country", "region"):
            self.fields[name].required = True
        self.fields["short_description"].error_messages["max_length"] = _(
            "The one-line summary must be 140 characters or fewer."
        )
