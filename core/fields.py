from django.db import models

from core.text import clean_rich_text


class RichTextField(models.TextField):
    """Text stored as cleaned HTML, whichever way the row is written (forms, admin, imports)."""

    def pre_save(self, model_instance, add):
        value = clean_rich_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
