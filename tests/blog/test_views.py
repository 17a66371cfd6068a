import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from core.models import ModerationStatus
from tests.blog.factories import PostFactory
from tests.html import assert_no_live_script

pytestmark = pytest.mark.django_db

LIST_URL = reverse("blog:list")
FEED_URL = reverse("blog:feed")
SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def titles(response):
    return [p.title for p in response.context["page"].object_list]


@pytest.fixture
def posts():
    return [
        PostFactory(title="Old news", category="news", published_at=ago(days=30)),
        PostFactory(title="A blog", category="blog", published_at=ago(days=2)),
        PostFactory(title="Fresh news", category="news", published_at=ago(hours=1)),
        PostFactory(title="Scheduled", published_at=ago(days=-1)),  # tomorrow
        PostFactory(title="Draft", status=ModerationStatus.DRAFT, published_at=ago(days=1)),
    ]


def test_published_requires_the_time_to_have_come(posts):
    assert list(Post.objects.published().values_list("title", flat=True)) == [
        "Fresh news",
        "A blog",
        "Old news",
    ]


def test_list_newest_first_and_never_scheduled_or_drafts(client, posts):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert titles(response) == ["Fresh news", "A blog", "Old news"]
    content = response.content.decode()
    assert "Scheduled" not in content and "Draft" not in content
    assert "<title>News &amp; blogs · DSI Directory</title>" in content
    assert '<meta name="description" content="News and blog posts' in content
    assert (
        f'type="application/rss+xml" title="News &amp; blogs · DSI Directory" href="{FEED_URL}"'
        in content
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "news"}, ["Fresh news", "Old news"]),
        ({"category": "blog"}, ["A blog"]),
        ({"category": "poetry"}, ["Fresh news", "A blog", "Old news"]),  # ignored
        ({"category": SCRIPT}, ["Fresh news", "A blog", "Old news"]),
        ({"category": ["news", "blog"]}, ["A blog"]),  # the last value, as Django reads it
        ({"page": "999999"}, ["Fresh news", "A blog", "Old news"]),  # the last page
        ({"page": "abc"}, ["Fresh news", "A blog", "Old news"]),
    ],
)
def test_list_filter_by_category_and_garbage(client, posts, query, expected):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert titles(response) == expected
    assert SCRIPT.encode() not in response.content


def test_category_title_and_htmx_partial(client, posts):
    content = client.get(LIST_URL, {"category": "blog"}).content.decode()
    assert "<title>Blog · DSI Directory</title>" in content
    assert 'aria-current="page">Blog</a>' in content
    htmx = client.get(LIST_URL, {"category": "news"}, headers={"HX-Request": "true"})
    assert htmx.content.decode().lstrip().startswith('<div id="results"')


def test_empty_state(client):
    assert "No blog posts found" in client.get(LIST_URL).content.decode()


def test_list_query_count_is_fixed(client, django_user_model, django_assert_max_num_queries):
    authors = [
        django_user_model.objects.create_user(email=f"a{n}@example.org", name=f"Author {n}")
        for n in range(3)
    ]
    for n in range(30):
        PostFactory(author=authors[n % 3], author_name="", summary="", tags=["a", "b"])
    for query in [{}, {"category": "news", "page": "2"}]:
        with django_assert_max_num_queries(8):
            response = client.get(LIST_URL, query)
        assert response.status_code == 200


