from django.core.management.base import BaseCommand

from alerts import digests


class Command(BaseCommand):
    help = (
        "Send the digests of saved-filter alerts that are due and have something new (what beat "
        "does every hour), here and now. With --now every confirmed alert counts as due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="treat every confirmed alert as due")

    def handle(self, *args, **options):
        results = {}
        for pk in digests.due_alert_ids(force=options["now"]):
            result = digests.send_digest(pk, force=options["now"])
            results[result] = results.get(result, 0) + 1
        sent = results.pop("sent", 0)
        self.stdout.write(self.style.SUCCESS(f"Digests queued: {sent}"))
        for result, count in sorted(results.items()):
            self.stdout.write(f"  {result}: {count}")
