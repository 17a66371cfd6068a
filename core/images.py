"""Uploaded images are trusted only after Pillow has read them: PNG, JPEG or WebP, at most
5 MB, never SVG, and re-encoded so that nothing but pixels is kept."""

import io

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # well above any logo or header, well below a decompression bomb
FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "WEBP": ("webp", "image/webp"),
}


class ImageUploadField(forms.FileField):
    default_error_messages = {
        "too_big": _("The image must be 5 MB or smaller."),
        "not_an_image": _("Upload a PNG, JPEG or WebP image. This file is not one."),
        "too_many_pixels": _("The image is too large in pixels; it must be under 40 megapixels."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("PNG, JPEG or WebP, at most 5 MB."))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/png,image/jpeg,image/webp")

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(self.error_messages["too_big"], code="too_big")
        return reencode(upload, self.error_messages)


def reencode(upload, messages):
    try:
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise forms.ValidationError(messages["not_an_image"], code="not_an_image")
            if image.width * image.height > MAX_PIXELS:
                raise forms.ValidationError(messages["too_many_pixels"], code="too_many_pixels")
            image.load()
            source_format = image.format
            extension, content_type = FORMATS[source_format]
            if source_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            # Pixels only: Pillow writes back what it read into `info` (JPEG comments, EXIF
            # with its GPS position, ICC profiles, PNG text chunks) unless it is dropped. A
            # palette's transparent colour is part of the picture, so it stays.
            image.info = {k: v for k, v in image.info.items() if k == "transparency"}
            output = io.BytesIO()
            image.save(output, format=source_format)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise forms.ValidationError(messages["not_an_image"], code="not_an_image") from error
    stem = (upload.name or "image").rsplit(".", 1)[0][:80] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", output.getvalue(), content_type)
