"""Files the tests upload, made in memory."""

import io

from PIL import Image


def image_bytes(fmt="PNG", size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    return buffer.getvalue()


def png(size=(64, 64), name="logo.png"):
    """A PNG file object, as a browser would upload it."""
    upload = io.BytesIO(image_bytes("PNG", size))
    upload.name = name
    return upload
