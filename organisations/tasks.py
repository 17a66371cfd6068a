from celery import shared_task

from organisations import cube


@shared_task(ignore_result=True)
def refresh_facet_cube():
    """Beat, every minute: build the facet cube again if the data moved (a no-op otherwise,
    and when another refresh is running)."""
    cube.refresh()