def test_post_page_shows_author_and_date(client, django_user_model):
    author = django_user_model.objects.create_user(email="ada@example.org", name="Ada Lovelace")
    post = PostFactory(
        title="DSI in 2026",
        category="blog",
        author=author,
        author_name="",
        summary="What changed this year.",
        body="Some *text*.",
        published_at=datetime.datetime(2026, 3, 14, 9, 0, tzinfo=datetime.UTC),
        tags=["policy"],
    )
    response = client.get(post.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>DSI in 2026 · DSI Directory</title>" in content
    assert '<meta name="description" content="What changed this year.">' in content
    assert "By Ada Lovelace" in content
    assert "14 March 2026" in content
    assert "<em>text</em>" in content
    assert '"@type": "BlogPosting"' in content
    assert '"datePublished": "2026-03-14T09:00:00+00:00"' in content


def test_author_display_name_wins_and_survives_a_deleted_user(client, django_user_model):
    author = django_user_model.objects.create_user(email="x@example.org", name="Account Name")
    post = PostFactory(author=author, author_name="The DSI team")
    assert "By The DSI team" in client.get(post.get_absolute_url()).content.decode()
    author.delete()
    post.refresh_from_db()
    assert post.author is None
    assert "By The DSI team" in client.get(post.get_absolute_url()).content.decode()


def test_post_page_query_count_is_fixed(client, django_assert_max_num_queries):
    post = PostFactory(tags=[f"t{n}" for n in range(10)])
    with django_assert_max_num_queries(8):
        assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "draft"},
        {"status": "pending"},
        {"status": "rejected"},
        {"published_at": "future"},
    ],
)
def test_unpublished_or_scheduled_post_is_404(client, changes):
    if changes.get("published_at") == "future":
        changes = {"published_at": ago(minutes=-5)}
    post = PostFactory(**changes)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_no_post_takes_the_feeds_address():
    post = Post.objects.create(title="Feed", status="published")
    assert post.slug == "feed-2"


def test_feed_is_valid_rss_with_published_items_only(client, posts, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(FEED_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "News & blogs · DSI Directory"
    assert channel.findtext("link") == "http://testserver/blog/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Fresh news", "A blog", "Old news"]
    first = items[0]
    assert first.findtext("link") == f"http://testserver{posts[2].get_absolute_url()}"
    assert first.findtext("pubDate")
    assert first.findtext("category") == "News"
    assert first.findtext("description") == posts[2].summary


def test_feed_with_many_posts_has_a_fixed_query_count(client, django_assert_max_num_queries):
    for _ in range(30):
        PostFactory(summary="", tags=["x"])
    with django_assert_max_num_queries(8):
        response = client.get(FEED_URL)
    assert len(ET.fromstring(response.content).find("channel").findall("item")) == 20  # noqa: S314 - our own response


def test_hostile_text_is_harmless_everywhere(client, admin_client):
    post = PostFactory(
        title=f"Evil {SCRIPT}",
        summary=f"Summary {ONERROR}",
        body=f"<p>Fine</p>{SCRIPT}<a href='{JS_URL}'>x</a>{ONERROR}",
        author_name=SCRIPT,
        tags=[f"tag {SCRIPT}"],
    )
    post.refresh_from_db()
    assert "<script" not in post.body and "onerror" not in post.body
    for url in [LIST_URL, post.get_absolute_url(), "/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert_no_live_script(response.content)
        assert b"Evil &lt;script&gt;" in response.content
    # In the feed the text is data: parsed back, it is the same characters, never markup.
    feed = client.get(FEED_URL)
    root = ET.fromstring(feed.content)  # noqa: S314 - our own response
    item = root.find("channel").find("item")
    assert item.findtext("title") == f"Evil {SCRIPT}"
    assert b"<script>" not in feed.content
    assert b"<img " not in feed.content
    changelist = admin_client.get(reverse("admin:blog_post_changelist"))
    assert changelist.status_code == 200
    assert_no_live_script(changelist.content)
    change = admin_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assert_no_live_script(change.content)


def test_admin_filters_and_bulk_publish(admin_client):
    drafts = [PostFactory(status=ModerationStatus.DRAFT, category="blog") for _ in range(2)]
    url = reverse("admin:blog_post_changelist")
    response = admin_client.post(
        url,
        {"action": "publish_selected", "_selected_action": [p.pk for p in drafts]},
        follow=True,
    )
    assert "2 published." in response.content.decode()
    response = admin_client.get(url, {"category__exact": "blog", "status__exact": "published"})
    assert len(response.context["cl"].result_list) == 2
