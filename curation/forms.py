from django import forms
from django.utils.translation import gettext_lazy as _

from curation.models import Report


class ReportForm(forms.ModelForm):
    # Hidden from people, filled in by scripts.
    website_url = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Report
        fields = ["kind", "duplicate_of", "note", "email"]
        widgets = {"kind": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Report.Kind.choices  # no empty choice among the radios
        self.fields["kind"].error_messages["required"] = _("Choose what the problem is.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Report.Kind.DUPLICATE and not cleaned.get("duplicate_of"):
            self.add_error("duplicate_of", _("Give the address of the page it repeats."))
        return cleaned
