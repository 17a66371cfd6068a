import re

from django import forms
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.images import ImageUploadField
from organisations.models import Organisation
from projects.models import AreaOfImpact, DsiFocus, Project, Technology
from submissions.forms import SubmissionForm

MAX_ORGANISATIONS = 50
PROFILE_ADDRESS = re.compile(r"/organisations/(?P<slug>[-a-zA-Z0-9_]+)/?$")


class OrganisationsField(forms.Field):
    """Organisations involved, one a line, by name or by the address of their page.

    At 100,000 organisations a <select> of them all would weigh megabytes; a text box works
    without JavaScript, costs one indexed query to check, and lets people name partners they do
    not edit themselves. Only published organisations can be named. A name that matches none,
    or several, is refused at the field with close matches to choose from."""

    widget = forms.Textarea(attrs={"rows": 4})
    default_error_messages = {
        "too_many": _("Name at most %(count)s organisations."),
    }

    def __init__(self, *args, **kwargs):
        self.already_linked = []  # set by the form: organisations the project has now
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value or ""
        return "\n".join(organisation.name for organisation in value if organisation.is_published)

    def to_python(self, value):
        if "\x00" in (value or ""):
            # PostgreSQL refuses NUL in text: say so here rather than fail in the query.
            raise forms.ValidationError(
                _("Remove the null characters from this text."), code="null_characters"
            )
        lines = [line.strip() for line in (value or "").splitlines()]
        entries = list(dict.fromkeys(line for line in lines if line))
        if len(entries) > MAX_ORGANISATIONS:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": MAX_ORGANISATIONS},
            )
        return entries

    def clean(self, value):
        entries = super().clean(value)
        if not entries:
            return []
        slugs = {e: m["slug"] for e in entries if (m := PROFILE_ADDRESS.search(e))}
        wanted_slugs = {*slugs.values(), *(e.lower() for e in entries)}
        # One query on indexed columns (the slug, and the upper-cased name).
        candidates = list(
            Organisation.objects.published()
            .annotate(upper_name=Upper("name"))
            .filter(Q(upper_name__in=[e.upper() for e in entries]) | Q(slug__in=wanted_slugs))
            .only("pk", "name", "slug", "status")
        )
        found, problems = [], []
        for entry in entries:
            match = self._pick(entry, slugs.get(entry), candidates)
            if match is None:
                problems.append(self._not_found(entry, suggest=len(problems) < 3))
            elif isinstance(match, str):
                problems.append(match)
            else:
                found.append(match)
        if problems:
            raise forms.ValidationError(problems)
        return list({organisation.pk: organisation for organisation in found}.values())

    def _pick(self, entry, slug, candidates):
        """The one organisation an entry names, None, or a message when it names several."""
        by_slug = [o for o in candidates if o.slug in (slug, entry.lower())]
        if by_slug:
            return by_slug[0]
        by_name = [o for o in candidates if o.name.upper() == entry.upper()]
        if len(by_name) > 1:
            linked = {o.pk for o in self.already_linked}
            chosen = [o for o in by_name if o.pk in linked]
            if len(chosen) == 1:
                return chosen[0]
            addresses = ", ".join(o.get_absolute_url() for o in by_name[:3])
            return gettext(
                "More than one organisation is called “%(name)s”: write the address of its page "
                "instead (%(addresses)s)."
            ) % {"name": entry, "addresses": addresses}
        return by_name[0] if by_name else None

    def _not_found(self, entry, suggest):
        close = Organisation.objects.published().similar_to(entry).only("name", "slug")[:3]
        if suggest and close:
            names = "; ".join(f"{o.name} ({o.get_absolute_url()})" for o in close)
            return gettext(
                "No published organisation is called “%(name)s”. Did you mean: %(names)s?"
            ) % {"name": entry, "names": names}
        return gettext(
            "No published organisation is called “%(name)s”. Check the name, or add the "
            "organisation to the directory first."
        ) % {"name": entry}


