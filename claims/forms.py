from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Claim


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["note"]
        labels = {"note": _("How are you connected to it?")}
        help_texts = {
            "note": _(
                "Your role there, for example. It helps the DSI Directory team when your "
                "email address is not at the website's domain."
            )
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the person who claimed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why, so the person knows what to do next.")},
    )
