from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.fields import web_address
from core.images import ImageUploadField
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.emails import queue_confirmation
from newsletter.models import Subscriber


class ProfileForm(forms.ModelForm):
    avatar = ImageUploadField(label=_("Picture"), required=False)

    class Meta:
        model = User
        fields = ["name", "bio", "location", "website", "links", "avatar"]
        labels = {
            "name": _("Your name"),
            "bio": _("About you"),
            "location": _("Location"),
            "website": _("Website"),
            "links": _("Links"),
        }
        help_texts = {
            "bio": _("A few lines that other people in the community will see."),
            "location": _("For example: Milan, Italy."),
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > 10:
            raise forms.ValidationError(_("Add at most 10 web addresses."))
        for line in lines:
            try:
                web_address(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(address)s” is not a web address starting with http:// or https://.")
                    % {"address": line[:80]}
                ) from None
        return "\n".join(lines)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with the optional newsletter box (unticked; double opt-in follows)."""

    newsletter = forms.BooleanField(label=_(CONSENT_TEXT), required=False)

    def save(self, request):
        user = super().save(request)
        if self.cleaned_data.get("newsletter"):
            subscriber, queue = Subscriber.objects.sign_up(
                user.email,
                source=Subscriber.Source.REGISTRATION,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                consent_text=gettext(CONSENT_TEXT),  # the wording the person was shown
                consent_version=CONSENT_VERSION,
            )
            if queue:
                queue_confirmation(subscriber)
        return user
