from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LICENCE = _(
    "I confirm I may share this information and agree that it is published under the "
    "Creative Commons licence CC BY-NC-SA 4.0."
)
SCRIPTED_POST = _("We could not accept this form. Please try again.")
# What an empty choice reads in every select of every submission form.
EMPTY_CHOICE = _("Choose one")
TOO_MANY = _(
    "You have sent a lot of submissions in the last hour. "
    "Please wait a little and send this one again; nothing you typed is lost."
)


class SubmissionForm(forms.ModelForm):
    """What every submission form shares: sections, the licence consent (asked once, when a
    record is first sent), and a honeypot field that people never see and scripts fill in.
    Subclasses set `sections` and their Meta."""

    sections = []

    licence = forms.BooleanField(
        label=LICENCE,
        required=True,
        error_messages={"required": _("Tick the box to agree to publish under CC BY-NC-SA 4.0.")},
    )
    # Hidden from people, filled in by scripts: any value means the post is not a person's.
    contact_url = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["licence"]  # agreed when it was first submitted
        elif "language" in self.fields:
            # Who writes on the German pages most likely writes in German.
            self.fields["language"].initial = get_language()
        if "language" in self.fields:
            # Optional: a form posted without it keeps the record's language (English at first).
            self.fields["language"].required = False
        for field in self.fields.values():
            choices = getattr(field, "choices", None)
            if isinstance(field.widget, forms.Select) and choices:
                # One way to say "nothing chosen yet", whatever field or library the list is from.
                field.choices = [
                    (value, EMPTY_CHOICE if value == "" else label) for value, label in choices
                ]

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or settings.LANGUAGE_CODE

    @property
    def bot_filled_honeypot(self):
        return bool(self.data.get("contact_url"))

    def fieldsets(self):
        for title, names in self.sections:
            yield title, [self[name] for name in names if name in self.fields]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        max_length=254,
        help_text=_(
            "They get an email with a link; once signed in with this address, they can "
            "edit it with you."
        ),
    )
