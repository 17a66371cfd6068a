"""What the Celery tasks of every app share: publishing that never fails a page."""

import functools
import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError

from core.versions import fold_shares

logger = logging.getLogger(__name__)


class OutboxTask(DjangoTask):
    """A task whose work is first written to a row (the outbox pattern), so publishing is best
    effort: with the broker down, delay_on_commit() logs and returns, and a periodic requeue task
    publishes the row's work once the broker is back. A page never fails for it."""

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(functools.partial(self._publish_or_log, args, kwargs))

    def _publish_or_log(self, args, kwargs):
        try:
            self.apply_async(args, kwargs)
        except (OperationalError, OSError) as error:
            logger.warning(
                "Broker unavailable, %s%r left for the requeue task: %s", self.name, args, error
            )
        except Exception:
            # Whatever else went wrong in publishing, the row is saved: never fail the page.
            logger.exception("Could not queue %s%r; left for the requeue task", self.name, args)


@shared_task
def fold_data_versions():
    """Keep the data-version shares few (run by beat): see core.versions.fold_shares."""
    return fold_shares()