class VocabularyField(forms.ModelMultipleChoiceField):
    """A fixed vocabulary as checkboxes, in the order staff gave it."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        description = getattr(obj, "description", "")
        return f"{obj.name}: {description}" if description else obj.name


class ProjectForm(SubmissionForm):
    """The submission and edit form: what, where, description and impact, focus, organisations
    involved, tags, images."""

    sections = [
        (_("What it is"), ["name", "short_description", "state", "start_date", "end_date"]),
        (_("Where it is"), ["country", "region"]),
        (
            _("Description and social impact"),
            ["description", "social_impact", "language", "website"],
        ),
        (_("Focus"), ["focus", "areas_of_impact", "technologies"]),
        (_("Organisations involved"), ["organisations"]),
        (_("Tags"), ["tags", "networks"]),
        (_("Images"), ["logo", "header_image"]),
    ]

    focus = VocabularyField(DsiFocus.objects.all(), required=False, label=_("DSI focus"))
    areas_of_impact = VocabularyField(
        AreaOfImpact.objects.all(), required=False, label=_("Areas of impact")
    )
    technologies = VocabularyField(
        Technology.objects.all(), required=False, label=_("Technologies")
    )
    organisations = OrganisationsField(
        required=False,
        label=_("Organisations involved"),
        help_text=_(
            "One a line: the name of each organisation as it is in the directory, or the "
            "address of its page, for example https://digitalsocial.eu/organisations/polifactory/"
        ),
    )
    logo = ImageUploadField(required=False)
    header_image = ImageUploadField(label=_("Header image"), required=False)

    class Meta:
        model = Project
        fields = [
            "name", "short_description", "state", "start_date", "end_date", "country", "region",
            "description", "social_impact", "language", "website", "focus", "areas_of_impact",
            "technologies", "organisations", "tags", "networks", "logo", "header_image",
        ]  # fmt: skip
        labels = {
            "name": _("Name of the project"),
            "short_description": _("One-line summary"),
            "state": _("Is the project live or closed?"),
            "start_date": _("When did it start?"),
            "end_date": _("When did it end?"),
            "region": _("City or region"),
            "description": _("Description"),
            "social_impact": _("Social impact"),
            "tags": _("Tagged under"),
            "networks": _("Networks"),
        }
        help_texts = {
            "short_description": _("At most 140 characters. Shown on cards and in search results."),
            "state": _(
                "Closed means the work has stopped; the page stays in the directory. "
                "Choose “Status unknown” if you cannot say."
            ),
            "start_date": _("If you only know the year, choose the 1st of January."),
            "end_date": _("Leave empty while the project goes on."),
            "description": _(
                "What the project does and how. You can use Markdown: **bold**, "
                "*italic*, [links](https://example.org) and lists."
            ),
            "social_impact": _(
                "What changed for people, and how you know. Markdown works here too."
            ),
            "website": _("Starting with https:// or http://"),
            "tags": _("Topics, separated by commas: open data, air quality"),
            "networks": _("Separated by commas: FabLab Network"),
        }
        widgets = {
            "short_description": forms.TextInput(attrs={"maxlength": 140}),
            "state": forms.RadioSelect,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 10}),
            "social_impact": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("short_description", "country", "region"):
            self.fields[name].required = True
        self.fields["short_description"].error_messages["max_length"] = _(
            "The one-line summary must be 140 characters or fewer."
        )
        if self.instance.pk:
            # model_to_dict read them already: the ones linked now, published or not.
            linked = self.initial.get("organisations")
            if isinstance(linked, list):
                self.fields["organisations"].already_linked = linked

    def clean_organisations(self):
        """The named organisations, and any unpublished one the project is linked to already
        (nobody here could name it, and saving should not drop it)."""
        named = self.cleaned_data["organisations"]
        hidden = [o for o in self.fields["organisations"].already_linked if not o.is_published]
        return [*named, *hidden]
