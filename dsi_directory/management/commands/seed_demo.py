from django.core.management.base import BaseCommand

from organisations import demo as organisation_demo


class Command(BaseCommand):
    help = (
        "Create demo content: Polifactory and a few dozen realistic organisations; "
        "with --organisations N, N more generated ones in bulk (for benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=0, metavar="N")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any organisation exists."
        )

    def handle(self, *args, organisations, if_empty, **options):
        from organisations.models import Organisation

        if if_empty and Organisation.objects.exists():
            self.stdout.write("The database already has content; nothing seeded.")
            return
        showcase = organisation_demo.seed_showcase()
        self.stdout.write(f"Showcase organisations created: {showcase}")
        if organisations:
            organisation_demo.seed_bulk(organisations, progress=self._progress)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Bulk organisations created: {organisations}"))

    def _progress(self, done, total):
        self.stdout.write(f"\r  organisations: {done:,}/{total:,}", ending="")
        self.stdout.flush()
