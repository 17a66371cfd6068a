"""The Celery app: `celery -A dsi_directory worker --beat` (see `make worker`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsi_directory.settings")

app = Celery("dsi_directory")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
