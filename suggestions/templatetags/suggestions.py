"""{% organisations_like organisation as similar %} and {% projects_like project as similar %}:
the profile templates ask for suggestions here, so organisations and projects never import
this app (which reads both)."""

from django import template

from suggestions import engine

register = template.Library()


@register.simple_tag(takes_context=True)
def organisations_like(context, organisation):
    if not organisation.is_published:
        return []
    return engine.organisations_like(organisation, request=context.get("request"))


@register.simple_tag(takes_context=True)
def projects_like(context, project):
    if not project.is_published:
        return []
    return engine.projects_like(project, request=context.get("request"))
