"""The kinds of record people submit, described once so that one suite tests them all alike."""

from dataclasses import dataclass

from django.urls import reverse

from mail.models import OutboundEmail
from mail.tasks import send_email
from organisations.models import Organisation
from projects.models import AreaOfImpact, DsiFocus, Project, Technology
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory


def pks(model, *slugs):
    return [str(pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def organisation_data(**overrides):
    return {
        "name": "Officina Aperta",
        "organisation_type": "grassroots",
        "size": "0-5",
        "short_description": "A neighbourhood makerspace in Turin.",
        "country": "IT",
        "region": "Turin",
        "address": "",
        "description": "We **repair** things together.",
        "website": "https://officina.example.org",
        "tags": "repair, makerspace",
        "networks": "FabLab Network",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


def project_data(**overrides):
    return {
        "name": "Aria Pulita",
        "short_description": "Citizens measure the air of their street.",
        "state": "live",
        "start_date": "2016-03-01",
        "end_date": "",
        "country": "IT",
        "region": "Milan",
        "description": "Sensors on **balconies** across the city.",
        "social_impact": "Two streets became *low-traffic* zones.",
        "website": "https://aria.example.org",
        "focus": pks(DsiFocus, "open-data", "open-hardware"),
        "areas_of_impact": pks(AreaOfImpact, "health-and-care"),
        "technologies": pks(Technology, "sensors-and-internet-of-things"),
        "organisations": "",
        "tags": "air quality, sensors",
        "networks": "Making Sense",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


@dataclass(frozen=True)
class Kind:
    name: str  # as the pages say it: "organisation", "project"
    model: type
    factory: type
    valid_data: object
    # A description as typed in valid_data, and how it is stored.
    typed_description: str
    stored_description: str

    @property
    def create_url(self):
        return reverse(f"{self.model._meta.app_label}:create")

    @property
    def list_url(self):
        return reverse(f"{self.model._meta.app_label}:list")

    def invite_url(self, record):
        return reverse(f"{self.model._meta.app_label}:invite", args=[record.slug])

    @property
    def changelist_url(self):
        meta = self.model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


KINDS = [
    Kind(
        "organisation",
        Organisation,
        OrganisationFactory,
        organisation_data,
        "We **repair** things together.",
        "<p>We <strong>repair</strong> things together.</p>",
    ),
    Kind(
        "project",
        Project,
        ProjectFactory,
        project_data,
        "Sensors on **balconies** across the city.",
        "<p>Sensors on <strong>balconies</strong> across the city.</p>",
    ),
]


def send_queued_emails():
    """Send what the outbox holds, as a worker would."""
    for pk in OutboundEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        send_email(pk)


def queued_email_count():
    return OutboundEmail.objects.count()
