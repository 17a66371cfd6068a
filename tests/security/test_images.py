"""Uploads keep their pixels and nothing else."""

import io

import pytest
from django import forms
from PIL import Image, PngImagePlugin

from core.images import ImageUploadField


def clean(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    upload.size = len(data)
    return ImageUploadField().to_python(upload).read()


def test_jpeg_comments_and_exif_are_dropped():
    exif = Image.Exif()
    exif[0x010E] = "SECRET-DESCRIPTION"  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "teal").save(
        buffer, format="JPEG", comment=b"SECRET-COMMENT", exif=exif.tobytes()
    )
    assert b"SECRET-COMMENT" in buffer.getvalue()
    cleaned = clean(buffer.getvalue(), "photo.jpg")
    assert b"SECRET" not in cleaned
    assert b"\xff\xfe" not in cleaned  # no COM segment at all
    assert b"Exif" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).size == (32, 32)


def test_png_text_chunks_are_dropped_and_transparency_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SECRET-TEXT")
    image = Image.new("P", (16, 16), 0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, transparency=0)
    cleaned = clean(buffer.getvalue(), "logo.png")
    assert b"SECRET-TEXT" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).info.get("transparency") == 0


def test_what_is_not_an_image_is_still_refused():
    with pytest.raises(forms.ValidationError):
        clean(b"<svg onload=alert(1)>", "logo.png")
