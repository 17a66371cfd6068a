"""Every page type of the site, with real-looking data behind it: what the HTML checker and axe
read. A new page type joins here once and both checks cover it."""

from dataclasses import dataclass

from django.urls import reverse

from alerts.models import Alert
from blog.models import Post
from casestudies.models import CaseStudy
from demo.showcase import seed_showcase
from events.models import Event
from funding.models import Opportunity
from organisations.models import Organisation
from projects.models import Project
from submissions.models import SiteSettings


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    signed_in: bool = False
    status: int = 200


def every_page_type(user):
    """Seeds the showcase, gives `user` an organisation and a project to edit, and returns the
    page types, each at one address."""
    seed_showcase()
    organisation = Organisation.objects.published().get(slug="polifactory")
    organisation.owner = user
    organisation.save(update_fields=["owner"])
    project = Project.objects.published().filter(organisations=organisation).first()
    project = project or Project.objects.published().first()
    project.owner = user
    project.save(update_fields=["owner"])
    # Issue 10: an imported-looking profile, owner-less and undescribed, and its claim page.
    orphan = Organisation.objects.create(
        name="Fablab Palermo", slug="fablab-palermo-2017", status="published", region="PALERMO"
    )
    quiet = Project.objects.create(name="Quiet Project", slug="quiet-project", status="published")
    case_study = CaseStudy.objects.published().first()
    post = Post.objects.published().first()
    event = Event.objects.published().upcoming().first()
    event.owner = user
    event.save(update_fields=["owner"])
    past_event = Event.objects.published().past().first()
    call = Opportunity.objects.published().open().first()
    call.owner = user
    call.save(update_fields=["owner"])
    closed_call = Opportunity.objects.published().closed().first()
    alert = Alert.objects.create(
        email=user.email, kind="organisations", filters={"country": "IT"}, consent_text="Yes"
    )
    Alert.objects.create(email=user.email, kind="projects", status="confirmed", consent_text="Yes")
    return [
        PageType("home", reverse("home")),
        PageType("organisation list", reverse("organisations:list")),
        PageType("organisation list, filtered", reverse("organisations:list") + "?country=IT"),
        PageType("organisation list, nothing found", reverse("organisations:list") + "?q=zzqx"),
        PageType("organisation profile", organisation.get_absolute_url()),
        PageType("organisation form", reverse("organisations:create"), signed_in=True),
        PageType("organisation edit form", organisation.get_edit_url(), signed_in=True),
        PageType("project list", reverse("projects:list")),
        PageType("project list, filtered", reverse("projects:list") + "?state=live"),
        PageType("project page", project.get_absolute_url()),
        PageType("project form", reverse("projects:create"), signed_in=True),
        PageType("project edit form", project.get_edit_url(), signed_in=True),
        PageType("case study list", reverse("casestudies:list")),
        PageType("case study", case_study.get_absolute_url()),
        PageType("News & blogs", reverse("blog:list")),
        PageType("post", post.get_absolute_url()),
        PageType("event list", reverse("events:list")),
        PageType("event list, filtered", reverse("events:list") + "?country=IT&online=in-person"),
        PageType("event list, nothing found", reverse("events:list") + "?tag=zzqx"),
        PageType("past events", reverse("events:past")),
        PageType("event", event.get_absolute_url()),
        PageType("past event", past_event.get_absolute_url()),
        PageType("event form", reverse("events:create"), signed_in=True),
        PageType("event edit form", event.get_edit_url(), signed_in=True),
        PageType("funding list", reverse("funding:list")),
        PageType("funding list, filtered", reverse("funding:list") + "?type=grant&country=IT"),
        PageType("closed funding calls", reverse("funding:closed")),
        PageType("funding call", call.get_absolute_url()),
        PageType("closed funding call", closed_call.get_absolute_url()),
        PageType("funding form", reverse("funding:create"), signed_in=True),
        PageType("funding edit form", call.get_edit_url(), signed_in=True),
        PageType("search, empty", reverse("search:results")),
        PageType("search results", reverse("search:results") + "?q=fab"),
        PageType("search, one type", reverse("search:results") + "?q=fab&type=organisations"),
        PageType("search, nothing found", reverse("search:results") + "?q=zzqxw"),
        PageType("newsletter", reverse("newsletter:subscribe")),
        PageType("newsletter, thanks", reverse("newsletter:thanks")),
        PageType("newsletter, confirmed", reverse("newsletter:confirmed")),
        PageType("sign in", reverse("account_login")),
        PageType("sign up", reverse("account_signup")),
        PageType("password reset", reverse("account_reset_password")),
        PageType("profile", reverse("accounts:profile"), signed_in=True),
        PageType("delete account", reverse("accounts:delete"), signed_in=True),
        PageType("email addresses", reverse("account_email"), signed_in=True),
        PageType("two-factor", reverse("mfa_index"), signed_in=True),
        PageType("open data", reverse("opendata:page")),
        PageType("alert form", reverse("alerts:new") + "?kind=organisations&country=IT&size=x"),
        PageType("alert, check your inbox", reverse("alerts:sent")),
        PageType("alert, confirm", reverse("alerts:confirm", args=[alert.confirm_token()])),
        PageType("alerts of an address", reverse("alerts:manage", args=[alert.manage_token()])),
        PageType("alert, end", reverse("alerts:unsubscribe", args=[alert.unsubscribe_token()])),
        PageType("alert, bad link", reverse("alerts:confirm", args=["forged"]), status=400),
        PageType("organisation profile, owner-less and empty", orphan.get_absolute_url()),
        PageType(
            "claim page",
            reverse("claims:claim", args=["organisations", orphan.slug]),
            signed_in=True,
        ),
        PageType("project page, state unknown", quiet.get_absolute_url()),
        PageType(
            "report a problem", reverse("curation:report", args=["organisations", orphan.slug])
        ),
        PageType("map", reverse("atlas:map")),
        PageType("map of a country", reverse("atlas:map") + "?country=IT"),
        PageType("map of projects", reverse("atlas:map") + "?kind=projects"),
        PageType("network", reverse("atlas:network")),
        PageType("network, everyone", reverse("atlas:network") + "?show=all"),
        PageType("not found", "/organisations/no-such-organisation/", status=404),
    ]


def closed_submissions_page():
    """The page every submission form becomes while the switch is off."""
    SiteSettings.objects.update_or_create(pk=1, defaults={"submissions_open": False})
    return PageType(
        "submissions closed", reverse("organisations:create"), signed_in=True, status=503
    )
