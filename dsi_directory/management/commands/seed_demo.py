from django.core.management.base import BaseCommand

from blog import demo as blog_demo
from casestudies import demo as case_study_demo
from organisations import demo as organisation_demo
from projects import demo as project_demo


class Command(BaseCommand):
    help = (
        "Create demo content: Polifactory and a few dozen realistic organisations, projects "
        "linked to them, featured case studies and News & blogs; with --organisations N and "
        "--projects N, N more generated ones in bulk (for benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=0, metavar="N")
        parser.add_argument("--projects", type=int, default=0, metavar="N")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any organisation exists."
        )

    def handle(self, *args, organisations, projects, if_empty, **options):
        from organisations.models import Organisation

        if if_empty and Organisation.objects.exists():
            self.stdout.write("The database already has content; nothing seeded.")
            return
        showcase = organisation_demo.seed_showcase()
        self.stdout.write(f"Showcase organisations created: {showcase}")
        self.stdout.write(f"Showcase projects created: {project_demo.seed_showcase()}")
        self.stdout.write(f"Case studies created: {case_study_demo.seed_showcase()}")
        self.stdout.write(f"News & blogs posts created: {blog_demo.seed_showcase()}")
        if organisations:
            organisation_demo.seed_bulk(organisations, progress=self._progress("organisations"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk organisations created: {organisations}"))
        if projects:
            project_demo.seed_bulk(projects, progress=self._progress("projects"))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk projects created: {projects}"))

    def _progress(self, label):
        def report(done, total):
            self.stdout.write(f"\r  {label}: {done:,}/{total:,}", ending="")
            self.stdout.flush()

        return report
