from tests.support.fixtures import celery_worker, smtp_sink  # noqa: F401
