from django.core.management.base import BaseCommand
from taggit.models import Tag

from blog.models import Post
from casestudies.models import CaseStudy
from core.bulk import analyse
from core.models import NetworkTag
from demo import scale, showcase
from events.models import Event
from funding.models import Opportunity
from organisations.models import Organisation
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Create demo content: Polifactory and a few dozen realistic organisations, projects "
        "linked to them, featured case studies, News & blogs, events and funding calls "
        "(demo/data/*.json); with --organisations N, --projects N, --events N and "
        "--funding-calls N, N more generated ones in bulk (for benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=0, metavar="N")
        parser.add_argument("--projects", type=int, default=0, metavar="N")
        parser.add_argument("--events", type=int, default=0, metavar="N")
        parser.add_argument("--funding-calls", type=int, default=0, metavar="N")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any organisation exists."
        )

    def handle(self, *args, organisations, projects, events, funding_calls, if_empty, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("The database already has content; nothing seeded.")
            return
        created = showcase.seed_showcase()
        self.stdout.write(f"Showcase organisations created: {created['organisations']}")
        self.stdout.write(f"Showcase projects created: {created['projects']}")
        self.stdout.write(f"Case studies created: {created['case studies']}")
        self.stdout.write(f"News & blogs posts created: {created['posts']}")
        self.stdout.write(f"Events created: {created['events']}")
        self.stdout.write(f"Funding calls created: {created['funding calls']}")
        if organisations:
            scale.seed_organisations(organisations, progress=self._progress("organisations"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk organisations created: {organisations}"))
        if projects:
            scale.seed_projects(projects, progress=self._progress("projects"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk projects created: {projects}"))
        if events:
            scale.seed_events(events, progress=self._progress("events"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk events created: {events}"))
        if funding_calls:
            scale.seed_funding_calls(funding_calls, progress=self._progress("funding calls"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk funding calls created: {funding_calls}"))
        analyse(Organisation, Project, CaseStudy, Post, Event, Opportunity, Tag, NetworkTag)

    def _progress(self, label):
        def report(done, total):
            self.stdout.write(f"\r  {label}: {done:,}/{total:,}", ending="")
            self.stdout.flush()

        return report
