# The Celery app is loaded with Django, so that shared tasks use it.
from dsi_directory.celery import app as celery_app

__all__ = ("celery_app",)
