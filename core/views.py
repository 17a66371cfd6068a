"""Uploaded files (logos, header images, pictures) served by the site itself when no
S3-compatible storage is configured. A proxy in front may serve MEDIA_ROOT instead."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# What uploads are (core.images re-encodes every one as one of these): shown in the page.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
# Even an image is never allowed to run anything or load anything.
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def media(request, path):
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except ValueError:  # outside MEDIA_ROOT: ../ and the like
        raise Http404 from None
    if not full_path.is_file():
        raise Http404
    stat = full_path.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type = IMAGE_TYPES.get(full_path.suffix.lower())
    response = FileResponse(
        full_path.open("rb"),
        content_type=content_type or "application/octet-stream",
        # Anything that is not one of our images is a download, never a page.
        as_attachment=content_type is None,
        filename=full_path.name,
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
