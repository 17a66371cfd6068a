from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every form on the site, allauth's included, renders the same accessible way: an error
    summary at the top linking to each field, and the message repeated at the field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
