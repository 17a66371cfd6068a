from django import forms

from core.forms import DateInput
from core.images import ImageUploadField
from organisations.models import Organisation
from submissions.forms import SubmissionForm


class OrganisationForm(SubmissionForm):
    """The submission and edit form: what, where, description, images, tags."""

    sections = [
        ("What it is", ["name", "organisation_type", "size", "short_description", "start_date"]),
        ("Where it is", ["country", "region", "address"]),
        ("Description", ["description", "website"]),
        ("Tags", ["tags", "networks"]),
        ("Images", ["logo", "header_image"]),
    ]

    logo = ImageUploadField(required=False)
    header_image = ImageUploadField(label="Header image", required=False)

    class Meta:
        model = Organisation
        fields = [
            "name", "organisation_type", "size", "short_description", "start_date",
            "country", "region", "address", "description", "website", "tags", "networks",
            "logo", "header_image",
        ]  # fmt: skip
        labels = {
            "name": "Name of the organisation",
            "short_description": "One-line summary",
            "region": "City or region",
            "start_date": "When did it start?",
            "description": "Description",
            "tags": "Tagged under",
            "networks": "Networks you belong to",
        }
        help_texts = {
            "short_description": "At most 140 characters. Shown on cards and in search results.",
            "description": "What you do and why. You can use Markdown: **bold**, *italic*, "
            "[links](https://example.org) and lists.",
            "website": "Starting with https:// or http://",
            "start_date": "If you only know the year, choose the 1st of January.",
            "tags": "Topics, separated by commas: digital fabrication, makerspace",
            "networks": "Separated by commas: FabLab Network",
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
        self.fields["short_description"].error_messages["max_length"] = (
            "The one-line summary must be 140 characters or fewer."
        )
