"""Demo News & blogs. Used by `manage.py seed_demo`."""

import datetime

from django.db import transaction
from django.utils import timezone

from blog.models import Category, Post
from core.models import ModerationStatus

SHOWCASE = [
    (
        "The DSI Directory is open",
        Category.NEWS,
        "Europe's directory of digital social innovation is back, with the profiles from "
        "digitalsocial.eu.",
        "The organisations and projects that built digitalsocial.eu have a new home. Search "
        "them, add yours, and tell us what you would like the directory to do next.",
        ["announcement"],
        1,
    ),
    (
        "What makerspaces taught us about health",
        Category.BLOG,
        "Notes from a year of co-design sprints between makers, therapists and patients.",
        "Assistive devices are a perfect match for open hardware: every person is different, "
        "and a design that can be changed is worth more than one that is finished.",
        ["health", "makers"],
        6,
    ),
    (
        "Call for case studies",
        Category.NEWS,
        "Tell us how your project changed things: we feature new case studies every month.",
        "We are looking for stories of digital social innovation from every part of Europe. "
        "Write to us with a few lines about your project.",
        ["call"],
        12,
    ),
    (
        "Community networks after the pandemic",
        Category.BLOG,
        "Why villages that built their own internet coped better, and what cities can learn.",
        "Community networks are owned by the people who use them. When demand grew overnight, "
        "they could decide together what to do.",
        ["open networks", "commons"],
        20,
    ),
]


@transaction.atomic
def seed_showcase():
    """A few News & blogs posts, published over the last weeks; does nothing twice."""
    if Post.objects.exists():
        return 0
    now = timezone.now()
    for title, category, summary, body, tags, days_ago in SHOWCASE:
        post = Post.objects.create(
            title=title,
            category=category,
            summary=summary,
            body=body,
            author_name="The DSI Directory team",
            status=ModerationStatus.PUBLISHED,
            published_at=now - datetime.timedelta(days=days_ago),
        )
        post.tags.add(*tags)
    return len(SHOWCASE)
