from tests.support.fixtures import (  # noqa: F401
    celery_worker,
    private_redis,
    smtp_sink,
    worker_process,
)
