from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from blog.filters import PostFilter
from blog.models import Category, Post
from core.http import conditional_on
from core.listing import page_links, paginate
from core.schema import absolute

PAGE_SIZE = 12


@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on("posts", "tags", per_minute=True)
def post_list(request):
    posts = PostFilter(request.GET, queryset=Post.objects.published())
    page = paginate(request, posts.qs.for_listing(), PAGE_SIZE)
    context = {
        "page": page,
        "page_range": page_links(page),
        "filters": posts.active,
        "categories": Category.choices,
    }
    template = "blog/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@conditional_on("posts", "tags", per_minute=True)
def post_detail(request, slug):
    post = get_object_or_404(
        Post.objects.published().select_related("author").prefetch_related("tags"), slug=slug
    )
    context = {"post": post, "post_json_ld": schema_org(post, request)}
    return render(request, "blog/detail.html", context)


def schema_org(post, request):
    """A News post as a schema.org NewsArticle, a Blog post as a BlogPosting."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if post.category == Category.NEWS else "BlogPosting",
        "headline": post.title,
        "url": absolute(post.get_absolute_url()),
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if post.description:
        data["description"] = post.description
    if post.byline:
        data["author"] = {"@type": "Person", "name": post.byline}
    if post.featured_image:
        data["image"] = absolute(post.featured_image.url)
    tags = [t.name for t in post.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data
